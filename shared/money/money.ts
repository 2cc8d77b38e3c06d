import Decimal from 'decimal.js'
import { PosError } from '../contract/errors'

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

/** Past this many fen an amount is no longer an exact integer in JavaScript (about 90 trillion yuan). */
const MAX_FEN = Number.MAX_SAFE_INTEGER

/**
 * Yuan to integer fen, exactly. An amount too large to be an exact integer (a stuck key, a barcode in an
 * amount field) is refused with a typed error, before any column or sum can round or overflow it.
 */
export function toFen(value: Decimal.Value): number {
  const fen = round2(value).times(100)
  if (fen.abs().gt(MAX_FEN)) throw new PosError('AMOUNT_OUT_OF_RANGE', { amount: yuan(value).toSignificantDigits(6).toString() })
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

/**
 * Whether a value is a finite number with at most `places` decimals. Anything that is not a number
 * ("x", "", "1e", NaN) is simply not: a schema refinement calls this even after its format check
 * failed, so it must answer, never throw (a throw there escaped the contract as an untyped error).
 */
export function hasAtMostDecimals(value: Decimal.Value, places: number): boolean {
  let d: Money
  try {
    d = new Money(typeof value === 'number' ? String(value) : value)
  } catch {
    return false
  }
  return d.isFinite() && d.decimalPlaces() <= places
}
