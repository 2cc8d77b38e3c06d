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

export const LocaleContext = createContext<Locale>('zh-CN')
/** The app-wide messages (title bar, login, errors). */
export const useT = (): Translate => translator(useContext(LocaleContext))
export const useLocale = () => useContext(LocaleContext)

/**
 * Each screen keeps its own messages beside it: Chinese first (the default), English with exactly the
 * same keys, checked by the compiler. `{name}` placeholders are filled from the second argument.
 */
export function defineMessages<K extends string>(zh: Record<K, string>, english: Record<K, string>) {
  return function useMessages() {
    const dict = useContext(LocaleContext) === 'en' ? english : zh
    return (key: K, vars?: Record<string, string | number>) =>
      vars ? dict[key].replace(/\{(\w+)\}/g, (m, v: string) => (v in vars ? String(vars[v]) : m)) : dict[key]
  }
}
export type { MessageKey }
