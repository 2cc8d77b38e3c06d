import { useLocale, type Locale } from './index'

/**
 * The punctuation a sentence is joined with, by language: Chinese takes full-width marks with no space
 * around them, English half-width marks followed by a space. Components join their words with these
 * instead of writing a full-width mark of their own.
 */
export interface Punctuation {
  /** After a label: "店长：" / "Manager: ". */
  colon: string
  /** Between clauses: "；" / "; ". */
  semicolon: string
  /** Between the items of a list: "、" / ", ". */
  listSeparator: string
  /** A remark after a word: "（x）" / " (x)". */
  paren: (text: string | number) => string
}

const ZH: Punctuation = { colon: '：', semicolon: '；', listSeparator: '、', paren: (text) => `（${text}）` }
const EN: Punctuation = { colon: ': ', semicolon: '; ', listSeparator: ', ', paren: (text) => ` (${text})` }

export const punctuation = (locale: Locale): Punctuation => (locale === 'en' ? EN : ZH)
export const usePunctuation = (): Punctuation => punctuation(useLocale())
