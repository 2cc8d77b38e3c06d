import { PosError } from '../../../shared/contract'
import { prepared } from '../../base/store/statements'
import type { Db } from '../../base/store/database'

/**
 * A sale of this counter that another counter of the store refunded (told by the store node's command,
 * `refunded_elsewhere`, migration 0385): its own refund is refused, since the platform already gave the money
 * back and the other counter's drawer paid the cash.
 */
export function refusedIfRefundedElsewhere(db: Db, saleId: string): void {
  const r = prepared(db, 'SELECT by_terminal_no, noted_at FROM refunded_elsewhere WHERE sale_id = ?').get(saleId) as { by_terminal_no: number; noted_at: string } | undefined
  if (r) {
    const no = String(r.by_terminal_no).padStart(2, '0')
    throw new PosError('SALE_REFUNDED_ELSEWHERE', `这笔销售已在 ${no} 号收银台退货（${r.noted_at.slice(0, 16).replace('T', ' ')} UTC 通知），不能再次退货`)
  }
}
