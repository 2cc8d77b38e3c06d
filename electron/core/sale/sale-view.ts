import type { PrescriptionView, SaleView, Split } from '../../../shared/contract/sale/schemas'
import type { SaleDiscountView } from '../../../shared/contract/sale/discount'
import type { LineRow, SaleRow } from '../ledger'
import { answeredSetlinfo, cutAmounts, fenYuan as fen, paymentOf, shownLine, splitOf, type LineCut } from '../journal'

/** The pre-settlement's per-line cuts, keyed by the fee line's feedetl_sn. */
interface PresettleCuts {
  detlcutinfo?: (LineCut & { feedetl_sn: string })[]
}

/** A sale settled without the platform: everything is cash. */
function counterSplit(sale: SaleRow): Split {
  const zero = '0.00'
  return {
    medical: zero,
    fund: zero,
    account: zero,
    mutualAid: zero,
    personCash: zero,
    goods: fen(sale.goods_fen),
    cashDue: fen(sale.goods_fen),
    fullOwnPay: zero,
    overLimit: zero,
    preSelfPay: zero,
    quotaLeft: null,
    accountBalance: null,
  }
}

/** A sale's discounts as the discount store keeps them: fen off per line seq, and the sale's record. */
export interface DiscountsOfSale {
  lines: Map<number, number>
  sale: SaleDiscountView | null
}

export function saleView(
  sale: SaleRow,
  lines: LineRow[],
  receiptJobId: number | null,
  prescription: PrescriptionView | null,
  discounts: DiscountsOfSale = { lines: new Map(), sale: null },
): SaleView {
  const answer = answeredSetlinfo(sale)
  const pre = sale.presettle ? (JSON.parse(sale.presettle) as PresettleCuts) : null
  const cuts = new Map((pre?.detlcutinfo ?? []).map((d) => [d.feedetl_sn, d]))
  const counterOnly = sale.medfee_fen === 0
  const split = answer ? splitOf(answer, sale.goods_fen) : counterOnly ? counterSplit(sale) : null
  // Settled for a payment code not yet paid: the whole cash part is owed until the provider confirms it.
  const awaitingCode = sale.state === 'settled' && sale.pay_method === null && sale.tendered_fen === null ? (sale.cash_due_fen ?? 0) : 0
  const owed = sale.change_fen !== null && sale.change_fen < 0 ? -sale.change_fen : awaitingCode
  const payment = paymentOf(sale)
  return {
    id: sale.id,
    kind: sale.kind,
    state: sale.state,
    training: sale.training === 1,
    createdAt: sale.created_at,
    updatedAt: sale.updated_at,
    cashier: sale.cashier,
    terminalId: sale.terminal_id,
    member: sale.name_masked && sale.insutype ? { nameMasked: sale.name_masked, insutype: sale.insutype } : null,
    acctUsed: sale.acct_used === 1,
    mulaidId: sale.mulaid_id,
    rxno: sale.rxno,
    pharmacist: sale.pharmacist,
    prescription,
    replacesSaleId: sale.replaces_sale_id,
    lines: lines.map((l) => {
      const cut = cuts.get(`${sale.id.slice(0, 8)}-${l.seq}`)
      return {
        seq: l.seq,
        storeCode: l.store_code,
        ...shownLine(l),
        discount: fen(discounts.lines.get(l.seq) ?? 0),
        insured: l.insured === 1,
        class: l.class,
        rxFlag: l.rx_flag === 1,
        traceCodes: JSON.parse(l.trace_codes) as string[],
        platform: cut ? { selfpayProp: String(cut.selfpay_prop), ...cutAmounts(cut) } : null,
      }
    }),
    total: fen(sale.medfee_fen + sale.goods_fen),
    discount: discounts.sale,
    split,
    settlementId: sale.setl_id,
    payment: payment && { ...payment, owed: fen(owed) },
    receiptJobId,
  }
}
