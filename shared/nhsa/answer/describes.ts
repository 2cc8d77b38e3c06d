import { toFen, yuan } from '../../money/money'
import { SETLINFO_PARTS, type ReadSetlinfo } from './settlement'

/** What the client sent for a settlement: who, and the insured total. */
export interface SaleSent {
  psnNo: string
  /** medfee_sumamt as sent, in yuan (a JSON number with at most 2 decimals). */
  medfeeSumamt: number
}

/**
 * Whether acct_pay already includes acct_mulaid_pay. Regions differ and the public specs do not say
 * (interface-audit.md §3); until a gateway profile names it, either is accepted and the one that holds is
 * reported, so a manager sees which convention the platform used.
 */
export type AcctConvention = 'acct-excludes-mulaid' | 'acct-includes-mulaid'

export interface SaleCheck {
  /** Why the answer is not an answer about this sale; empty when it is. */
  violations: string[]
  /** The identity that held, when one did. */
  convention: AcctConvention | null
  /** Things that are odd but do not stop the answer being recorded. */
  oddities: string[]
}

const fen = (n: number) => toFen(yuan(n))

/**
 * An answer describes the sale when it is about the same person and the same total, no part is negative
 * or larger than the total, and the money adds up: fund + account (+ mutual aid, if the account excludes
 * it) + cash + hosp_part_amt = total. An answer that does not is never recorded as paid.
 */
export function checkDescribesSale(s: ReadSetlinfo, sent: SaleSent): SaleCheck {
  const violations: string[] = []
  const oddities: string[] = []
  if (s.psn_no === '') oddities.push('应答没有 psn_no')
  else if (s.psn_no !== sent.psnNo) violations.push('应答的人员编号（psn_no）不是本单顾客')
  const total = fen(s.medfee_sumamt)
  if (total !== fen(sent.medfeeSumamt))
    violations.push(`应答的医疗费总额 ${yuan(s.medfee_sumamt).toFixed(2)} 与本单 ${yuan(sent.medfeeSumamt).toFixed(2)} 不符`)
  for (const k of SETLINFO_PARTS) {
    const v = fen(s[k])
    if (v < 0) violations.push(`${k} 为负数`)
    else if (v > total) violations.push(`${k} 大于医疗费总额`)
  }
  const [fund, acct, mulaid, cash, hosp] = [s.fund_pay_sumamt, s.acct_pay, s.acct_mulaid_pay, s.psn_cash_pay, s.hosp_part_amt].map(fen)
  let convention: AcctConvention | null = null
  if (fund + acct + mulaid + cash + hosp === total) convention = 'acct-excludes-mulaid'
  else if (mulaid <= acct && fund + acct + cash + hosp === total) convention = 'acct-includes-mulaid'
  else violations.push('基金、个人账户、共济与现金之和不等于医疗费总额')
  if (convention === 'acct-includes-mulaid' && mulaid > 0) oddities.push('个人账户支付（acct_pay）已含共济支付')
  if (hosp > 0) oddities.push(`机构分担 hosp_part_amt ${yuan(s.hosp_part_amt).toFixed(2)}`)
  const psnPart = fen(s.psn_part_amt)
  if (convention && psnPart !== 0 && fund + psnPart + hosp !== total) oddities.push('psn_part_amt 与基金之和不等于总额')
  return { violations, convention, oddities }
}

/**
 * A revoke (2103/2208) describes the settlement it undoes: the same person and, when it states a total,
 * the same total. Gateways differ on the sign of a revoke's amounts, so either sign is read; the parts are
 * the original's and are not re-added here.
 */
export function checkDescribesRevoke(s: ReadSetlinfo, original: SaleSent): SaleCheck {
  const violations: string[] = []
  const oddities: string[] = []
  if (s.psn_no === '') oddities.push('撤销应答没有 psn_no')
  else if (s.psn_no !== original.psnNo) violations.push('撤销应答的人员编号（psn_no）不是本单顾客')
  const total = s.medfee_sumamt as number | null
  if (total === null) oddities.push('撤销应答没有 medfee_sumamt')
  else {
    if (total < 0) oddities.push('撤销应答的金额为负数（按退回金额读取）')
    if (Math.abs(fen(total)) !== fen(original.medfeeSumamt))
      violations.push(`撤销应答的医疗费总额 ${yuan(Math.abs(total)).toFixed(2)} 与原结算 ${yuan(original.medfeeSumamt).toFixed(2)} 不符`)
  }
  return { violations, convention: null, oddities }
}
