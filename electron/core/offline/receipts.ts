import type { Settings } from '../../../shared/contract'
import { fromFen, toFen, yuan } from '../../../shared/money/money'
import type { Relation } from '../../../shared/nhsa/codes'
import { layoutReceipt, previewLines, receiptSchema, type OfflineNote, type ReceiptInput } from '../../../shared/receipt'
import type { LineRow, SaleRow } from '../ledger'
import { cstDateTime, receiptLinesOf, receiptOf } from '../sale'
import type { Estimate } from './estimate'
import type { OfflineSaleRow } from './queue'

const fen = (n: number) => fromFen(n).toFixed(2)

/** What the customer handed over at the counter while offline. */
function offlinePayment(off: OfflineSaleRow): ReceiptInput['payment'] {
  if (off.pay_method === 'cash') return { method: 'cash', tendered: fen(off.tendered_fen), change: fen(off.tendered_fen - off.paid_fen) }
  if (off.pay_method === 'mobile') return { method: 'mobile', tendered: fen(off.paid_fen), change: '0.00' }
  return { method: 'none', tendered: '0.00', change: '0.00' }
}

/**
 * The receipt of an offline sale, printed at the counter: marked offline with its mode, what was paid now
 * and what happens next. Deposit: the customer paid everything; the insured part is handed back once the
 * platform settles. Advance: the fund, account and quota parts are the estimate the store advanced.
 */
export function offlineReceipt(sale: SaleRow, lines: LineRow[], off: OfflineSaleRow, settings: Settings, cashier: string): ReceiptInput {
  const e = JSON.parse(off.estimate) as Estimate
  const advance = off.mode === 'advance'
  const payer = sale.mulaid_payer ? (JSON.parse(sale.mulaid_payer) as { payerNameMasked: string; relation: Relation }) : null
  const mulaid = advance ? e.mutualAid : '0.00'
  const total = sale.medfee_fen + sale.goods_fen
  return {
    store: { name: settings.fixmedinsName, institutionCode: settings.fixmedinsCode },
    terminalId: sale.terminal_id,
    cashier,
    soldAt: cstDateTime(off.queued_at),
    saleId: sale.id,
    settlementId: null,
    lines: receiptLinesOf(lines),
    totals: {
      saleTotal: fen(total),
      medicalTotal: fen(sale.medfee_fen),
      fundPay: advance ? e.fund : '0.00',
      ownAccount: advance ? e.account : '0.00',
      mutualAid: mulaid,
      cash: fen(off.paid_fen),
    },
    mutualAid: payer && yuan(mulaid).gt(0) ? { payerName: payer.payerNameMasked, relation: payer.relation, quotaLeft: e.quotaLeft } : null,
    accountBalance: null,
    payment: offlinePayment(off),
    // Both modes leave the same sum to the platform: deposit hands it back later, advance lent it now.
    offline: { stage: 'queued', mode: off.mode, insuredEstimate: fen(total - toFen(yuan(e.cashDue))) },
  }
}

function settledUp(off: OfflineSaleRow): Extract<OfflineNote, { paidBefore: string }>['settledUp'] {
  if (off.resolution === 'refund_due' || off.resolution === 'receivable') return 'open'
  return off.resolved_action === 'written_off' ? 'waived' : 'done'
}

/**
 * The corrected receipt once the platform has answered: the platform's split when it settled, all
 * self-paid when it declined; with what was paid offline and what is refunded or still owed.
 */
export function correctedReceipt(sale: SaleRow, lines: LineRow[], off: OfflineSaleRow, settings: Settings, cashier: string): ReceiptInput | null {
  if (off.outcome === null) return null
  const note = (stage: 'settled' | 'declined'): OfflineNote => ({
    stage,
    mode: off.mode,
    paidBefore: fen(off.paid_fen),
    due: fen(off.due_fen ?? 0),
    settledUp: settledUp(off),
    reason: off.decline_reason,
  })
  const method = off.pay_method === 'mobile' ? 'mobile' : 'cash'
  const base = receiptOf(sale, lines, settings, cashier)
  if (off.outcome === 'settled') {
    const share = base.totals.cash
    const paid = yuan(share).isZero() ? 'none' : method
    return {
      ...base,
      soldAt: cstDateTime(off.queued_at),
      payment: { method: paid, tendered: paid === 'none' ? '0.00' : share, change: '0.00' },
      offline: note('settled'),
    }
  }
  const total = fen(sale.medfee_fen + sale.goods_fen)
  return {
    ...base,
    soldAt: cstDateTime(off.queued_at),
    lines: base.lines.map((l) => ({ ...l, class: 'self' as const })),
    totals: { saleTotal: total, medicalTotal: '0.00', fundPay: '0.00', ownAccount: '0.00', mutualAid: '0.00', cash: total },
    mutualAid: null,
    accountBalance: null,
    payment: { method, tendered: total, change: '0.00' },
    offline: note('declined'),
  }
}

/** The receipt as it stands now: the corrected one once the platform has answered, else the offline one. */
export function receiptAsItStands(sale: SaleRow, lines: LineRow[], off: OfflineSaleRow, settings: Settings, cashier: string): ReceiptInput | null {
  return off.outcome ? correctedReceipt(sale, lines, off, settings, cashier) : offlineReceipt(sale, lines, off, settings, cashier)
}

export function previewOf(receipt: ReceiptInput): string[] {
  return previewLines(layoutReceipt(receiptSchema.parse(receipt), { paper: '58' }))
}
