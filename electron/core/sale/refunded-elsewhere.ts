import { PosError } from '../../../shared/contract'
import type { Db } from '../../base/store/database'
import { refundedElsewhereOf } from './refunded-elsewhere-store'

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
