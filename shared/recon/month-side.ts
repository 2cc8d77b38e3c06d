import { z } from 'zod'

/**
 * The store's own side of a month, in integer fen, from the same day items as its daily figures: what
 * the monthly clearing (3203) is compared with. Written once for a single counter (its SQLite day items)
 * and for a store node (every counter's synced items), so a store's month is the sum of its counters'.
 */
const fen = z.number().int()
export const MonthSumsSchema = z.object({ count: fen, medical: fen, fund: fen, account: fen, mutualAid: fen, personCash: fen })
export type MonthSums = z.infer<typeof MonthSumsSchema>

export const MonthSideSchema = z.object({
  store: MonthSumsSchema,
  /** Mutual aid by where the paying relative is insured; null when a sale with mutual aid did not record it. */
  aid: z.object({ same_region: MonthSumsSchema, cross_region_in_province: MonthSumsSchema, cross_province: MonthSumsSchema }).nullable(),
  /** Settlements of people insured elsewhere, per insured place (admdvs). */
  elsewhere: z.array(z.object({ admdvs: z.string(), sums: MonthSumsSchema })),
  perDay: z.array(z.object({ day: z.string(), count: fen, medical: fen })),
})
export type MonthSide = z.infer<typeof MonthSideSchema>

/** One platform settlement or revoke of the month, as the day read gives it. */
export interface MonthItem {
  refund: boolean
  parts: { medical: number; fund: number; account: number; mutualAid: number; personCash: number }
  /** Where the relative who paid from a quota is insured, when the sale recorded it. */
  payerRegion: string | null
  /** Where the insured person is insured. */
  insuplc: string
}

/** A sale's mulaid_payer is {"payerNameMasked", "relation"} and, where the counter recorded it, "payerRegion". */
export function payerRegionOf(json: string | null): string | null {
  if (!json) return null
  const v = (JSON.parse(json) as { payerRegion?: unknown }).payerRegion
  return typeof v === 'string' ? v : null
}

/** Every calendar day from begin to end, inclusive ("yyyy-MM-dd"). */
export function daysBetween(begin: string, end: string): string[] {
  const days: string[] = []
  for (let d = new Date(`${begin}T00:00:00Z`); d.toISOString().slice(0, 10) <= end; d = new Date(d.getTime() + 86_400_000))
    days.push(d.toISOString().slice(0, 10))
  return days
}

export const zeroSums = (): MonthSums => ({ count: 0, medical: 0, fund: 0, account: 0, mutualAid: 0, personCash: 0 })

export function aidRegionOf(payerRegion: string, admdvs: string): 'same_region' | 'cross_region_in_province' | 'cross_province' {
  if (payerRegion === admdvs) return 'same_region'
  return payerRegion.slice(0, 2) === admdvs.slice(0, 2) ? 'cross_region_in_province' : 'cross_province'
}

/** Sums a month of day items (platform settlements and revokes only; a revoke subtracts). */
export function monthSide(days: readonly { day: string; items: readonly MonthItem[] }[], admdvs: string): MonthSide {
  const store = zeroSums()
  const aid = { same_region: zeroSums(), cross_region_in_province: zeroSums(), cross_province: zeroSums() }
  let aidKnown = true
  const elsewhere = new Map<string, MonthSums>()
  const perDay = days.map(({ day, items }) => {
    let count = 0
    let medical = 0
    for (const i of items) {
      const sign = i.refund ? -1 : 1
      const add = (s: MonthSums) => {
        s.count += sign
        s.medical += sign * i.parts.medical
        s.fund += sign * i.parts.fund
        s.account += sign * i.parts.account
        s.mutualAid += sign * i.parts.mutualAid
        s.personCash += sign * i.parts.personCash
      }
      add(store)
      count += sign
      medical += sign * i.parts.medical
      if (i.parts.mutualAid !== 0) {
        if (i.payerRegion) add(aid[aidRegionOf(i.payerRegion, admdvs)])
        else aidKnown = false
      }
      if (i.insuplc !== admdvs) {
        const s = elsewhere.get(i.insuplc) ?? zeroSums()
        add(s)
        elsewhere.set(i.insuplc, s)
      }
    }
    return { day, count, medical }
  })
  return {
    store,
    aid: aidKnown ? aid : null,
    elsewhere: [...elsewhere].sort(([a], [b]) => a.localeCompare(b)).map(([r, sums]) => ({ admdvs: r, sums })),
    perDay,
  }
}
