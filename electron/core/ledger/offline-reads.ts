import type { Db } from '../../base/store/database'
import { prepared } from '../../base/store/statements'
import type { OfflineSaleRow } from '../offline'

/**
 * The ledger's named queries for the offline queue: its tables joined to a sale's columns (the person and
 * quota a settlement is ordered by, and who sold what for the manager's list), asked here because only the
 * ledger runs SQL on `sales`.
 */

/** An open queued message after `afterSeq` and not held, in order, with its sale's person and quota (none for a stock upload of no sale). */
export interface QueuedOrderRow {
  seq: number
  infno: string
  sale_id: string | null
  item_code: string | null
  psn_no: string | null
  mulaid_id: string | null
}

export function openQueuedOrders(db: Db, afterSeq: number): QueuedOrderRow[] {
  return prepared(
    db,
    `SELECT q.seq, q.infno, q.sale_id, q.item_code, s.psn_no, s.mulaid_id FROM offline_queue q LEFT JOIN sales s ON s.id = q.sale_id
       WHERE q.state IN ('queued', 'sending') AND q.seq > ? AND q.msgid NOT IN (SELECT msgid FROM offline_holds) ORDER BY q.seq`,
  ).all(afterSeq) as QueuedOrderRow[]
}

/** An answered offline sale that still owes a refund or a collection, with the sale's cashier, counter, name and total. */
export type OfflineSaleToResolve = OfflineSaleRow & {
  cashier: string
  terminal_id: string
  name_masked: string | null
  medfee_fen: number
  goods_fen: number
}

export function offlineSalesToResolve(db: Db, training: boolean): OfflineSaleToResolve[] {
  return db
    .prepare(
      "SELECT o.*, s.cashier, s.terminal_id, s.name_masked, s.medfee_fen, s.goods_fen FROM offline_sales o JOIN sales s ON s.id = o.sale_id WHERE o.training = ? AND o.resolution IN ('refund_due', 'receivable') ORDER BY o.outcome_at",
    )
    .all(training ? 1 : 0) as OfflineSaleToResolve[]
}
