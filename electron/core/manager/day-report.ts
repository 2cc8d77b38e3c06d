import type { DayReport, Group } from '../../../shared/contract/manager/schemas'
import { CLR_TYPES, INSUTYPES } from '../../../shared/nhsa/codes'
import type { DayItem } from './day-events'
import { identitiesHold, Tally, yuanText, zeroParts } from './totals'

export const SELF_PAY_KEY = 'self'
/** The parts buildDayReport counts items by, field by field: every payment source's part must be one. */
type CountedPart = 'fund' | 'account' | 'mutualAid' | 'hospital' | 'cash' | 'mobile'
export const SOURCES = [
  { key: 'fund', label: '医保基金', part: 'fund' },
  { key: 'account', label: '个人账户', part: 'account' },
  { key: 'mutualAid', label: '亲属共济', part: 'mutualAid' },
  { key: 'hospital', label: '机构分担', part: 'hospital' },
  { key: 'cash', label: '现金', part: 'cash' },
  { key: 'mobile', label: '移动支付', part: 'mobile' },
] as const satisfies readonly { key: string; label: string; part: CountedPart }[]

export function insuranceKey(i: DayItem): string {
  return i.platform ? `${i.platform.insutype}|${i.platform.clrType}` : SELF_PAY_KEY
}

export function insuranceLabel(key: string): string {
  if (key === SELF_PAY_KEY) return '自费（未经医保）'
  const [insutype, clr] = key.split('|')
  const a = (INSUTYPES as Record<string, string>)[insutype] ?? insutype
  const b = (CLR_TYPES as Record<string, string>)[clr] ?? clr
  return `${a} · ${b}`
}

/** Which items a drill-down key names, group by group (the same keys the report hands out). */
export function matches(i: DayItem, group: 'all' | 'insurance' | 'source' | 'cashier' | 'terminal', key: string | undefined): boolean {
  if (group === 'all' || key === undefined) return true
  if (group === 'insurance') return insuranceKey(i) === key
  if (group === 'cashier') return i.cashier === key
  if (group === 'terminal') return i.terminalId === key
  const source = SOURCES.find((s) => s.key === key)
  return source ? i.parts[source.part] !== 0 : false
}

/** The hour in Beijing of an ISO instant: read from the text when it is UTC ("…T01:…Z" is 09), else parsed. */
function cstHour(at: string): number {
  if (at.length >= 20 && at[10] === 'T' && at.endsWith('Z')) return (Number(at.slice(11, 13)) + 8) % 24
  return new Date(new Date(at).getTime() + 8 * 3600_000).getUTCHours()
}

/** One grouping's sales and refunds by key, filled as the items go by. */
class Grouping {
  private readonly by = new Map<string, { sales: Tally; refunds: Tally }>()

  add(key: string, i: DayItem): void {
    let g = this.by.get(key)
    if (!g) this.by.set(key, (g = { sales: new Tally(), refunds: new Tally() }))
    ;(i.kind === 'sale' ? g.sales : g.refunds).add(i.parts)
  }

  view(labelOf: (k: string) => string): Group[] {
    return [...this.by.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, g]) => ({ key, label: labelOf(key), sales: g.sales.view(), refunds: g.refunds.view(), net: g.sales.plus(g.refunds, -1).view() }))
  }
}

/**
 * The day at a glance: every figure is a sum over the items a drill-down lists. One pass over the items
 * fills every figure (it was one pass per grouping, per payment source and for the identities: a day at
 * a glance went over 5,000 items a dozen times).
 */
export function buildDayReport(day: string, training: boolean, items: DayItem[], names: { user: (id: string) => string }, generatedAt: string): DayReport {
  const sales = new Tally()
  const refunds = new Tally()
  const byInsurance = new Grouping()
  const byCashier = new Grouping()
  const byTerminal = new Grouping()
  const hours = Array.from({ length: 24 }, (_, hour) => ({ hour, count: 0, fen: 0 }))
  // How many items have something from each payment source (SOURCES' parts), field by field.
  const nonZero = zeroParts()
  const identityBreaks: string[] = []
  for (const i of items) {
    const p = i.parts
    if (i.kind === 'sale') {
      sales.add(p)
      const h = cstHour(i.at)
      hours[h].count++
      hours[h].fen += p.medical + p.goods
    } else refunds.add(p)
    byInsurance.add(insuranceKey(i), i)
    byCashier.add(i.cashier, i)
    byTerminal.add(i.terminalId, i)
    if (p.fund !== 0) nonZero.fund++
    if (p.account !== 0) nonZero.account++
    if (p.mutualAid !== 0) nonZero.mutualAid++
    if (p.hospital !== 0) nonZero.hospital++
    if (p.cash !== 0) nonZero.cash++
    if (p.mobile !== 0) nonZero.mobile++
    if (!identitiesHold(p)) identityBreaks.push(i.saleId)
  }
  return {
    day,
    training,
    closed: null,
    generatedAt,
    sales: sales.view(),
    refunds: refunds.view(),
    net: sales.plus(refunds, -1).view(),
    byInsurance: byInsurance.view(insuranceLabel),
    bySource: SOURCES.map((s) => {
      const sold = sales.parts[s.part]
      const back = refunds.parts[s.part]
      return { key: s.key, label: s.label, sales: yuanText(sold), refunds: yuanText(back), net: yuanText(sold - back), count: nonZero[s.part] }
    }),
    byCashier: byCashier.view((k) => names.user(k)),
    byTerminal: byTerminal.view((k) => k),
    byHour: hours.map((h) => ({ hour: h.hour, count: h.count, total: yuanText(h.fen) })),
    identityBreaks,
  }
}
