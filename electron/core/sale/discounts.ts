import { PosError } from '../../../shared/contract'
import type { Discount, DiscountApprovalSetting } from '../../../shared/contract/sale/discount'
import { fromFen, toFen, yuan } from '../../../shared/money/money'

/** A line as the discount rules see it: its amount before any discount, in fen. */
export interface DiscountableLine {
  name: string
  insured: boolean
  grossFen: number
  discount?: Discount
}

/** What a sale's discounts came to: fen off each line (in the cart's order) and the totals. */
export interface WorkedDiscounts {
  lineFen: number[]
  /** Original amount of the goods that carry a discount. */
  discountedGrossFen: number
  totalFen: number
}

/** A discount in fen off `baseFen`: an amount as given, a percentage once, half-up. */
export function discountFenOf(baseFen: number, d: Discount): number {
  return d.kind === 'amount' ? toFen(yuan(d.value)) : toFen(fromFen(baseFen).times(d.value).dividedBy(100))
}

/**
 * Shares `totalFen` among `weights` in proportion, exactly: each share rounded down, the fen left over given
 * one by one to the largest remainders (ties to the earlier line), so the shares always add up to the total.
 */
export function shareOut(totalFen: number, weights: number[]): number[] {
  const whole = weights.reduce((a, b) => a + b, 0)
  if (whole === 0) return weights.map(() => 0)
  const exact = weights.map((w) => yuan(totalFen).times(w).dividedBy(whole))
  const shares = exact.map((e) => e.floor().toNumber())
  let left = totalFen - shares.reduce((a, b) => a + b, 0)
  const order = exact.map((e, i) => ({ i, rest: e.minus(e.floor()) })).sort((a, b) => b.rest.comparedTo(a.rest) || a.i - b.i)
  for (const { i } of order) {
    if (left === 0) break
    shares[i] += 1
    left -= 1
  }
  return shares
}

/**
 * Line discounts first, then the whole-sale discount off what the goods outside insurance come to after them,
 * shared by those lines in proportion. Insured lines keep the catalog price the platform is sent.
 */
export function workDiscounts(lines: DiscountableLine[], saleDiscount: Discount | undefined): WorkedDiscounts {
  const lineFen = lines.map((l) => {
    if (!l.discount) return 0
    if (l.insured) throw new PosError('DISCOUNT_INSURED_LINE', { name: l.name })
    const off = discountFenOf(l.grossFen, l.discount)
    if (off >= l.grossFen) throw new PosError('DISCOUNT_TOO_LARGE', { name: l.name, off: fromFen(off).toFixed(2), gross: fromFen(l.grossFen).toFixed(2) })
    return off
  })
  if (saleDiscount) {
    const net = lines.map((l, i) => (l.insured ? 0 : l.grossFen - lineFen[i]))
    const netGoods = net.reduce((a, b) => a + b, 0)
    if (netGoods === 0) throw new PosError('DISCOUNT_INSURED_LINE', { why: 'noSelfPaidGoods' })
    const off = discountFenOf(netGoods, saleDiscount)
    if (off >= netGoods) throw new PosError('DISCOUNT_TOO_LARGE', { off: fromFen(off).toFixed(2), goods: fromFen(netGoods).toFixed(2) })
    shareOut(off, net).forEach((share, i) => {
      // Rounding can give a one-fen line its whole amount; a line sold for nothing is not a discount.
      if (share > 0 && share >= net[i]) throw new PosError('DISCOUNT_TOO_LARGE', { zeroLine: lines[i].name })
      lineFen[i] += share
    })
  }
  const discountedGrossFen = lines.reduce((a, l, i) => a + (lineFen[i] > 0 ? l.grossFen : 0), 0)
  return { lineFen, discountedGrossFen, totalFen: lineFen.reduce((a, b) => a + b, 0) }
}

/** Above either figure of the store's setting, a manager approves with their PIN. */
export function needsApproval(worked: Pick<WorkedDiscounts, 'totalFen' | 'discountedGrossFen'>, limit: DiscountApprovalSetting): boolean {
  if (worked.totalFen === 0) return false
  return worked.totalFen > limit.amountFen || yuan(worked.totalFen).times(100).gt(yuan(worked.discountedGrossFen).times(limit.percent))
}

export function approvalRefusal(worked: Pick<WorkedDiscounts, 'totalFen' | 'discountedGrossFen'>, limit: DiscountApprovalSetting): PosError {
  const pct = yuan(worked.totalFen).times(100).dividedBy(worked.discountedGrossFen).toFixed(1)
  return new PosError('DISCOUNT_NEEDS_APPROVAL', {
    off: fromFen(worked.totalFen).toFixed(2),
    percent: String(pct),
    limitPercent: limit.percent,
    limitAmount: fromFen(limit.amountFen).toFixed(2),
  })
}
