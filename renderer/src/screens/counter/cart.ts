import type { CatalogItem } from '../../../../shared/catalog/schemas'
import { round2, sum, yuan } from '../../../../shared/money/money'
import { splitAmount } from '../../../../shared/stock/split-pack'
import { DiscountSchema, type Discount } from '../../../../shared/contract/sale/discount'
import { isInsuredItem, needsPrescription, traceCodesNeeded } from '../../../../shared/sale/checkout-rule'

/** 拆零: the line is sold by the smallest unit out of boxes of packSize (qty counts units). */
export interface SplitUnit {
  packSize: number
  minUnit: string
}

export interface CartLine {
  item: CatalogItem
  qty: string
  traceCodes: string[]
  split?: SplitUnit
  /** The lot the cashier confirmed or picked for the boxes without a scanned code. */
  lotId?: string
  /** 折扣 / 改价 on the line (goods outside insurance only; the core works it out again and refuses the rest). */
  discount?: Discount
}

/** What the cashier types as a discount: "3" or "3.50" yuan off, "10%" a percentage off; '' none. */
export function parseDiscount(text: string): Discount | undefined | 'invalid' {
  const t = text.trim().replace(/％/g, '%')
  if (!t) return undefined
  const parsed = DiscountSchema.safeParse(t.endsWith('%') ? { kind: 'percent', value: t.slice(0, -1).trim() } : { kind: 'amount', value: t })
  return parsed.success ? parsed.data : 'invalid'
}

export const discountText = (d: Discount | undefined) => (!d ? '' : d.kind === 'percent' ? `${d.value}%` : d.value)

/** The screen's estimate of a line's discount (a percentage once, half-up, off the rounded amount). */
export const lineDiscount = (line: CartLine, gross = grossAmount(line)) =>
  !line.discount ? round2(0) : line.discount.kind === 'amount' ? round2(line.discount.value) : round2(gross.times(line.discount.value).dividedBy(100))

/** Whether a line goes to the platform (the checkout rule, shared with the core). */
export const isInsured = (line: CartLine, hasMember: boolean) => isInsuredItem(line.item, hasMember)

/** The traceability codes the screen asks for before checkout (the checkout rule, shared with the core). */
export const tracesNeeded = (line: CartLine, hasMember: boolean): number =>
  // 拆零: only a box opened by this sale is scanned, and only the core knows the opened boxes: it asks.
  traceCodesNeeded(line.item, hasMember, line.qty, line.split ? 0 : undefined)

/** What stops the cart going to checkout that the screen can point at: the first line short of codes, or a missing prescription. */
export function checkoutBlock(lines: CartLine[], hasMember: boolean, hasPrescription: boolean): { line: number } | 'prescription' | undefined {
  const short = lines.findIndex((l) => tracesNeeded(l, hasMember) > l.traceCodes.length)
  if (short >= 0) return { line: short }
  if (needsPrescription(lines.map((l) => l.item)) && !hasPrescription) return 'prescription'
  return undefined
}

const grossAmount = (line: CartLine) =>
  line.split ? splitAmount(line.item.price, line.split.packSize, line.qty) : round2(yuan(line.qty).times(line.item.price))

export const lineAmount = (line: CartLine) => grossAmount(line).minus(lineDiscount(line))

/** The screen's running totals; the core prices the sale again and its answer is what is charged. */
export function cartTotals(lines: CartLine[], hasMember: boolean) {
  const insured = sum(lines.filter((l) => isInsured(l, hasMember)).map(lineAmount))
  const other = sum(lines.filter((l) => !isInsured(l, hasMember)).map(lineAmount))
  return { total: insured.plus(other).toFixed(2), insured: insured.toFixed(2), other: other.toFixed(2) }
}

export function addItem(lines: CartLine[], item: CatalogItem, qty = '1'): { lines: CartLine[]; index: number } {
  const at = lines.findIndex((l) => l.item.storeCode === item.storeCode)
  if (at >= 0) {
    const next = [...lines]
    // Scanned again while sold by the unit: the scan is one more box's worth of units.
    const split = next[at].split
    next[at] = {
      ...next[at],
      qty: yuan(next[at].qty)
        .plus(split ? yuan(qty).times(split.packSize) : qty)
        .toString(),
    }
    return { lines: next, index: at }
  }
  return { lines: [...lines, { item, qty, traceCodes: [] }], index: lines.length }
}

/** A scanned code goes to the selected line if it still needs codes, else to the first line that does. */
export function attachTraceCode(
  lines: CartLine[],
  selected: number,
  code: string,
  hasMember: boolean,
): { lines: CartLine[]; index: number } | { error: 'duplicate' | 'no-line' } {
  if (lines.some((l) => l.traceCodes.includes(code))) return { error: 'duplicate' }
  const boxes = (l: CartLine) => (l.split ? Math.ceil(yuan(l.qty).toNumber() / l.split.packSize) : yuan(l.qty).isInteger() ? yuan(l.qty).toNumber() : 1)
  const wants = (l: CartLine) => l.item.kind === 'drug' && l.traceCodes.length < Math.max(1, tracesNeeded(l, hasMember) || boxes(l))
  const index = lines[selected] && wants(lines[selected]) ? selected : lines.findIndex(wants)
  if (index < 0) return { error: 'no-line' }
  const next = [...lines]
  next[index] = { ...next[index], traceCodes: [...next[index].traceCodes, code] }
  return { lines: next, index }
}
