import { z } from 'zod'
import { hasAtMostDecimals, yuan } from './money'

/**
 * The largest amounts and quantities the POS accepts anywhere, in one place. Every one keeps its value
 * in fen (or 1/10,000 of a unit) far inside 2^53 and inside SQLite's INTEGER, so nothing that passed
 * these bounds can overflow a column after the platform has committed (security review M1, M2).
 * They are generous for a pharmacy or a clinic (the dearest negotiated drugs cost tens of thousands of
 * yuan a box) and still refuse a barcode or a traceability code typed into the wrong field.
 */
export const BOUNDS = {
  /** Units of one line: a 13-digit EAN typed into the quantity field is refused. */
  qty: '9999',
  /** Yuan per unit. */
  price: '999999.99',
  /** Yuan for one line (qty × price, rounded). */
  line: '9999999.99',
  /** Yuan for a whole sale, insured and goods together. */
  sale: '9999999.99',
  /** Yuan handed over at once: a 17-digit scan into the tendered field is refused. */
  tendered: '9999999.99',
  /** Yuan in any one amount of a platform answer; more is unreadable, not money. */
  platformAmount: '999999999.99',
} as const
export type Bound = keyof typeof BOUNDS

/** Whether a decimal value (string or JSON number) is within a bound. */
export function withinBound(value: string | number, bound: Bound): boolean {
  return yuan(value).lte(BOUNDS[bound])
}

/** A refusal message naming the limit, in the cashier's words. */
export function boundMessage(label: string, bound: Bound): string {
  return `${label}不能超过 ${BOUNDS[bound]}`
}

/** A non-negative decimal string with at most `places` decimals and at most `bound`. */
export function boundedDecimalString(places: number, label: string, bound: Bound) {
  return z
    .string()
    .max(24, boundMessage(label, bound))
    .regex(/^\d+(\.\d+)?$/, `${label}须为非负数字`)
    .refine((v) => !/^\d+(\.\d+)?$/.test(v) || hasAtMostDecimals(v, places), `${label}至多 ${places} 位小数`)
    .refine((v) => !/^\d+(\.\d+)?$/.test(v) || withinBound(v, bound), boundMessage(label, bound))
}
