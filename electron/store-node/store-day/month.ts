import type { Pool } from 'pg'
import { daysBetween, monthSide, type MonthSide } from '../../../shared/recon/month-side'
import { closedDaysBetween } from './day-close-store'
import { storeItems } from './items'

/**
 * The whole store's side of a month from every counter's synced settlements, read day by day with the
 * store day's own rules (so the month is the sum of the days the store reconciled and closed). A platform
 * row whose insured place was not recorded is counted as the store's own region, as the counter does.
 */
export async function storeMonthSide(
  pool: Pool,
  storeId: string,
  begin: string,
  end: string,
  admdvs: string,
): Promise<{ side: MonthSide; closedDays: string[] }> {
  const days = daysBetween(begin, end)
  const perDay = []
  for (const day of days) {
    const items = await storeItems(pool, storeId, day)
    perDay.push({
      day,
      items: items.flatMap((i) =>
        i.platform ? [{ refund: i.platform.refund, parts: i.parts, payerRegion: i.payerRegion, insuplc: i.insuplc ?? admdvs }] : [],
      ),
    })
  }
  return { side: monthSide(perDay, admdvs), closedDays: await closedDaysBetween(pool, storeId, begin, end) }
}
