import type { Db } from '../../base/store/database'
import { prepared } from '../../base/store/statements'
import type { SaleRow } from './sale-rows'

/** What a day's item shows of its sale: the columns the sales_day_view index holds (migration 0240). */
export type DaySaleView = Pick<SaleRow, 'id' | 'cashier' | 'terminal_id' | 'name_masked' | 'pay_method' | 'goods_fen' | 'medfee_fen' | 'mulaid_payer'>
const SALE_VIEW = 's.id, s.cashier, s.terminal_id, s.name_masked, s.pay_method, s.goods_fen, s.medfee_fen, s.mulaid_payer'
const MESSAGE_INFNOS = `'2102', '2207', '2103', '2208'`
type JoinedRow = DaySaleView & { m_infno: string; m_response: string }
type CounterRow = DaySaleView & Pick<SaleRow, 'created_at' | 'updated_at'>

/**
 * The day's three reads. Each is answered from an index of migration 0240 (test/manager/day-read.test.ts
 * checks the plans): a sales row carries its 2101 and 2102 answers whole, so reading it costs a page.
 */
export const DAY_READS = {
  /** Settlements and revokes the platform answered, with what the day shows of their sale. */
  answered: `SELECT ${SALE_VIEW}, m.infno AS m_infno, m.response AS m_response FROM platform_messages m JOIN sales s ON s.id = m.sale_id
     WHERE m.created_at >= ? AND m.created_at < ? AND m.infno IN (${MESSAGE_INFNOS}) AND m.state = 'answered' AND s.training = ?`,
  counterSales: `SELECT ${SALE_VIEW}, s.created_at, s.updated_at FROM sales s
     WHERE created_at >= ? AND created_at < ? AND training = ? AND setl_id IS NULL AND state IN ('settled', 'refunded')`,
  counterRefunds: `SELECT ${SALE_VIEW}, s.created_at, s.updated_at FROM sales s
     WHERE state = 'refunded' AND updated_at >= ? AND updated_at < ? AND training = ? AND setl_id IS NULL`,
} as const

/** Settlements and revokes (2102/2207/2103/2208) answered in [from, to), in one mode (training 1 or 0). */
export function answeredMessagesBetween(db: Db, from: string, to: string, training: number): JoinedRow[] {
  return prepared(db, DAY_READS.answered).all(from, to, training) as JoinedRow[]
}

/** Sales settled at the counter alone (no platform settlement), opened in [from, to). */
export function counterSalesOpenedBetween(db: Db, from: string, to: string, training: number): CounterRow[] {
  return prepared(db, DAY_READS.counterSales).all(from, to, training) as CounterRow[]
}

/** Counter-only sales refunded in [from, to): 'refunded' is final, so updated_at is the refund's moment. */
export function counterRefundsBetween(db: Db, from: string, to: string, training: number): CounterRow[] {
  return prepared(db, DAY_READS.counterRefunds).all(from, to, training) as CounterRow[]
}
