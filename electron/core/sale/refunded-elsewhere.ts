import { PosError } from '../../../shared/contract'
import { prepared } from '../../base/store/statements'
import type { Db } from '../../base/store/database'
import type { RefundedElsewhere } from '../../../shared/contract/sale/schemas'

/**
 * A sale of this counter that another counter of the store refunded (told by the store node's command,
 * `refunded_elsewhere`, migration 0385): its own refund is refused, since the platform already gave the money
 * back and the other counter's drawer paid the cash.
 */
export function refusedIfRefundedElsewhere(db: Db, saleId: string): void {
  const r = refundedElsewhereOf(db, saleId)
  if (r) {
    const no = String(r.terminalNo).padStart(2, '0')
    throw new PosError('SALE_REFUNDED_ELSEWHERE', { terminal: no, at: r.notedAt.slice(0, 16).replace('T', ' ') })
  }
}

/** Where and under which message another counter refunded this sale, if it did. */
export function refundedElsewhereOf(db: Db, saleId: string): RefundedElsewhere | undefined {
  const r = prepared(db, 'SELECT by_terminal_no, msgid, noted_at FROM refunded_elsewhere WHERE sale_id = ?').get(saleId) as
    { by_terminal_no: number; msgid: string; noted_at: string } | undefined
  return r && { terminalNo: r.by_terminal_no, msgid: r.msgid, notedAt: r.noted_at }
}
