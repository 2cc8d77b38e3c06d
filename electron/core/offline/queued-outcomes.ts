import { PosError } from '../../../shared/contract'
import { toFen, yuan } from '../../../shared/money/money'
import type { Setlinfo } from '../../../shared/nhsa'
import type { Db } from '../../base/store/database'
import { type SaleJournal, withholdQueuedCredential } from '../journal'

/**
 * Store-and-forward: a sale queued offline settles later under the msgid it got when it was queued,
 * resent as the very same message until the platform answers (never reversed: a resend under the same
 * msgid is how the queue asks). The message is journaled here with its answer, inside the caller's
 * transaction, so the sale and the journal agree. The boxes were held when queued. Returns the customer's
 * share in fen (the platform's cash part and the goods outside insurance), read from the sale it updated.
 */
export function recordQueuedSettlement(
  db: Db,
  journal: SaleJournal,
  saleId: string,
  actor: string,
  m: { msgid: string; request: unknown; setlinfo: Setlinfo },
  pay: { method: 'cash' | 'mobile' | 'none'; tenderedFen: number },
): number {
  const s = openQueuedSale(journal, saleId)
  // Answered, the queued message is never sent again: its sealed ID number goes with this commit.
  withholdQueuedCredential(db, m.msgid)
  journal.insertMessage(m.msgid, saleId, '2102', m.request)
  journal.markMessage(m.msgid, 'answered', { response: m.setlinfo })
  const due = toFen(yuan(String(m.setlinfo.psn_cash_pay))) + s.goods_fen
  journal.ledger.setState(saleId, 'settled', actor, 'queued sale settled', {
    setl_id: m.setlinfo.setl_id,
    mdtrt_id: m.setlinfo.mdtrt_id,
    settled_msgid: m.msgid,
    setlinfo: JSON.stringify(m.setlinfo),
    pay_method: pay.method,
    cash_due_fen: due,
    tendered_fen: pay.tenderedFen,
    change_fen: pay.tenderedFen - due,
  })
  return due
}

/**
 * The platform declined a queued sale: journaled with the refusal, and the sale stands as self-paid at
 * the full price (the boxes left the store). What the customer paid offline is what was tendered; a
 * shortfall (advance mode) is owed like any sale that asked for more cash, and a cash refund works as
 * for any sale the platform never settled.
 */
export function recordQueuedDecline(
  db: Db,
  journal: SaleJournal,
  saleId: string,
  actor: string,
  m: { msgid: string; request: unknown; reason: string },
  pay: { method: 'cash' | 'mobile' | 'none'; paidFen: number },
): void {
  const s = openQueuedSale(journal, saleId)
  // Declined, the queued message is never sent again: its sealed ID number goes with this commit.
  withholdQueuedCredential(db, m.msgid)
  journal.insertMessage(m.msgid, saleId, '2102', m.request)
  journal.markMessage(m.msgid, 'refused', { error: m.reason })
  const due = s.medfee_fen + s.goods_fen
  journal.ledger.setState(saleId, 'settled', actor, `queued sale declined, self-paid: ${m.reason}`, {
    pay_method: pay.method === 'none' ? 'cash' : pay.method,
    cash_due_fen: due,
    tendered_fen: pay.paidFen,
    change_fen: pay.paidFen - due,
  })
}

function openQueuedSale(journal: SaleJournal, saleId: string) {
  const s = journal.ledger.get(saleId)
  if (s.state !== 'draft' && s.state !== 'presettled') throw new PosError('SALE_WRONG_STATE', { why: 'cannotRecordOutcome', state: s.state })
  return s
}
