import type { Pool, PoolClient } from 'pg'
import type { StoreOpenShift } from '../../../shared/contract/sync/store-day'
import { cstDayRange } from './items'

/**
 * The live shifts (交班) still open at the store's counters that cover `day`: opened before the day's end (or,
 * for a day still running, before the moment asked), as the counters' synced `shifts` rows say. The store's day
 * is closed only once every counter has handed its drawer over.
 */
export async function openShifts(db: Pool | PoolClient, storeId: string, day: string, asOf: Date): Promise<StoreOpenShift[]> {
  const end = new Date(cstDayRange(day)[1])
  const before = (end < asOf ? end : asOf).toISOString()
  const r = await db.query<{ terminal_no: number; label: string; body: { no: number; cashier: string; opened_at: string } }>(
    `SELECT t.terminal_no, t.label, s.body FROM counter_rows s JOIN terminals t ON t.terminal_uid = s.terminal_uid
     WHERE t.store_id = $1 AND s.tbl = 'shifts' AND s.op <> 'delete' AND s.body->>'state' = 'open' AND (s.body->>'training')::int = 0
       AND s.body->>'opened_at' < $2
     ORDER BY t.terminal_no, (s.body->>'no')::int`,
    [storeId, before],
  )
  return r.rows.map((s) => ({ terminalNo: s.terminal_no, label: s.label, shiftNo: s.body.no, cashier: s.body.cashier, openedAt: s.body.opened_at }))
}
