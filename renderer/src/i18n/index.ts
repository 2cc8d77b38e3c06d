import { createContext, useContext } from 'react'
import type { z } from 'zod'
import type { LocaleSchema } from '../../../shared/contract'
import { en } from './en'
import { zhCN, type MessageKey } from './zh-CN'

export type Locale = z.infer<typeof LocaleSchema>
export type Translate = (key: MessageKey) => string

const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en }

export function translator(locale: Locale): Translate {
  return (key) => dictionaries[locale][key]
}

export const I18nContext = createContext<Translate>(translator('zh-CN'))
export const useT = () => useContext(I18nContext)
export type { MessageKey }
