import type { Pool, PoolClient } from 'pg'
import type { StoreSaleQuery } from '../../../shared/contract/sync/across'
import { cstDayRange } from '../store-day/items'

/** The store's synced sales and their lines as the counters pushed them (`counter_rows`), and refund leases (`sale_leases`). */

type Db = Pool | PoolClient

export interface SaleRowHit {
  terminal_uid: string
  terminal_no: number
  label: string
  pk: string
  body: Record<string, unknown>
  refunded: boolean
}

/**
 * A sale's row at its selling counter. The refunding counter keeps a read-only copy under the same id, which
 * it pushes too: a copy is the row of a terminal that leased the sale from another (`sale_leases.owner_uid`).
 */
const SALE_ROWS = `
  SELECT s.terminal_uid, t.terminal_no, t.label, s.pk, s.body,
         (s.body->>'state' = 'refunded' OR l.refunded_at IS NOT NULL) AS refunded
  FROM counter_rows s
  JOIN terminals t ON t.terminal_uid = s.terminal_uid
  LEFT JOIN sale_leases l ON l.store_id = t.store_id AND l.sale_id = s.pk
  WHERE t.store_id = $1 AND s.tbl = 'sales' AND s.op <> 'delete'
    AND (l.owner_uid IS NULL OR l.owner_uid = s.terminal_uid)`

export async function saleRows(db: Db, storeId: string, q: StoreSaleQuery): Promise<SaleRowHit[]> {
  if ('sale_id' in q) return (await db.query<SaleRowHit>(`${SALE_ROWS} AND s.pk = $2`, [storeId, q.sale_id])).rows
  if ('setl_id' in q) return (await db.query<SaleRowHit>(`${SALE_ROWS} AND s.body->>'setl_id' = $2`, [storeId, q.setl_id])).rows
  const [from, to] = cstDayRange(q.day)
  return (
    await db.query<SaleRowHit>(
      `${SALE_ROWS} AND s.body->>'psn_no' = $2 AND s.body->>'created_at' >= $3 AND s.body->>'created_at' < $4 ORDER BY s.body->>'created_at'`,
      [storeId, q.psn_no, from, to],
    )
  ).rows
}

/** The lines of the sales named, at every counter that pushed them, in line order. */
export async function linesOfSales(db: Db, saleIds: string[]): Promise<{ terminal_uid: string; body: Record<string, unknown> }[]> {
  const lines = await db.query<{ terminal_uid: string; body: Record<string, unknown> }>(
    `SELECT terminal_uid, body FROM counter_rows WHERE tbl = 'sale_lines' AND op <> 'delete' AND body->>'sale_id' = ANY($1::text[]) ORDER BY (body->>'seq')::int`,
    [saleIds],
  )
  return lines.rows
}

export interface LeaseRow {
  owner_uid: string
  terminal_uid: string
  expires_at: Date
  refunded_at: Date | null
  terminal_no: number
}

/** The sale's lease, created for its owner if there was none, locked until commit. */
export async function lockLease(client: PoolClient, storeId: string, saleId: string, ownerUid: string, now: Date): Promise<LeaseRow> {
  await client.query(
    `INSERT INTO sale_leases (store_id, sale_id, owner_uid, terminal_uid, taken_at, expires_at) VALUES ($1, $2, $3, $3, $4, $4) ON CONFLICT (store_id, sale_id) DO NOTHING`,
    [storeId, saleId, ownerUid, now],
  )
  return (
    await client.query<LeaseRow>(
      `SELECT l.owner_uid, l.terminal_uid, l.expires_at, l.refunded_at, t.terminal_no FROM sale_leases l JOIN terminals t ON t.terminal_uid = l.terminal_uid
           WHERE l.store_id = $1 AND l.sale_id = $2 FOR UPDATE OF l`,
      [storeId, saleId],
    )
  ).rows[0]
}

/** When the counter last said it had nothing unsent (its pusher's round; the store day's watermark). */
export async function sellerHeardAt(db: Db, terminalUid: string): Promise<Date | null> {
  const r = await db.query<{ reported_through: Date | null }>('SELECT reported_through FROM terminals WHERE terminal_uid = $1', [terminalUid])
  return r.rows[0]?.reported_through ?? null
}

export async function grantLease(client: PoolClient, storeId: string, saleId: string, terminalUid: string, now: Date, expires: Date): Promise<void> {
  await client.query('UPDATE sale_leases SET terminal_uid = $3, taken_at = $4, expires_at = $5 WHERE store_id = $1 AND sale_id = $2', [
    storeId,
    saleId,
    terminalUid,
    now,
    expires,
  ])
}

/** Lets the terminal's unrefunded lease lapse now; false when it holds none. */
export async function lapseLease(client: PoolClient, storeId: string, saleId: string, terminalUid: string, now: Date): Promise<boolean> {
  const c = await client.query('UPDATE sale_leases SET expires_at = $4 WHERE store_id = $1 AND sale_id = $2 AND terminal_uid = $3 AND refunded_at IS NULL', [
    storeId,
    saleId,
    terminalUid,
    now,
  ])
  return (c.rowCount ?? 0) > 0
}

/**
 * Records the refund on the lease (the first refund's time and msgid stay; the same msgid again is
 * accepted); answers the selling counter and the refunding counter's number, or undefined when refused.
 */
export async function markLeaseRefunded(
  client: PoolClient,
  storeId: string,
  saleId: string,
  terminalUid: string,
  now: Date,
  msgid: string,
): Promise<{ owner_uid: string; by_no: number } | undefined> {
  const lease = await client.query<{ owner_uid: string; by_no: number }>(
    `UPDATE sale_leases l SET terminal_uid = $3, refunded_at = COALESCE(l.refunded_at, $4), refund_msgid = COALESCE(l.refund_msgid, $5)
         FROM terminals t WHERE t.terminal_uid = $3 AND l.store_id = $1 AND l.sale_id = $2 AND (l.refunded_at IS NULL OR l.refund_msgid = $5)
         RETURNING l.owner_uid, t.terminal_no AS by_no`,
    [storeId, saleId, terminalUid, now, msgid],
  )
  return lease.rows[0]
}

/** The sellers' accepted 3505s of these sales (a refund elsewhere returns each against the batch it named). */
export async function acceptedSaleUploads(db: Db, saleIds: string[]): Promise<{ terminal_uid: string; body: Record<string, unknown> }[]> {
  const r = await db.query<{ terminal_uid: string; body: Record<string, unknown> }>(
    `SELECT terminal_uid, body FROM counter_rows WHERE tbl = 'offline_queue' AND op <> 'delete' AND body->>'sale_id' = ANY($1::text[])
       AND body->>'infno' = '3505' AND body->>'state' = 'done' ORDER BY (body->>'seq')::int`,
    [saleIds],
  )
  return r.rows
}
