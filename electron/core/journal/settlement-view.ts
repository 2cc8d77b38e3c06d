import type { Split } from '../../../shared/contract/sale/schemas'
import { fromFen, yuan } from '../../../shared/money/money'
import type { Setlinfo } from '../../../shared/nhsa'
import type { SaleRow } from '../ledger'

/** A platform amount (a JSON number) as contract text. */
export const platformYuan = (n: number) => yuan(String(n)).toFixed(2)
/** Integer fen as contract text. */
export const fenYuan = (n: number) => fromFen(n).toFixed(2)

/** What the platform cut from one fee line: the pre-settlement's detlcutinfo, or the fee upload's (2204) answer. */
export interface LineCut {
  selfpay_prop: number
  fulamt_ownpay_amt: number
  overlmt_amt: number
  preselfpay_amt: number
  inscp_scp_amt: number
  pric_uplmt_amt: number | null
}

/** The split as the platform answered it, plus what the desk collects for goods outside insurance. */
export function splitOf(s: Setlinfo, goodsFen: number): Split {
  const personCash = yuan(String(s.psn_cash_pay))
  return {
    medical: platformYuan(s.medfee_sumamt),
    fund: platformYuan(s.fund_pay_sumamt),
    account: platformYuan(s.acct_pay),
    mutualAid: platformYuan(s.acct_mulaid_pay),
    personCash: personCash.toFixed(2),
    goods: fenYuan(goodsFen),
    cashDue: personCash.plus(fromFen(goodsFen)).toFixed(2),
    fullOwnPay: platformYuan(s.fulamt_ownpay_amt),
    overLimit: platformYuan(s.overlmt_selfpay),
    preSelfPay: platformYuan(s.preselfpay_amt),
    quotaLeft: s.mulaid_quota_balc === null ? null : platformYuan(s.mulaid_quota_balc),
    accountBalance: platformYuan(s.balc),
  }
}

/** The final settlement's split once there is one, else the pre-settlement's; null before either. */
export function answeredSetlinfo(sale: SaleRow): Setlinfo | null {
  const settled = sale.setlinfo ? (JSON.parse(sale.setlinfo) as Setlinfo) : null
  const pre = sale.presettle ? (JSON.parse(sale.presettle) as { setlinfo: Setlinfo }) : null
  return settled ?? pre?.setlinfo ?? null
}

/** A line's goods and money as a view shows them: what it is, how many, at what price, for how much. */
export function shownLine(l: { name: string; spec: string; unit: string; qty: string; price: string; amount_fen: number }) {
  return { name: l.name, spec: l.spec, unit: l.unit, qty: l.qty, price: yuan(l.price).toFixed(2), amount: fenYuan(l.amount_fen) }
}

/** What the platform cut from one line, as shown beside it. */
export function cutAmounts(cut: LineCut) {
  return {
    fullOwnPay: platformYuan(cut.fulamt_ownpay_amt),
    overLimit: platformYuan(cut.overlmt_amt),
    preSelfPay: platformYuan(cut.preselfpay_amt),
    inScope: platformYuan(cut.inscp_scp_amt),
    priceCap: cut.pric_uplmt_amt === null ? null : platformYuan(cut.pric_uplmt_amt),
  }
}

/** The payment at the desk, once the amount due is known. */
export function paymentOf(sale: SaleRow) {
  if (sale.cash_due_fen === null) return null
  return {
    method: sale.pay_method,
    cashDue: fenYuan(sale.cash_due_fen),
    tendered: sale.tendered_fen === null ? null : fenYuan(sale.tendered_fen),
    change: sale.change_fen === null ? null : fenYuan(Math.max(0, sale.change_fen)),
  }
}
