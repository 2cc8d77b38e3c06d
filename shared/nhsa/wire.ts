import { z } from 'zod'
import { hasAtMostDecimals } from '../money/money'

/**
 * Wire primitives. Amounts are JSON numbers in yuan: at most 2 decimals, `cnt` at most 4, `pric` at
 * most 6, never negative. A string where a number belongs is refused rather than coerced, because a
 * gateway that coerces hides client bugs until a real province rejects them.
 */
function decimalNumber(places: number, label: string) {
  return z
    .number({ error: `${label}须为数字` })
    .refine((v) => Number.isFinite(v), { message: `${label}须为有限数字` })
    .refine((v) => v >= 0, { message: `${label}不能为负数` })
    .refine((v) => hasAtMostDecimals(v, places), { message: `${label}至多 ${places} 位小数` })
}

export const amountSchema = decimalNumber(2, '金额')
export const cntSchema = decimalNumber(4, '数量').refine((v) => v > 0, { message: '数量须大于 0' })
export const pricSchema = decimalNumber(6, '单价')
/** Output amounts may be negative (refund rows in reconciliation), still 2 decimals. */
export const signedAmountSchema = z.number().refine((v) => hasAtMostDecimals(v, 2), { message: '金额至多 2 位小数' })

export const admdvsSchema = z.string().regex(/^\d{6}$/, '区划代码须为 6 位数字')
export const fixmedinsCodeSchema = z.string().regex(/^[A-Z0-9]{12}$/, '定点机构编码须为 12 位大写字母或数字')
export const dateTimeSchema = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, '时间格式须为 yyyy-MM-dd HH:mm:ss')
function isCalendarDate(ymd: string): boolean {
  const [y, m, d] = ymd.split('-').map(Number)
  const t = new Date(Date.UTC(y, m - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
}
export const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式须为 yyyy-MM-dd')
  .refine(isCalendarDate, { message: '不是有效日期' })
export const psnNoSchema = z.string().min(1, 'psn_no 不能为空').max(30)
export const nonEmpty = (label: string, max = 100) => z.string().min(1, `${label}不能为空`).max(max, `${label}过长`)

/** Decimal strings of ratios in outputs, e.g. "0.10". */
export const ratioStringSchema = z.string().regex(/^\d+(\.\d+)?$/)
