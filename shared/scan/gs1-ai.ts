/**
 * The GS1 Application Identifiers a pharmacy meets on drug packs (GS1 General Specifications, section 3).
 * `fixed` AIs have a set data length and need no separator after them; the others end at FNC1/GS or at
 * the end of the data. An AI we do not know makes the whole element string unknown: its length cannot
 * be inferred, so everything after it would be a guess.
 */
export interface AiSpec {
  readonly title: string
  /** Data length (without the AI) when fixed. */
  readonly fixed?: number
  /** Maximum data length when variable. */
  readonly max?: number
  readonly numeric: boolean
}

export const AI_TABLE: Readonly<Record<string, AiSpec>> = {
  '00': { title: 'SSCC', fixed: 18, numeric: true },
  '01': { title: 'GTIN', fixed: 14, numeric: true },
  '02': { title: 'CONTENT', fixed: 14, numeric: true },
  '10': { title: 'BATCH/LOT', max: 20, numeric: false },
  '11': { title: 'PROD DATE', fixed: 6, numeric: true },
  '13': { title: 'PACK DATE', fixed: 6, numeric: true },
  '15': { title: 'BEST BEFORE', fixed: 6, numeric: true },
  '16': { title: 'SELL BY', fixed: 6, numeric: true },
  '17': { title: 'USE BY OR EXPIRY', fixed: 6, numeric: true },
  '20': { title: 'VARIANT', fixed: 2, numeric: true },
  '21': { title: 'SERIAL', max: 20, numeric: false },
  '22': { title: 'CPV', max: 20, numeric: false },
  '240': { title: 'ADDITIONAL ID', max: 30, numeric: false },
  '241': { title: 'CUST. PART No.', max: 30, numeric: false },
  '30': { title: 'VAR. COUNT', max: 8, numeric: true },
  '37': { title: 'COUNT', max: 8, numeric: true },
  '710': { title: 'NHRN PZN', max: 20, numeric: false },
  '711': { title: 'NHRN CIP', max: 20, numeric: false },
  '712': { title: 'NHRN CN', max: 20, numeric: false },
  '713': { title: 'NHRN DRN', max: 20, numeric: false },
  '714': { title: 'NHRN AIM', max: 20, numeric: false },
  '715': { title: 'NHRN NDC', max: 20, numeric: false },
}

/** Finds the AI at the start of `text`: AIs are prefix-free within this table. */
export function matchAi(text: string): string | undefined {
  for (const length of [2, 3]) {
    const candidate = text.slice(0, length)
    if (candidate.length === length && AI_TABLE[candidate]) return candidate
  }
  return undefined
}
