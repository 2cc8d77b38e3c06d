import { pinyin, polyphonic } from 'pinyin-pro'

/**
 * The searchable forms of an item name, computed once at import so a search only reads indexes.
 * NFKC folds the full-width letters and digits Chinese input methods produce (ａｍｘｌ, ９９９) into
 * ASCII, on both the stored key and the query, so they meet.
 */
export function searchKey(value: string): string {
  // Control characters count as spaces: a NUL ends an FTS5 query string early ("unterminated string"),
  // and no name or code is looked up by one.
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{Cc}]+/gu, ' ')
    .trim()
}

const ALNUM = /^[a-z0-9]$/
const WORD_CHAR = /^[\p{L}\p{N}]$/u
/** Whether a code point may appear in a gram: the common cases without a Unicode regex. */
function isWordChar(c: string): boolean {
  const code = c.charCodeAt(0)
  if (code >= 0x4e00 && code <= 0x9fff) return true
  if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) return true
  if (code < 128) return false
  return WORD_CHAR.test(c)
}
/** Enough readings for the polyphones that matter without flooding the index with unlikely spellings. */
const MAX_INITIALS_VARIANTS = 4

const readingsByChar = new Map<string, string[]>()
const initialsByKey = new Map<string, Initials>()
const MEMO_LIMIT = 50_000

function readingsOf(char: string): string[] {
  let found = readingsByChar.get(char)
  if (!found) {
    const options = polyphonic(char, { pattern: 'first', toneType: 'none', type: 'array' })[0] ?? []
    found = [...new Set(options.map((o) => o.toLowerCase()).filter((o) => ALNUM.test(o)))]
    readingsByChar.set(char, found)
  }
  return found
}

export interface Initials {
  /** The most likely reading (pinyin-pro reads polyphones in context: 长春 chang, 重组 zhong). */
  primary: string
  /** Primary first, then spellings with one polyphone read another way (参苓 -> slbzs). */
  all: string[]
}

function computeInitials(key: string): Initials {
  const chars = [...key]
  const perChar = chars.map(readingsOf)
  const ambiguous = perChar.some((r) => r.length > 1)
  // Whole-name pinyin is ~10x slower than the per-character table, so only polyphones pay for context.
  const context = ambiguous ? pinyin(key, { pattern: 'first', toneType: 'none', type: 'array' }) : null
  const primary: string[] = chars.map((c, k) => {
    if (ALNUM.test(c)) return c
    const readings = perChar[k]
    if (readings.length === 0) return ''
    const inContext = context?.[k]?.toLowerCase()
    return inContext && readings.includes(inContext) ? inContext : readings[0]
  })
  const all = [primary.join('')]
  for (let k = 0; k < chars.length && all.length < MAX_INITIALS_VARIANTS; k++) {
    for (const alt of perChar[k]) {
      if (alt === primary[k] || all.length >= MAX_INITIALS_VARIANTS) continue
      const variant = primary.slice()
      variant[k] = alt
      const spelled = variant.join('')
      if (!all.includes(spelled)) all.push(spelled)
    }
  }
  return { primary: all[0], all }
}

/** Pinyin initials of a search key: Chinese characters by initial, Latin letters and digits kept. */
export function initialsOf(key: string): Initials {
  let found = initialsByKey.get(key)
  if (!found) {
    found = computeInitials(key)
    // Real catalogs repeat names across makers and specs; a bounded memo keeps that cheap.
    if (initialsByKey.size >= MEMO_LIMIT) initialsByKey.clear()
    initialsByKey.set(key, found)
  }
  return found
}

/**
 * Every 1- and 2-character gram of the letters and digits in a key, space separated: the token
 * index answers the 1-2 character queries the trigram index cannot (阿莫, 片).
 */
export function gramsOf(key: string): string {
  const chars = [...key]
  const word = chars.map(isWordChar)
  const grams = new Set<string>()
  for (let k = 0; k < chars.length; k++) {
    if (!word[k]) continue
    grams.add(chars[k])
    if (word[k + 1]) grams.add(chars[k] + chars[k + 1])
  }
  return [...grams].join(' ')
}

/** The first 1 and 2 characters of the name, and of every initials spelling, for 1-2 character prefixes. */
export function headsOf(key: string, initials: Initials): { name: string; initials: string } {
  const chars = [...key]
  const name: string[] = []
  if (chars.length > 0 && isWordChar(chars[0])) {
    name.push(chars[0])
    if (chars.length > 1 && isWordChar(chars[1])) name.push(chars[0] + chars[1])
  }
  const heads = new Set<string>()
  for (const spelling of initials.all) {
    if (spelling.length > 0) heads.add(spelling.slice(0, 1))
    if (spelling.length > 1) heads.add(spelling.slice(0, 2))
  }
  return { name: name.join(' '), initials: [...heads].join(' ') }
}

/** True when every character can appear in a gram token, i.e. a gram lookup can answer the query. */
export function isGramQuery(key: string): boolean {
  const chars = [...key]
  return chars.length >= 1 && chars.length <= 2 && chars.every(isWordChar)
}

/** Could be typed pinyin initials (or a code): ASCII letters and digits only. */
export function isInitialsQuery(key: string): boolean {
  return /^[a-z0-9]+$/.test(key)
}

/** An FTS5 string literal: the whole query as one phrase, quotes doubled. */
export function ftsPhrase(value: string): string {
  return `"${value.replace(/"/g, '""')}"`
}
