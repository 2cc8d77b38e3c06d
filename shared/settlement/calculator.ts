import Decimal from 'decimal.js'
import { Money, ZERO, formatYuan, round2, yuan } from '../money/money'
import { findPoolRule, poolBucketKey, psnGroupOf, type RegionPolicy } from './policy'

/**
 * The settlement calculator: one pure function that turns insured fee lines, a person, the region's
 * policy and the balances into every amount of a settlement. The sandbox settles with it and the
 * client estimates with it offline, so both always agree. No I/O, no clock, no node imports.
 */

type Amount = Decimal.Value

/** What the national catalog says about a line's item; null when the item is not in the catalog. */
export interface CatalogInfo {
  chrgitm_lv: '01' | '02' | '03'
  /** The class B share paid first by the person, e.g. "0.10". */
  selfpay_prop: Amount
  /** Highest unit price the funds accept; above it the person pays the difference. */
  pric_uplmt_amt: Amount | null
  list_type: string
  rx_flag: '0' | '1'
}

export interface CalcLine {
  feedetl_sn: string
  det_item_fee_sumamt: Amount
  cnt: Amount
  pric: Amount
  catalog: CatalogInfo | null
}

export interface Accumulator {
  deductible_used: Amount
  fund_paid: Amount
}

export interface CalcInput {
  med_type: string
  person: { insutype: string; psn_type: string }
  policy: RegionPolicy
  /** Year-to-date use per pool bucket (see poolBucketKey); a missing bucket counts as nothing used. */
  accumulators: Readonly<Record<string, Accumulator>>
  lines: readonly CalcLine[]
  /** A pharmacy sale only pools prescription drugs sold against a prescription. */
  has_prescription: boolean
  acct_used_flag: boolean
  /** The person's own spendable account balance (frozen quota excluded); residents have none. */
  acct_balance: Amount
  /** Remaining quota of the chosen relationship, or null when no relative pays. */
  quota_balance: Amount | null
  /** Non-insured goods in the same cart: never sent to the platform, always cash. */
  goods_amounts?: readonly Amount[]
}

export interface LineCut {
  feedetl_sn: string
  det_item_fee_sumamt: string
  cnt: string
  pric: string
  pric_uplmt_amt: string | null
  selfpay_prop: string
  fulamt_ownpay_amt: string
  overlmt_amt: string
  preselfpay_amt: string
  inscp_scp_amt: string
  chrgitm_lv: '01' | '02' | '03'
  /** 09 drugs (西药/中成药), 08 consumables, 14 other: the platform's fee category. */
  med_chrgitm_type: string
  lmt_used_flag: '0' | '1'
  /** Whether the line's in-scope amount counted for the pooled fund. */
  pooled: boolean
}

export interface CalcResult {
  medfee_sumamt: string
  fulamt_ownpay_amt: string
  overlmt_selfpay: string
  preselfpay_amt: string
  inscp_scp_amt: string
  /** In-scope amount that entered the pooled fund's calculation. */
  pool_scp_amt: string
  act_pay_dedc: string
  hifp_pay: string
  pool_prop_selfpay: string
  fund_pay_sumamt: string
  psn_part_amt: string
  acct_pay: string
  acct_mulaid_pay: string
  psn_cash_pay: string
  /** Own account balance left after this settlement. */
  balc: string
  /** Quota left after this settlement, or null without a relative. */
  quota_balc: string | null
  goods_cash: string
  /** What the customer hands over: insured cash part plus goods. */
  customer_cash_total: string
  pool_bucket: string | null
  lines: LineCut[]
}

function nonNegative(value: Money): Money {
  return value.isNegative() ? ZERO : value
}

function chrgitmType(listType: string | undefined): string {
  if (listType === '301') return '08'
  if (listType === '101' || listType === '102' || listType === '103') return '09'
  return '14'
}

function cutLine(line: CalcLine): { cut: LineCut; fulamt: Money; overlmt: Money; preself: Money; inscp: Money } {
  const fee = round2(line.det_item_fee_sumamt)
  const cat = line.catalog
  const base = {
    feedetl_sn: line.feedetl_sn,
    det_item_fee_sumamt: formatYuan(fee),
    cnt: yuan(line.cnt).toString(),
    pric: yuan(line.pric).toString(),
  }
  // Outside the catalog, or class C: the person pays all of it.
  if (!cat || cat.chrgitm_lv === '03') {
    return {
      cut: {
        ...base,
        pric_uplmt_amt: cat?.pric_uplmt_amt != null ? formatYuan(cat.pric_uplmt_amt) : null,
        selfpay_prop: cat ? yuan(cat.selfpay_prop).toFixed(2) : '1.00',
        fulamt_ownpay_amt: formatYuan(fee),
        overlmt_amt: '0.00',
        preselfpay_amt: '0.00',
        inscp_scp_amt: '0.00',
        chrgitm_lv: '03',
        med_chrgitm_type: chrgitmType(cat?.list_type),
        lmt_used_flag: '0',
        pooled: false,
      },
      fulamt: fee,
      overlmt: ZERO,
      preself: ZERO,
      inscp: ZERO,
    }
  }
  let overlmt = ZERO
  if (cat.pric_uplmt_amt != null) {
    const cap = yuan(cat.pric_uplmt_amt)
    const pric = yuan(line.pric)
    if (pric.greaterThan(cap)) overlmt = Money.min(fee, round2(pric.minus(cap).times(yuan(line.cnt))))
  }
  const allowed = fee.minus(overlmt)
  const prop = cat.chrgitm_lv === '02' ? yuan(cat.selfpay_prop) : ZERO
  const preself = round2(allowed.times(prop))
  const inscp = allowed.minus(preself)
  return {
    cut: {
      ...base,
      pric_uplmt_amt: cat.pric_uplmt_amt != null ? formatYuan(cat.pric_uplmt_amt) : null,
      selfpay_prop: prop.toFixed(2),
      fulamt_ownpay_amt: '0.00',
      overlmt_amt: formatYuan(overlmt),
      preselfpay_amt: formatYuan(preself),
      inscp_scp_amt: formatYuan(inscp),
      chrgitm_lv: cat.chrgitm_lv,
      med_chrgitm_type: chrgitmType(cat.list_type),
      lmt_used_flag: cat.pric_uplmt_amt != null ? '1' : '0',
      pooled: false,
    },
    fulamt: ZERO,
    overlmt,
    preself,
    inscp,
  }
}

