import { z } from 'zod'
import { boundedDecimalString } from '../../money/bounds'

/**
 * 折扣 / 改价 on goods outside insurance: by an amount off (yuan) or a percentage off. A percentage is
 * turned into fen once, half-up, when the sale is opened; the line's amount is then qty × price − discount,
 * exact to the fen. Insured lines keep the catalog price the platform is sent (DISCOUNT_INSURED_LINE).
 */
export const DiscountSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('amount'), value: boundedDecimalString(2, '折扣金额', 'line') }).strict(),
  z
    .object({
      kind: z.literal('percent'),
      value: z
        .string()
        .regex(/^\d{1,3}(\.\d{1,2})?$/, '折扣百分比须为 0-100 之间的数字，至多 2 位小数')
        .refine((v) => Number(v) > 0 && Number(v) < 100, '折扣百分比须大于 0 且小于 100'),
    })
    .strict(),
])
export type Discount = z.infer<typeof DiscountSchema>

/** A discount as the sale records it: what was asked, what it came to, and who approved it. */
export const SaleDiscountViewSchema = z.object({
  /** The goods' amount before any discount (原价). */
  gross: z.string().regex(/^\d+\.\d{2}$/),
  /** Every line's discount together (折扣), line discounts and the whole-sale one. */
  discount: z.string().regex(/^\d+\.\d{2}$/),
  /** The whole-sale discount as asked (整单优惠), when there was one. */
  saleDiscount: DiscountSchema.nullable(),
  /** The manager who approved it (id), when it was above the store's threshold. */
  approvedBy: z.string().nullable(),
})
export type SaleDiscountView = z.infer<typeof SaleDiscountViewSchema>

/** When a manager's PIN is needed: a sale's discounts above either figure (a store setting). */
export const DiscountApprovalSettingSchema = z.object({
  /** Percent of the discounted goods' original amount (0: every discount needs a manager). */
  percent: z.number().int().min(0).max(100),
  /** Yuan off in total, in fen. */
  amountFen: z.number().int().min(0).max(999_999_999),
})
export type DiscountApprovalSetting = z.infer<typeof DiscountApprovalSettingSchema>
