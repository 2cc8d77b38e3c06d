import type { Pool } from 'pg'

/**
 * The day read joins counters' rows by JSON fields; on tables that grew from nothing since PostgreSQL last
 * sampled them its plans go wrong by orders of magnitude (a 1,500-sale day read at HQ in 17 s instead of
 * 0.14 s; a 15,000-sale store day reconciled and closed in 3.7 s instead of 2.5 s). Autovacuum samples them
 * within a minute or so; a source that has just caught up after a large push gets right figures at once
 * instead, for a fraction of a second's sampling, and only while a fifth of the rows is new.
 */
export async function freshStatistics(pool: Pool): Promise<void> {
  const r = await pool.query(
    `SELECT 1 FROM pg_stat_user_tables WHERE relname = 'counter_rows' AND n_mod_since_analyze > 1000 AND n_mod_since_analyze > n_live_tup / 5`,
  )
  // The terminals join the rows to their store: a handful of rows, but without a sample the plan is still wrong.
  if (r.rowCount) await pool.query('ANALYZE counter_rows, journal_events, terminals')
}
