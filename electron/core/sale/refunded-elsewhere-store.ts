import type { Db } from '../../base/store/database'
import { prepared } from '../../base/store/statements'
import type { RefundedElsewhere } from '../../../shared/contract/sale/schemas'

/** Where and under which message another counter refunded this sale, if it did. */
export function refundedElsewhereOf(db: Db, saleId: string): RefundedElsewhere | undefined {
  const r = prepared(db, 'SELECT by_terminal_no, msgid, noted_at FROM refunded_elsewhere WHERE sale_id = ?').get(saleId) as
    { by_terminal_no: number; msgid: string; noted_at: string } | undefined
  return r && { terminalNo: r.by_terminal_no, msgid: r.msgid, notedAt: r.noted_at }
}

/** Notes, once, that another counter refunded this sale; says whether this was the first word of it. */
export function noteRefundedElsewhere(db: Db, saleId: string, byTerminalNo: number, msgid: string, at: string): boolean {
  return (
    db.prepare('INSERT OR IGNORE INTO refunded_elsewhere (sale_id, by_terminal_no, msgid, noted_at) VALUES (?, ?, ?, ?)').run(saleId, byTerminalNo, msgid, at)
      .changes > 0
  )
}
