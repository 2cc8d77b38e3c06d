import type { SaleView, Split } from '../../../shared/contract/sale/schemas'
import { fromFen, yuan } from '../../../shared/money/money'
import type { Setlinfo } from '../../../shared/nhsa'
import type { LineRow, SaleRow } from '../journal/sale-journal'

interface PlatformAnswer {
  setlinfo: Setlinfo
  detlcutinfo?: { feedetl_sn: string; selfpay_prop: number; fulamt_ownpay_amt: number; overlmt_amt: number; preselfpay_amt: number; inscp_scp_amt: number; pric_uplmt_amt: number | null }[]
}

const y = (n: number) => yuan(String(n)).toFixed(2)
const fen = (n: number) => fromFen(n).toFixed(2)

/** The split as the platform answered it, plus what the counter collects for goods outside insurance. */
export function splitOf(s: Setlinfo, goodsFen: number): Split {
  const personCash = yuan(String(s.psn_cash_pay))
  return {
    medical: y(s.medfee_sumamt),
    fund: y(s.fund_pay_sumamt),
    account: y(s.acct_pay),
    mutualAid: y(s.acct_mulaid_pay),
    personCash: personCash.toFixed(2),
    goods: fen(goodsFen),
    cashDue: personCash.plus(fromFen(goodsFen)).toFixed(2),
    fullOwnPay: y(s.fulamt_ownpay_amt),
    overLimit: y(s.overlmt_selfpay),
    preSelfPay: y(s.preselfpay_amt),
    quotaLeft: s.mulaid_quota_balc === null ? null : y(s.mulaid_quota_balc),
    accountBalance: y(s.balc),
  }
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

export function saleView(sale: SaleRow, lines: LineRow[], receiptJobId: number | null): SaleView {
  const settled = sale.setlinfo ? (JSON.parse(sale.setlinfo) as Setlinfo) : null
  const pre = sale.presettle ? (JSON.parse(sale.presettle) as PlatformAnswer) : null
  const answer = settled ?? pre?.setlinfo ?? null
  const cuts = new Map((pre?.detlcutinfo ?? []).map((d) => [d.feedetl_sn, d]))
  const counterOnly = sale.medfee_fen === 0
  const split = answer ? splitOf(answer, sale.goods_fen) : counterOnly ? counterSplit(sale) : null
  const owed = sale.change_fen !== null && sale.change_fen < 0 ? -sale.change_fen : 0
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
    replacesSaleId: sale.replaces_sale_id,
    lines: lines.map((l) => {
      const cut = cuts.get(`${sale.id.slice(0, 8)}-${l.seq}`)
      return {
        seq: l.seq,
        storeCode: l.store_code,
        name: l.name,
        spec: l.spec,
        unit: l.unit,
        qty: l.qty,
        price: yuan(l.price).toFixed(2),
        amount: fen(l.amount_fen),
        insured: l.insured === 1,
        class: l.class,
        rxFlag: l.rx_flag === 1,
        traceCodes: JSON.parse(l.trace_codes) as string[],
        platform: cut
          ? {
              selfpayProp: String(cut.selfpay_prop),
              fullOwnPay: y(cut.fulamt_ownpay_amt),
              overLimit: y(cut.overlmt_amt),
              preSelfPay: y(cut.preselfpay_amt),
              inScope: y(cut.inscp_scp_amt),
              priceCap: cut.pric_uplmt_amt === null ? null : y(cut.pric_uplmt_amt),
            }
          : null,
      }
    }),
    total: fen(sale.medfee_fen + sale.goods_fen),
    split,
    settlementId: sale.setl_id,
    payment:
      sale.cash_due_fen === null
        ? null
        : {
            method: sale.pay_method,
            cashDue: fen(sale.cash_due_fen),
            tendered: sale.tendered_fen === null ? null : fen(sale.tendered_fen),
            change: sale.change_fen === null ? null : fen(Math.max(0, sale.change_fen)),
            owed: fen(owed),
          },
    receiptJobId,
  }
}
