import type { Settings } from '../../../shared/contract'
import type { PrescriptionView } from '../../../shared/contract/sale/schemas'
import { fromFen, toFen, yuan } from '../../../shared/money/money'
import type { Setlinfo } from '../../../shared/nhsa'
import type { ReadSetlinfo } from '../../../shared/nhsa/answer'
import type { Relation } from '../../../shared/nhsa/codes'
import type { ReceiptInput } from '../../../shared/receipt'
import type { LineRow, SaleRow } from '../ledger'
import { cstDateTime } from './cst'

const fen = (n: number) => fromFen(n).toFixed(2)
const y = (n: number) => yuan(String(n)).toFixed(2)

/** A sale line with the fen its discount took off (electron/core/sale/discount-store.ts), when it had one. */
export type ReceiptLineRow = LineRow & { discount_fen?: number }

export function receiptLinesOf(lines: ReceiptLineRow[]): ReceiptInput['lines'] {
  return lines.map((l) => ({
    name: l.name,
    spec: l.spec,
    quantity: l.qty,
    unit: l.unit,
    // A 拆零 line keeps its unit price's decimals (0.825), so quantity × price reads as the amount.
    price: l.pack_size ? l.price : yuan(l.price).toFixed(2),
    amount: fen(l.amount_fen),
    class: l.insured ? l.class : 'self',
    discount: fen(l.discount_fen ?? 0),
  }))
}

/**
 * The refund slip (退货单) of a refunded sale: its receipt, the amounts now what went back, and the cash part
 * handed back the way it was paid (as tendered, no change).
 */
export function refundSlipOf(
  sale: SaleRow,
  lines: ReceiptLineRow[],
  settings: Settings,
  cashierName: string,
  prescription: PrescriptionView | null,
  refund: { reason: string; approvedBy: string },
): ReceiptInput {
  const receipt = receiptOf(sale, lines, settings, cashierName, prescription)
  return {
    ...receipt,
    soldAt: cstDateTime(sale.created_at),
    payment: { method: receipt.payment.method, tendered: receipt.totals.cash, change: '0.00' },
    accountBalance: null,
    refund: { refundedAt: cstDateTime(sale.updated_at), ...refund },
  }
}

/** The receipt of a settled, fully paid sale, from the journal alone (so a reprint equals the original). */
export function receiptOf(
  sale: SaleRow,
  lines: ReceiptLineRow[],
  settings: Settings,
  cashierName: string,
  prescription: PrescriptionView | null = null,
): ReceiptInput {
  const s = sale.setlinfo ? (JSON.parse(sale.setlinfo) as Partial<ReadSetlinfo> & Setlinfo) : null
  const payer = sale.mulaid_payer ? (JSON.parse(sale.mulaid_payer) as { payerNameMasked: string; relation: Relation }) : null
  const personCashFen = s ? toFen(yuan(String(s.psn_cash_pay))) : 0
  const method = sale.pay_method ?? 'none'
  return {
    store: { name: settings.fixmedinsName, institutionCode: settings.fixmedinsCode },
    terminalId: sale.terminal_id,
    cashier: cashierName,
    soldAt: cstDateTime(s ? sale.updated_at : sale.created_at),
    saleId: sale.id,
    settlementId: sale.setl_id,
    lines: receiptLinesOf(lines),
    totals: {
      saleTotal: fen(sale.medfee_fen + sale.goods_fen),
      medicalTotal: fen(sale.medfee_fen),
      fundPay: s ? y(s.fund_pay_sumamt) : '0.00',
      ownAccount: s ? y(s.acct_pay) : '0.00',
      mutualAid: s ? y(s.acct_mulaid_pay) : '0.00',
      // Stored before the tolerant reader, a setlinfo had no hosp_part_amt: the institution bore nothing then.
      hospitalPart: s ? y(s.hosp_part_amt ?? 0) : '0.00',
      cash: fen(personCashFen + sale.goods_fen),
    },
    // A relative is named only where a provincial extension chose one; the platform's draw alone names nobody.
    mutualAid:
      s && payer && s.acct_mulaid_pay > 0
        ? { payerName: payer.payerNameMasked, relation: payer.relation, quotaLeft: s.mulaid_quota_balc == null ? null : y(s.mulaid_quota_balc) }
        : null,
    accountBalance: s && sale.acct_used ? y(s.balc) : null,
    payment: {
      method,
      tendered: method === 'cash' ? fen(sale.tendered_fen ?? 0) : method === 'mobile' ? fen(sale.cash_due_fen ?? 0) : '0.00',
      change: method === 'cash' ? fen(sale.change_fen ?? 0) : '0.00',
    },
    offline: null,
    prescription: prescription && {
      rxno: prescription.rxno,
      external: prescription.external,
      doctor: prescription.doctor,
      hospital: prescription.hospital,
      diagnosis: prescription.diagnosis,
      pharmacist: prescription.pharmacist,
    },
  }
}
