import type { Pool } from 'pg'

/** A store's row on the head office's board for a day, as the stores synced it. */
export interface BoardRow {
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
}

/** Per store: its watermark, its latest reconciliation run of the day and that run's open differences, its Z's. */
export async function boardRows(pool: Pool, day: string): Promise<BoardRow[]> {
  const r = await pool.query<BoardRow>(
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
  return r.rows
}
