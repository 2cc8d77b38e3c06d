import type { DayReport, Group } from '../../../shared/contract/manager/schemas'
import { CLR_TYPES, INSUTYPES } from '../../../shared/nhsa/codes'
import { brokenIdentities, type DayItem } from './day-events'
import { Tally, yuanText, type Parts } from './totals'

export const SELF_PAY_KEY = 'self'
export const SOURCES = [
  { key: 'fund', label: '医保基金', part: 'fund' },
  { key: 'account', label: '个人账户', part: 'account' },
  { key: 'mutualAid', label: '亲属共济', part: 'mutualAid' },
  { key: 'hospital', label: '机构分担', part: 'hospital' },
  { key: 'cash', label: '现金', part: 'cash' },
  { key: 'mobile', label: '移动支付', part: 'mobile' },
] as const satisfies readonly { key: string; label: string; part: keyof Parts }[]

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

function grouped(items: DayItem[], keyOf: (i: DayItem) => string, labelOf: (k: string) => string): Group[] {
  const by = new Map<string, { sales: Tally; refunds: Tally }>()
  for (const i of items) {
    const k = keyOf(i)
    let g = by.get(k)
    if (!g) by.set(k, (g = { sales: new Tally(), refunds: new Tally() }))
    ;(i.kind === 'sale' ? g.sales : g.refunds).add(i.parts)
  }
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, g]) => ({ key, label: labelOf(key), sales: g.sales.view(), refunds: g.refunds.view(), net: g.sales.plus(g.refunds, -1).view() }))
}

/** The day at a glance: every figure is a sum over the items a drill-down lists. */
export function buildDayReport(day: string, training: boolean, items: DayItem[], names: { user: (id: string) => string }, generatedAt: string): DayReport {
  const sales = new Tally()
  const refunds = new Tally()
  for (const i of items) (i.kind === 'sale' ? sales : refunds).add(i.parts)
  const hours = Array.from({ length: 24 }, (_, hour) => ({ hour, count: 0, fen: 0 }))
  for (const i of items) {
    if (i.kind !== 'sale') continue
    const h = new Date(new Date(i.at).getTime() + 8 * 3600_000).getUTCHours()
    hours[h].count++
    hours[h].fen += i.parts.medical + i.parts.goods
  }
  return {
    day,
    training,
    closed: null,
    generatedAt,
    sales: sales.view(),
    refunds: refunds.view(),
    net: sales.plus(refunds, -1).view(),
    byInsurance: grouped(items, insuranceKey, insuranceLabel),
    bySource: SOURCES.map((s) => {
      const sold = sales.parts[s.part]
      const back = refunds.parts[s.part]
      return {
        key: s.key,
        label: s.label,
        sales: yuanText(sold),
        refunds: yuanText(back),
        net: yuanText(sold - back),
        count: items.filter((i) => i.parts[s.part] !== 0).length,
      }
    }),
    byCashier: grouped(
      items,
      (i) => i.cashier,
      (k) => names.user(k),
    ),
    byTerminal: grouped(
      items,
      (i) => i.terminalId,
      (k) => k,
    ),
    byHour: hours.map((h) => ({ hour: h.hour, count: h.count, total: yuanText(h.fen) })),
    identityBreaks: brokenIdentities(items),
  }
}
