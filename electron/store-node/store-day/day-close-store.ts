import type { Pool, PoolClient } from 'pg'
import type { StoreReport, StoreTerminal } from '../../../shared/contract/sync/store-day'

/** The store's day closes, one row per part (`store_day_closes`), and what a close reads beside them. */

export interface CloseRow {
  part: number
  closed_at: Date
  closed_by: string
  recon_run_id: string
  recon_status: 'agreed' | 'explained'
  note: string | null
  terminals: StoreTerminal[]
  covered: string[]
  report: StoreReport
}

export async function closeParts(db: Pool | PoolClient, storeId: string, day: string): Promise<CloseRow[]> {
  const r = await db.query<CloseRow>(
    'SELECT part, closed_at, closed_by, recon_run_id, recon_status, note, terminals, covered, report FROM store_day_closes WHERE store_id = $1 AND day = $2 ORDER BY part',
    [storeId, day],
  )
  return r.rows
}

export async function insertClosePart(
  client: PoolClient,
  p: {
    storeId: string
    day: string
    part: number
    at: Date
    actor: string
    reconRunId: number
    reconStatus: string
    note: string | null
    terminals: string
    covered: string
    report: string
  },
): Promise<void> {
  await client.query(
    `INSERT INTO store_day_closes (store_id, day, part, closed_at, closed_by, recon_run_id, recon_status, note, terminals, covered, report)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [p.storeId, p.day, p.part, p.at, p.actor, p.reconRunId, p.reconStatus, p.note, p.terminals, p.covered, p.report],
  )
}

/** The fingerprint of the store's side a reconciliation run saw. */
export async function runFingerprint(client: PoolClient, runId: number): Promise<string> {
  return (await client.query<{ fingerprint: string }>('SELECT fingerprint FROM store_recon_runs WHERE id = $1', [runId])).rows[0].fingerprint
}

/** The store's counters' labels by number. */
export async function terminalLabels(db: Pool | PoolClient, storeId: string): Promise<Map<number, string>> {
  const r = await db.query<{ terminal_no: number; label: string }>('SELECT terminal_no, label FROM terminals WHERE store_id = $1', [storeId])
  return new Map(r.rows.map((t) => [t.terminal_no, t.label]))
}

/** Whether the day is closed (its part 0 written). */
export async function isDayClosed(client: PoolClient, storeId: string, day: string): Promise<boolean> {
  const closed = await client.query('SELECT 1 FROM store_day_closes WHERE store_id = $1 AND day = $2 AND part = 0', [storeId, day])
  return Boolean(closed.rowCount)
}

/** The days in [begin, end] the store closed (part 0 written). */
export async function closedDaysBetween(db: Pool | PoolClient, storeId: string, begin: string, end: string): Promise<string[]> {
  const r = await db.query<{ day: string }>(
    "SELECT to_char(day, 'YYYY-MM-DD') AS day FROM store_day_closes WHERE store_id = $1 AND day BETWEEN $2 AND $3 AND part = 0",
    [storeId, begin, end],
  )
  return r.rows.map((d) => d.day)
}
