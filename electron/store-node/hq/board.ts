import type { Pool } from 'pg'
import type { HqBoard } from '../../../shared/contract/sync/hq'
import { cstDayRange } from '../store-day/items'
import { boardRows } from './board-store'

/**
 * The head office's board for a day: per store, its watermark (the last time it reported having nothing
 * unsent), whether that covers the day, its latest reconciliation of the day as the store synced it (the
 * run's status, or "explained" once every difference of a run with differences is resolved), and its Z's. `shown` keeps the stores of a region (the page's filter, a regional
 * manager's regions).
 */
export async function chainBoard(pool: Pool, day: string, now: Date, shown: (admdvs: string) => boolean = () => true): Promise<HqBoard> {
  const end = new Date(cstDayRange(day)[1])
  const required = end < now ? end : now
  const rows = (await boardRows(pool, day)).filter((s) => shown(s.admdvs))
  const stores = rows.map((s) => ({
    storeId: s.store_id,
    name: s.name,
    admdvs: s.admdvs,
    reportedThrough: s.reported_through?.toISOString() ?? null,
    lastPushAt: s.last_push_at?.toISOString() ?? null,
    complete: s.reported_through !== null && s.reported_through >= required,
    reconciliation: (s.run_status === null ? 'none' : s.run_status === 'agreed' ? 'agreed' : Number(s.open_differences) === 0 ? 'explained' : 'differences') as
      'agreed' | 'explained' | 'differences' | 'none',
    closed: s.closed,
    zParts: Number(s.z_parts),
    blocked: s.blocked,
  }))
  return {
    day,
    stores,
    notReconciled: stores.filter((s) => s.reconciliation === 'none' || s.reconciliation === 'differences').map((s) => s.storeId),
    notClosed: stores.filter((s) => !s.closed).map((s) => s.storeId),
  }
}
