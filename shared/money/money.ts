import Decimal from 'decimal.js'

/**
 * Money is yuan with 2 decimals, carried as decimal.js values and crossing every boundary as
 * strings or integer fen. Rounding is half-up per line (domain rule 3).
 */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP })
export type Money = Decimal

export const ZERO = new Money(0)

/** Parses a yuan amount (string, or a JSON number from the platform) exactly. */
export function yuan(value: Decimal.Value): Money {
  const d = new Money(typeof value === 'number' ? String(value) : value)
  if (!d.isFinite()) throw new RangeError(`not a finite amount: ${String(value)}`)
  return d
}

/** Rounds to fen, half-up. */
export function round2(value: Decimal.Value): Money {
  return yuan(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
}

export function toFen(value: Decimal.Value): number {
  const fen = round2(value).times(100)
  return fen.toNumber()
}

export function fromFen(fen: number): Money {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen must be a safe integer: ${fen}`)
  return new Money(fen).dividedBy(100)
}

/** "12.30": the form amounts take on screen, on receipts and in the contract. */
export function formatYuan(value: Decimal.Value): string {
  return round2(value).toFixed(2)
}

/** A JSON number with at most 2 decimals, as the platform interface wants amounts. */
export function toWireNumber(value: Decimal.Value): number {
  return Number(round2(value).toFixed(2))
}

export function sum(values: Iterable<Decimal.Value>): Money {
  let total = ZERO
  for (const v of values) total = total.plus(yuan(v))
  return total
}

export function hasAtMostDecimals(value: Decimal.Value, places: number): boolean {
  const d = new Money(typeof value === 'number' ? String(value) : value)
  return d.isFinite() && d.decimalPlaces() <= places
}
