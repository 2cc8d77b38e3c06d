import { randomUUID } from 'node:crypto'
import type { Pool, PoolClient } from 'pg'
import type { StoreSale, StoreSaleQuery } from '../../../shared/contract/sync/across'
import type { Clock } from '../../base/clock'
import { StoreNodeError } from '../errors'
import { inTransaction } from '../migrations'
import { commandRefundedElsewhere } from '../commands-store'
import {
  acceptedSaleUploads,
  grantLease,
  lapseLease,
  linesOfSales,
  lockLease,
  markLeaseRefunded,
  saleRows,
  sellerHeardAt,
  type LeaseRow,
  type SaleRowHit,
} from './sales-store'

/**
 * Long enough for a 2103 and the reversal the counter sends inline when its answer is lost; a counter that
 * crashed in between lets it lapse, and its own recovery settles the message under its own msgid.
 */
export const LEASE_MS = 5 * 60_000

/**
 * How long a selling counter may be unheard (no "nothing unsent" report) before another counter is refused its
 * sale's lease. A seller cut off from the store node refunds its own sale without a lease (the customer is at
 * its desk); while it is silent nobody can tell whether it is doing so, so the sale waits for the seller.
 * Twelve of the pusher's 5 s rounds: a seller that is merely busy is never taken for silent.
 */
export const SELLER_SILENT_MS = 60_000

type Db = Pool | PoolClient

async function withLines(db: Db, hits: SaleRowHit[]): Promise<StoreSale[]> {
  if (!hits.length) return []
  const lines = await linesOfSales(
    db,
    hits.map((h) => h.pk),
  )
  const uploads = await acceptedSaleUploads(
    db,
    hits.map((h) => h.pk),
  )
  const requestOf = (b: Record<string, unknown>) => (typeof b.request === 'string' ? b.request : JSON.stringify(b.request))
  return hits.map((h) => ({
    sale_id: h.pk,
    terminal_uid: h.terminal_uid,
    terminal_no: h.terminal_no,
    terminal_label: h.label,
    sale: h.body,
    lines: lines.filter((l) => l.terminal_uid === h.terminal_uid && l.body.sale_id === h.pk).map((l) => l.body),
    refunded: h.refunded,
    sold_uploads: uploads.filter((u) => u.terminal_uid === h.terminal_uid && u.body.sale_id === h.pk).map((u) => requestOf(u.body)),
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
      const lease = await lockLease(client, storeId, saleId, hit.terminal_uid, now)
      refusedUnlessFree(lease, saleId, terminalUid, now, hit.body.state === 'refunded')
      if (hit.terminal_uid !== terminalUid) {
        const heard = await sellerHeardAt(client, hit.terminal_uid)
        if (!heard || heard.getTime() < now.getTime() - SELLER_SILENT_MS) {
          const seller = String(hit.terminal_no).padStart(2, '0')
          const since = heard ? `已 ${Math.floor((now.getTime() - heard.getTime()) / 60_000)} 分钟` : '从未'
          throw new StoreNodeError(
            'SALE_SELLER_SILENT',
            `售出这笔销售的 ${seller} 号收银台${since}未与门店服务器联系，无法确认它是否正在退这笔销售；请在 ${seller} 号收银台退货，或待它恢复联系后再试`,
          )
        }
      }
      await grantLease(client, storeId, saleId, terminalUid, now, expires)
      const [sale] = await withLines(client, [hit])
      return { sale, expires_at: expires.toISOString() }
    })
  } finally {
    client.release()
  }
}

function refusedUnlessFree(lease: LeaseRow, saleId: string, terminalUid: string, now: Date, refunded: boolean): void {
  if (lease.refunded_at || refunded) throw new StoreNodeError('SALE_ALREADY_REFUNDED', `销售单 ${saleId.slice(0, 8)} 已经退货`)
  if (lease.terminal_uid !== terminalUid && lease.expires_at > now) {
    throw new StoreNodeError('SALE_LEASED', `${String(lease.terminal_no).padStart(2, '0')} 号收银台正在办理这笔销售的退货，请稍后再试`)
  }
}

/**
 * The seller's lease on its own sale before its own refund (2103), so that it and another counter never both
 * send one. Granted whether or not the sale has reached the store node yet: the lease row is made with the
 * seller as owner, and another counter that finds the sale later meets it.
 */
export async function takeOwnRefundLease(pool: Pool, clock: Clock, storeId: string, terminalUid: string, saleId: string): Promise<{ expires_at: string }> {
  const client = await pool.connect()
  try {
    return await inTransaction(client, async () => {
      const now = clock.now()
      const expires = new Date(now.getTime() + LEASE_MS)
      const lease = await lockLease(client, storeId, saleId, terminalUid, now)
      if (lease.owner_uid !== terminalUid) throw new StoreNodeError('BAD_REQUEST', `销售单 ${saleId.slice(0, 8)} 不是本收银台售出的`)
      refusedUnlessFree(lease, saleId, terminalUid, now, false)
      await grantLease(client, storeId, saleId, terminalUid, now, expires)
      return { expires_at: expires.toISOString() }
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
        return lapseLease(client, storeId, r.sale_id, terminalUid, now)
      }
      if (!r.msgid) throw new StoreNodeError('BAD_REQUEST', '退货完成需要退费报文的 msgid')
      const row = await markLeaseRefunded(client, storeId, r.sale_id, terminalUid, now, r.msgid)
      if (!row) throw new StoreNodeError('LEASE_NOT_HELD', `销售单 ${r.sale_id.slice(0, 8)} 没有本收银台的退货租约`)
      // The seller refunding its own sale has nobody to tell.
      if (row.owner_uid === terminalUid) return true
      await commandRefundedElsewhere(client, {
        commandId: randomUUID(),
        storeId,
        terminalUid: row.owner_uid,
        msgid: r.msgid,
        saleId: r.sale_id,
        byTerminalNo: row.by_no,
        at: now,
      })
      return true
    })
  } finally {
    client.release()
  }
}