/** Payment order (domain rule 1): funds, then own account, then the relative's quota, then cash. */
export function calculateSettlement(input: CalcInput): CalcResult {
  const { policy } = input
  const cuts = input.lines.map(cutLine)
  const medfee = cuts.reduce((s, c) => s.plus(c.cut.det_item_fee_sumamt), ZERO)
  const fulamt = cuts.reduce((s, c) => s.plus(c.fulamt), ZERO)
  const overlmt = cuts.reduce((s, c) => s.plus(c.overlmt), ZERO)
  const preself = cuts.reduce((s, c) => s.plus(c.preself), ZERO)
  const inscp = cuts.reduce((s, c) => s.plus(c.inscp), ZERO)

  const group = psnGroupOf(input.person.insutype, input.person.psn_type)
  const rule = findPoolRule(policy, group, input.med_type)
  const pharmacy = input.med_type === '41'
  const pools = rule !== undefined && (!pharmacy || (policy.pharmacy_outpatient_pooling && input.has_prescription))
  let poolScope = ZERO
  if (pools) {
    cuts.forEach((c, i) => {
      const eligible = !pharmacy || input.lines[i].catalog?.rx_flag === '1'
      if (eligible && c.inscp.greaterThan(0)) {
        c.cut.pooled = true
        poolScope = poolScope.plus(c.inscp)
      }
    })
  }
  let dedc = ZERO
  let hifp = ZERO
  const bucket = pools && rule ? poolBucketKey(rule) : null
  if (rule && bucket) {
    const acc = input.accumulators[bucket]
    const dedUsed = acc ? yuan(acc.deductible_used) : ZERO
    const fundUsed = acc ? yuan(acc.fund_paid) : ZERO
    dedc = Money.min(poolScope, nonNegative(yuan(rule.deductible).minus(dedUsed)))
    const byRatio = round2(poolScope.minus(dedc).times(yuan(rule.ratio)))
    hifp = Money.min(byRatio, nonNegative(yuan(rule.annual_cap).minus(fundUsed)))
  }
  const fund = hifp
  const psnPart = medfee.minus(fund)

  // The part an account may pay: class C and non-catalog items only where the region allows it.
  const accountable = policy.account_pays_class_c ? psnPart : nonNegative(psnPart.minus(fulamt))
  const hasAccount = input.person.insutype === '310'
  const ownBalance = hasAccount ? nonNegative(yuan(input.acct_balance)) : ZERO
  const acct = input.acct_used_flag && hasAccount ? Money.min(ownBalance, accountable) : ZERO
  const quotaBalance = input.quota_balance == null ? null : nonNegative(yuan(input.quota_balance))
  const mulaid = quotaBalance ? Money.min(quotaBalance, accountable.minus(acct)) : ZERO
  const cash = psnPart.minus(acct).minus(mulaid)
  const goods = (input.goods_amounts ?? []).reduce<Money>((s, g) => s.plus(round2(g)), ZERO)

  return {
    medfee_sumamt: formatYuan(medfee),
    fulamt_ownpay_amt: formatYuan(fulamt),
    overlmt_selfpay: formatYuan(overlmt),
    preselfpay_amt: formatYuan(preself),
    inscp_scp_amt: formatYuan(inscp),
    pool_scp_amt: formatYuan(poolScope),
    act_pay_dedc: formatYuan(dedc),
    hifp_pay: formatYuan(hifp),
    pool_prop_selfpay: bucket && rule ? yuan(rule.ratio).toFixed(2) : '0.00',
    fund_pay_sumamt: formatYuan(fund),
    psn_part_amt: formatYuan(psnPart),
    acct_pay: formatYuan(acct),
    acct_mulaid_pay: formatYuan(mulaid),
    psn_cash_pay: formatYuan(cash),
    balc: formatYuan(ownBalance.minus(acct)),
    quota_balc: quotaBalance ? formatYuan(quotaBalance.minus(mulaid)) : null,
    goods_cash: formatYuan(goods),
    customer_cash_total: formatYuan(cash.plus(goods)),
    pool_bucket: bucket,
    lines: cuts.map((c) => c.cut),
  }
}

/** The year-to-date accumulators after this settlement; a revoke subtracts the same deltas. */
export function accumulatorDelta(result: CalcResult): { bucket: string; deductible: string; fund: string } | null {
  if (!result.pool_bucket) return null
  return { bucket: result.pool_bucket, deductible: result.act_pay_dedc, fund: result.hifp_pay }
}
