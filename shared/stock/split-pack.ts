import { round2, yuan, type Money } from '../money/money'

/**
 * 拆零: selling single tablets (片, 粒, 支) out of an opened box. The catalog prices the box; a split line
 * is priced from that box price, never from a rounded unit price, so selling a whole box by the unit
 * costs exactly the box price and no sum of units drifts from it.
 *
 * The rule, stated once:
 * - a split line of `units` smallest units costs packPrice × units ÷ packSize, rounded half-up to the fen
 *   (domain rule 3: half-up per line);
 * - the unit price shown and sent to the platform as `pric` is packPrice ÷ packSize rounded half-up to 6
 *   decimals (the interface's `pric` carries 6). pric × cnt then differs from the line amount by less
 *   than 0.01 for any quantity the counter accepts (≤ 9999 units: at most 9999 × 0.0000005 + 0.005).
 * - Each sale is rounded on its own: 10 + 10 + 4 of a 24-box sold to three customers may differ by a fen
 *   from the box price in total (each customer pays their own rounded line), but one sale of 24 never does.
 */

export const UNIT_PRICE_PLACES = 6

/** What a split line of `units` costs, in yuan (2 decimals). */
export function splitAmount(packPrice: string, packSize: number, units: number | string): Money {
  return round2(yuan(packPrice).times(units).dividedBy(packSize))
}

/** The price of one smallest unit, as shown and sent (6 decimals, trailing zeros dropped to at least 2). */
export function splitUnitPrice(packPrice: string, packSize: number): string {
  const exact = yuan(packPrice).dividedBy(packSize).toDecimalPlaces(UNIT_PRICE_PLACES)
  const text = exact.toFixed(UNIT_PRICE_PLACES)
  return text.replace(/(\.\d{2}\d*?)0+$/, '$1')
}
