import type { Pool } from 'pg'
import type { HqBoard } from '../../../shared/contract/sync/hq'
import { cstDayRange } from '../store-day/items'

/**
 * The head office's board for a day: per store, its watermark (the last time it reported having nothing
 * unsent), whether that covers the day, its latest reconciliation of the day as the store synced it (the
 * run's status, or "explained" once every difference of a run with differences is resolved), and its Z's.
 */
export async function chainBoard(pool: Pool, day: string, now: Date): Promise<HqBoard> {
  const end = new Date(cstDayRange(day)[1])
  const required = end < now ? end : now
  const r = await pool.query<{
    store_id: string
    name: string
    admdvs: string
    reported_through: Date | null
    last_push_at: Date | null
    run_status: 'agreed' | 'differences' | null
    open_differences: string | null
    z_parts: string
    closed: boolean
    blocked: boolean
  }>(
    `WITH own AS (SELECT h.store_id, h.store_uid FROM hq_stores h),
     runs AS (
       SELECT DISTINCT ON (own.store_id) own.store_id, o.body->>'id' AS run_id, o.body->>'status' AS status
       FROM own JOIN counter_rows o ON o.terminal_uid = own.store_uid AND o.tbl = 'store_recon_runs' AND o.body->>'day' = $1
       ORDER BY own.store_id, (o.body->>'id')::bigint DESC)
     SELECT h.store_id, s.name, h.admdvs, h.reported_through, h.last_push_at, runs.status AS run_status,
            (SELECT count(*) FROM counter_rows d WHERE d.terminal_uid = h.store_uid AND d.tbl = 'store_recon_differences'
               AND d.body->>'run_id' = runs.run_id AND d.body->>'resolution' IS NULL) AS open_differences,
            (SELECT count(*) FROM counter_rows z WHERE z.terminal_uid = h.store_uid AND z.tbl = 'store_day_closes' AND z.body->>'day' = $1) AS z_parts,
            EXISTS (SELECT 1 FROM counter_rows z WHERE z.terminal_uid = h.store_uid AND z.tbl = 'store_day_closes' AND z.body->>'day' = $1
                      AND (z.body->>'part')::int = 0) AS closed,
            EXISTS (SELECT 1 FROM terminals t WHERE t.hq_store_uid = h.store_uid AND t.blocked_at IS NOT NULL) AS blocked
     FROM hq_stores h JOIN stores s ON s.store_id = h.store_id LEFT JOIN runs ON runs.store_id = h.store_id
     ORDER BY h.store_id`,
    [day],
  )
  const stores = r.rows.map((s) => ({
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
