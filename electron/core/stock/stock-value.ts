import type { LotView, StockCharts } from '../../../shared/contract/stock/schemas'
import { round2, yuan, ZERO, type Money } from '../../../shared/money/money'

const DAY_MS = 86_400_000

/** A lot's value at cost: its units' share of the box price, rounded half-up to the fen. */
export function lotValue(l: Pick<LotView, 'costPerBox' | 'onHandUnits' | 'packSize'>): string {
  return round2(yuan(l.costPerBox).times(l.onHandUnits).dividedBy(l.packSize)).toFixed(2)
}

/** The Monday (China time) of the week a day falls in. */
function weekOf(day: string): string {
  const t = Date.parse(`${day}T00:00:00Z`)
  const weekday = (new Date(t).getUTCDay() + 6) % 7
  return new Date(t - weekday * DAY_MS).toISOString().slice(0, 10)
}

/**
 * What the manager would rather look at than read: stock value at cost by insurance class (甲/乙/丙/自费),
 * and the units and value expiring week by week over the near-expiry window (expired lots first, as one bar).
 */
export function stockCharts(
  lots: readonly LotView[],
  classOf: (storeCode: string) => StockCharts['valueByClass'][number]['label'],
  today: string,
  nearExpiryDays: number,
): StockCharts {
  const byClass = new Map<string, { value: Money; lots: number }>()
  for (const l of lots) {
    if (l.onHandUnits <= 0) continue
    const label = classOf(l.storeCode)
    const c = byClass.get(label) ?? { value: ZERO, lots: 0 }
    byClass.set(label, { value: c.value.plus(lotValue(l)), lots: c.lots + 1 })
  }
  const order = ['甲', '乙', '丙', '自费'] as const
  const valueByClass = order
    .filter((k) => byClass.has(k))
    .map((label) => ({ label, value: byClass.get(label)!.value.toFixed(2), lots: byClass.get(label)!.lots }))

  const limit = new Date(Date.parse(`${today}T00:00:00Z`) + nearExpiryDays * DAY_MS).toISOString().slice(0, 10)
  const weeks = new Map<string, { units: number; value: Money; lots: number }>()
  for (const l of lots) {
    if (l.onHandUnits <= 0 || l.expiryDate > limit) continue
    const week = l.expired ? 'expired' : weekOf(l.expiryDate)
    const w = weeks.get(week) ?? { units: 0, value: ZERO, lots: 0 }
    weeks.set(week, { units: w.units + l.onHandUnits, value: w.value.plus(lotValue(l)), lots: w.lots + 1 })
  }
  const expiringByWeek = [...weeks.entries()]
    .sort(([a], [b]) => (a === 'expired' ? -1 : b === 'expired' ? 1 : a.localeCompare(b)))
    .map(([week, w]) => ({ week, units: w.units, value: w.value.toFixed(2), lots: w.lots }))
  return { valueByClass, expiringByWeek, total: valueByClass.reduce((s, c) => s.plus(c.value), ZERO).toFixed(2) }
}
