import { readFileSync, writeFileSync } from 'node:fs'
import { z } from 'zod'
import { toFen, yuan } from '../../../shared/money/money'
import type { CapRow, ClassRow, SelfpayRow } from '../../../shared/nhsa/answer'
import { ChrgitmLvSchema, ListTypeSchema, type ChrgitmLv, type ListType } from '../../../shared/catalog/schemas'

/**
 * What the region's 医保目录 says about one national entry, merged into the catalog generation with the
 * 1301/1306 file: its class (1312), the share paid first (1319) and its price cap (1318). The national
 * files carry none of these (interface-audit.md §2); an entry the 医保目录 does not list is not insured
 * here, so it is imported as 丙 (self-paid in full, no cap).
 */
export interface EntryTerms {
  chrgitmLv: ChrgitmLv
  /** The 1312 list type when it gave a known one. */
  listType: ListType | null
  selfpayPropBp: number
  priceCapFen: number | null
}

export const NOT_LISTED: EntryTerms = { chrgitmLv: '03', listType: null, selfpayPropBp: 10000, priceCapFen: null }

/** Terms by hilist_code (letter case ignored, as codes are everywhere in the catalog). */
export type TermsTable = ReadonlyMap<string, EntryTerms>

/** A row holds on `day` (yyyy-MM-dd) when it is valid and its dates include the day. */
function holdsOn(row: { vali_flag: string; begndate: string; enddate: string }, day: string): boolean {
  if (row.vali_flag === '0') return false
  const begin = row.begndate.slice(0, 10)
  const end = row.enddate.slice(0, 10)
  return (begin === '' || begin <= day) && (end === '' || end >= day)
}

export interface TermsRows {
  classes: readonly ClassRow[]
  caps: readonly CapRow[]
  selfpays: readonly SelfpayRow[]
}

/**
 * The terms of every entry the rows speak of, as of `day`. Where several rows hold at once (per person
 * type, per price-cap type) the one that costs the customer most is taken: the largest share paid first
 * and the lowest cap. The catalog only estimates and shows; the platform's settlement decides.
 */
export function buildTerms(rows: TermsRows, day: string): Map<string, EntryTerms> {
  const terms = new Map<string, EntryTerms & { since: string }>()
  for (const r of rows.classes) {
    const lv = ChrgitmLvSchema.safeParse(r.chrgitm_lv.padStart(2, '0'))
    if (!lv.success || !holdsOn(r, day)) continue
    const key = r.hilist_code.toUpperCase()
    const before = terms.get(key)
    // The latest class in force wins: a class changed in the year starts a new row.
    if (before && before.since > r.begndate) continue
    const listType = ListTypeSchema.safeParse(r.list_type)
    terms.set(key, {
      ...NOT_LISTED,
      chrgitmLv: lv.data,
      listType: listType.success ? listType.data : null,
      selfpayPropBp: lv.data === '03' ? 10000 : 0,
      since: r.begndate,
    })
  }
  for (const r of rows.selfpays) {
    const t = terms.get(r.hilist_code.toUpperCase())
    if (!t || t.chrgitmLv === '03' || !holdsOn(r, day)) continue
    const bp = yuan(String(r.selfpay_prop)).times(10000).round().toNumber()
    if (bp > t.selfpayPropBp) t.selfpayPropBp = bp
  }
  for (const r of rows.caps) {
    const t = terms.get(r.hilist_code.toUpperCase())
    if (!t || !holdsOn(r, day)) continue
    const fen = toFen(yuan(String(r.hilist_pric_uplmt_amt)))
    if (fen >= 0 && (t.priceCapFen === null || fen < t.priceCapFen)) t.priceCapFen = fen
  }
  return new Map([...terms].map(([k, { since: _since, ...t }]) => [k, t]))
}

/** On disk beside a download, for the import worker: one array per entry. */
const TermsFileSchema = z.record(
  z.string(),
  z.tuple([ChrgitmLvSchema, ListTypeSchema.nullable(), z.number().int().min(0).max(10000), z.number().int().min(0).nullable()]),
)

export function writeTermsFile(file: string, terms: TermsTable): void {
  const out: z.input<typeof TermsFileSchema> = {}
  for (const [code, t] of terms) out[code] = [t.chrgitmLv, t.listType, t.selfpayPropBp, t.priceCapFen]
  writeFileSync(file, JSON.stringify(out))
}

export function readTermsFile(file: string): TermsTable {
  const parsed = TermsFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')))
  return new Map(
    Object.entries(parsed).map(([code, [chrgitmLv, listType, selfpayPropBp, priceCapFen]]) => [code, { chrgitmLv, listType, selfpayPropBp, priceCapFen }]),
  )
}
