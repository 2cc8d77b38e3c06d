import { z } from 'zod'
import { hasAtMostDecimals } from '../../money/money'
import { withinBound } from '../../money/bounds'

/**
 * Loose wire primitives for reading answers (never for writing requests: what we send stays strict,
 * shared/nhsa/wire.ts). Real gateways send a number as a JSON number or as a numeric string, and an
 * amount they have nothing to say about as "", null or not at all (interface-audit.md §1.2). Each field
 * says what "empty" means for it; a value that is present but not a number is unreadable, never guessed.
 */

const NUMERIC = /^-?\d+(\.\d+)?$/

/** "", null and absent all mean "the platform did not say". */
function emptyToNull(v: unknown): unknown {
  if (v === undefined || v === null) return null
  if (typeof v === 'string') {
    const t = v.trim()
    if (t === '') return null
    return NUMERIC.test(t) ? t : v
  }
  return v
}

/**
 * An amount in yuan: finite, at most 2 decimals, at most BOUNDS.platformAmount in size. Negative values
 * are read as they are: whether one may be negative is the settlement check's to say, with the sale in hand.
 * Reads as a JSON number, or null when the platform did not say.
 */
export const looseAmount = z
  .preprocess(emptyToNull, z.union([z.number(), z.string().regex(NUMERIC), z.null()], { error: '金额须为数字' }))
  .transform((v, ctx) => {
    if (v === null) return null
    // A JSON number cannot be NaN, but 1e308 parses; one check, in decimal, for both forms.
    const text = String(v)
    if (!NUMERIC.test(text)) ctx.issues.push({ code: 'custom', message: '金额须为有限数字', input: v })
    else if (!hasAtMostDecimals(text, 2)) ctx.issues.push({ code: 'custom', message: '金额至多 2 位小数', input: v })
    else if (!withinBound(text.replace('-', ''), 'platformAmount')) ctx.issues.push({ code: 'custom', message: '金额超出可读范围', input: v })
    else return Number(text)
    return z.NEVER
  })

/** A plain number (a ratio, an age, a count): finite, or null when the platform did not say. */
export const looseNumber = z.preprocess(emptyToNull, z.union([z.number(), z.string().regex(NUMERIC), z.null()], { error: '须为数字' })).transform((v, ctx) => {
  if (v === null) return null
  const n = Number(v)
  if (Number.isFinite(n) && Math.abs(n) < 1e12) return n
  ctx.issues.push({ code: 'custom', message: '数字超出可读范围', input: v })
  return z.NEVER
})

/** A code or id: a string (a number is taken as its digits); "" and null mean "not said". */
export const looseText = z.preprocess(
  (v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : v === undefined || v === '' ? null : v),
  z.string().max(2000).nullable(),
)

/** infcode: 0 is success, anything else a refusal; as a number or a numeric string ("0", "-1"). */
export const looseInfcode = z.union([
  z.number().int(),
  z
    .string()
    .trim()
    .regex(/^-?\d+$/)
    .transform(Number),
])

/** An array of rows; absent or null means none. */
export function looseRows<T extends z.ZodType>(row: T, max = 5000) {
  return z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : v), z.array(row).max(max))
}
