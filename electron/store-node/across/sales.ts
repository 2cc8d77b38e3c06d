import { randomUUID } from 'node:crypto'
import type { Pool, PoolClient } from 'pg'
import type { StoreSale, StoreSaleQuery } from '../../../shared/contract/sync/across'
import type { Clock } from '../../base/clock'
import { StoreNodeError } from '../errors'
import { inTransaction } from '../migrations'
import { cstDayRange } from '../store-day/items'

/**
 * Long enough for a 2103 and the reversal the counter sends inline when its answer is lost; a counter that
 * crashed in between lets it lapse, and its own recovery settles the message under its own msgid.
 */
export const LEASE_MS = 5 * 60_000

type Db = Pool | PoolClient

interface SaleRowHit {
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

async function saleRows(db: Db, storeId: string, q: StoreSaleQuery): Promise<SaleRowHit[]> {
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

async function withLines(db: Db, hits: SaleRowHit[]): Promise<StoreSale[]> {
  if (!hits.length) return []
  const lines = await db.query<{ terminal_uid: string; body: Record<string, unknown> }>(
    `SELECT terminal_uid, body FROM counter_rows WHERE tbl = 'sale_lines' AND op <> 'delete' AND body->>'sale_id' = ANY($1::text[]) ORDER BY (body->>'seq')::int`,
    [hits.map((h) => h.pk)],
  )
  const uploads = await db.query<{ terminal_uid: string; body: Record<string, unknown> }>(
    `SELECT terminal_uid, body FROM counter_rows WHERE tbl = 'offline_queue' AND op <> 'delete' AND body->>'sale_id' = ANY($1::text[])
       AND body->>'infno' = '3505' AND body->>'state' = 'done' ORDER BY (body->>'seq')::int`,
    [hits.map((h) => h.pk)],
  )
  const requestOf = (b: Record<string, unknown>) => (typeof b.request === 'string' ? b.request : JSON.stringify(b.request))
  return hits.map((h) => ({
    sale_id: h.pk,
    terminal_uid: h.terminal_uid,
    terminal_no: h.terminal_no,
    terminal_label: h.label,
    sale: h.body,
    lines: lines.rows.filter((l) => l.terminal_uid === h.terminal_uid && l.body.sale_id === h.pk).map((l) => l.body),
    refunded: h.refunded,
    sold_uploads: uploads.rows.filter((u) => u.terminal_uid === h.terminal_uid && u.body.sale_id === h.pk).map((u) => requestOf(u.body)),
  }))
}

/** The store's sales matching the query, at whichever counter sold them (live and training alike: the counter checks its mode). */
export async function findStoreSales(db: Db, storeId: string, q: StoreSaleQuery): Promise<StoreSale[]> {
  return withLines(db, await saleRows(db, storeId, q))
}

/**
 * Takes (or renews) the refund lease on a sale for `terminalUid`, in one transaction with the lease row
 * locked: refused while another counter holds it unexpired, and for good once the sale is refunded anywhere.
 */
export async function takeRefundLease(
  pool: Pool,
  clock: Clock,
  storeId: string,
  terminalUid: string,
  saleId: string,
): Promise<{ sale: StoreSale; expires_at: string }> {
  const client = await pool.connect()
  try {
    return await inTransaction(client, async () => {
      const [hit] = await saleRows(client, storeId, { sale_id: saleId })
      if (!hit) throw new StoreNodeError('SALE_NOT_IN_STORE', `门店里没有销售单 ${saleId}（可能原收银台尚未上报）`)
      const now = clock.now()
      const expires = new Date(now.getTime() + LEASE_MS)
      await client.query(
        `INSERT INTO sale_leases (store_id, sale_id, owner_uid, terminal_uid, taken_at, expires_at) VALUES ($1, $2, $3, $3, $4, $4) ON CONFLICT (store_id, sale_id) DO NOTHING`,
        [storeId, saleId, hit.terminal_uid, now],
      )
      const lease = (
        await client.query<{ terminal_uid: string; expires_at: Date; refunded_at: Date | null; terminal_no: number }>(
          `SELECT l.terminal_uid, l.expires_at, l.refunded_at, t.terminal_no FROM sale_leases l JOIN terminals t ON t.terminal_uid = l.terminal_uid
           WHERE l.store_id = $1 AND l.sale_id = $2 FOR UPDATE OF l`,
          [storeId, saleId],
        )
      ).rows[0]
      if (lease.refunded_at || hit.body.state === 'refunded') throw new StoreNodeError('SALE_ALREADY_REFUNDED', `销售单 ${saleId.slice(0, 8)} 已经退货`)
      if (lease.terminal_uid !== terminalUid && lease.expires_at > now) {
        throw new StoreNodeError('SALE_LEASED', `${String(lease.terminal_no).padStart(2, '0')} 号收银台正在办理这笔销售的退货，请稍后再试`)
      }
      await client.query('UPDATE sale_leases SET terminal_uid = $3, taken_at = $4, expires_at = $5 WHERE store_id = $1 AND sale_id = $2', [
        storeId,
        saleId,
        terminalUid,
        now,
        expires,
      ])
      const [sale] = await withLines(client, [hit])
      return { sale, expires_at: expires.toISOString() }
    })
  } finally {
    client.release()
  }
}

/**
 * Ends a refund lease. `refunded` is final and recorded whoever holds the lease now (the platform answered
 * this counter's 2103), and the selling counter is told by a command it pulls; `abandoned` frees it at once.
 */
export async function releaseRefundLease(
  pool: Pool,
  clock: Clock,
  storeId: string,
  terminalUid: string,
  r: { sale_id: string; outcome: 'refunded' | 'abandoned'; msgid: string | null },
): Promise<boolean> {
  const client = await pool.connect()
  try {
    return await inTransaction(client, async () => {
      const now = clock.now()
      if (r.outcome === 'abandoned') {
        const c = await client.query(
          'UPDATE sale_leases SET expires_at = $4 WHERE store_id = $1 AND sale_id = $2 AND terminal_uid = $3 AND refunded_at IS NULL',
          [storeId, r.sale_id, terminalUid, now],
        )
        return (c.rowCount ?? 0) > 0
      }
      if (!r.msgid) throw new StoreNodeError('BAD_REQUEST', '退货完成需要退费报文的 msgid')
      const lease = await client.query<{ owner_uid: string; by_no: number }>(
        `UPDATE sale_leases l SET terminal_uid = $3, refunded_at = COALESCE(l.refunded_at, $4), refund_msgid = COALESCE(l.refund_msgid, $5)
         FROM terminals t WHERE t.terminal_uid = $3 AND l.store_id = $1 AND l.sale_id = $2 AND (l.refunded_at IS NULL OR l.refund_msgid = $5)
         RETURNING l.owner_uid, t.terminal_no AS by_no`,
        [storeId, r.sale_id, terminalUid, now, r.msgid],
      )
      const row = lease.rows[0]
      if (!row) throw new StoreNodeError('LEASE_NOT_HELD', `销售单 ${r.sale_id.slice(0, 8)} 没有本收银台的退货租约`)
      await client.query(
        `INSERT INTO store_commands (command_id, store_id, terminal_uid, kind, msgid, sale_id, by_terminal_no, created_at)
         VALUES ($1, $2, $3, 'refunded_elsewhere', $4, $5, $6, $7) ON CONFLICT (terminal_uid, kind, msgid) DO NOTHING`,
        [randomUUID(), storeId, row.owner_uid, r.msgid, r.sale_id, row.by_no, now],
      )
      return true
    })
  } finally {
    client.release()
  }
}
