import type { Settings } from '../../../shared/contract'
import { fromFen, yuan } from '../../../shared/money/money'
import type { Relation } from '../../../shared/nhsa/codes'
import { layoutReceipt, previewLines, receiptSchema, type ReceiptInput } from '../../../shared/receipt'
import type { LineRow, SaleRow } from '../journal/sale-journal'
import { receiptOf } from '../sale/receipt'
import { cstDateTime } from '../sale/cst'
import type { Estimate } from './estimate'
import type { OfflineSaleRow } from './queue'

const fen = (n: number) => fromFen(n).toFixed(2)

function linesOf(lines: LineRow[]): ReceiptInput['lines'] {
  return lines.map((l) => ({
    name: l.name,
    spec: l.spec,
    quantity: l.qty,
    unit: l.unit,
    price: yuan(l.price).toFixed(2),
    amount: fen(l.amount_fen),
    class: l.insured ? l.class : 'self',
  }))
}

function payment(off: OfflineSaleRow, cashFen: number): ReceiptInput['payment'] {
  if (off.pay_method === 'cash') return { method: 'cash', tendered: fen(off.tendered_fen), change: fen(off.tendered_fen - cashFen) }
  if (off.pay_method === 'mobile') return { method: 'mobile', tendered: fen(cashFen), change: '0.00' }
  return { method: 'none', tendered: '0.00', change: '0.00' }
}

/**
 * The receipt of an offline sale, printed at the counter: marked offline with its mode. Deposit: the
 * customer paid everything, no fund or account part yet. Advance: the fund, account and quota parts are
 * the estimate the store advanced, and the cash is what the customer paid now.
 */
export function offlineReceipt(sale: SaleRow, lines: LineRow[], off: OfflineSaleRow, settings: Settings, cashier: string): ReceiptInput {
  const e = JSON.parse(off.estimate) as Estimate
  const advance = off.mode === 'advance'
  const payer = sale.mulaid_payer ? (JSON.parse(sale.mulaid_payer) as { payerNameMasked: string; relation: Relation }) : null
  const mulaid = advance ? e.mutualAid : '0.00'
  return {
    store: { name: settings.fixmedinsName, institutionCode: settings.fixmedinsCode },
    terminalId: sale.terminal_id,
    cashier,
    soldAt: cstDateTime(off.queued_at),
    saleId: sale.id,
    settlementId: null,
    lines: linesOf(lines),
    totals: {
      saleTotal: fen(sale.medfee_fen + sale.goods_fen),
      medicalTotal: fen(sale.medfee_fen),
      fundPay: advance ? e.fund : '0.00',
      ownAccount: advance ? e.account : '0.00',
      mutualAid: mulaid,
      cash: fen(off.paid_fen),
    },
    mutualAid: payer && yuan(mulaid).gt(0) ? { payerName: payer.payerNameMasked, relation: payer.relation, quotaLeft: e.quotaLeft ?? '0.00' } : null,
    accountBalance: null,
    payment: payment(off, off.paid_fen),
    offline: off.mode,
  }
}

/**
 * The corrected receipt once the platform has answered: the platform's split when it settled, all
 * self-paid when it declined. Printable only when nothing is owed any more (a receivable still open has
 * no receipt yet: the customer has not paid it).
 */
export function correctedReceipt(sale: SaleRow, lines: LineRow[], off: OfflineSaleRow, settings: Settings, cashier: string): ReceiptInput | null {
  if (off.outcome === null) return null
  if (off.resolution === 'receivable') return null
  if (off.outcome === 'settled') {
    const r = receiptOf(sale, lines, settings, cashier)
    // What the counter finally kept is the customer's share: the refund due was handed back.
    const cash = r.totals.cash
    return { ...r, payment: r.payment.method === 'cash' ? { method: 'cash', tendered: cash, change: '0.00' } : r.payment, offline: null }
  }
  const total = fen(sale.medfee_fen + sale.goods_fen)
  return {
    store: { name: settings.fixmedinsName, institutionCode: settings.fixmedinsCode },
    terminalId: sale.terminal_id,
    cashier,
    soldAt: cstDateTime(off.queued_at),
    saleId: sale.id,
    settlementId: null,
    lines: linesOf(lines).map((l) => ({ ...l, class: 'self' as const })),
    totals: { saleTotal: total, medicalTotal: '0.00', fundPay: '0.00', ownAccount: '0.00', mutualAid: '0.00', cash: total },
    mutualAid: null,
    accountBalance: null,
    payment: off.pay_method === 'mobile' ? { method: 'mobile', tendered: total, change: '0.00' } : { method: 'cash', tendered: total, change: '0.00' },
    offline: null,
  }
}

export function previewOf(receipt: ReceiptInput): string[] {
  return previewLines(layoutReceipt(receiptSchema.parse(receipt), { paper: '58' }))
}
