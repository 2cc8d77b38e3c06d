import { z } from 'zod'
import { CatalogItemSchema } from '../../catalog/schemas'
import { LineQtySchema, MAX_LINE_QTY, PrescriptionSchema } from './schemas'

/**
 * 挂单 / 取单: a sale parked while its customer fetches a prescription, and the next customer served.
 * The cart is kept as the cashier built it (store codes, quantities, the boxes' trace codes), never prices:
 * a recalled sale is priced again by the catalog like any other.
 */
export const HeldLineSchema = z
  .object({
    storeCode: z.string().trim().min(1).max(40),
    qty: LineQtySchema,
    traceCodes: z.array(z.string().trim().min(1).max(64)).max(MAX_LINE_QTY).default([]),
    /** unit: 拆零, qty counts smallest units. */
    by: z.enum(['pack', 'unit']).default('pack'),
  })
  .strict()

/** Who the customer was, as the screen showed it, so the cashier can find the sale by customer. Masked only. */
export const HeldCustomerSchema = z
  .object({
    nameMasked: z.string().trim().min(1).max(40),
    certNoMasked: z.string().trim().max(40).default(''),
  })
  .strict()

export const HoldSaleInputSchema = z
  .object({
    lines: z.array(HeldLineSchema).min(1, '购物车是空的，没有可挂起的销售').max(200),
    customer: HeldCustomerSchema.optional(),
    acctUsed: z.boolean().default(true),
    mulaidId: z.string().trim().min(1).max(64).optional(),
    prescription: PrescriptionSchema.optional(),
  })
  .strict()

export const HeldSaleSummarySchema = z.object({
  /** 挂单号: small, so a cashier can say it and type it. */
  number: z.number().int().positive(),
  heldAt: z.string(),
  heldBy: z.string(),
  customer: HeldCustomerSchema.nullable(),
  /** "布洛芬缓释胶囊 ×2、去屑洗发水 ×1": what the cashier recognises the sale by. */
  items: z.string(),
  lineCount: z.number().int().nonnegative(),
})
export type HeldSaleSummary = z.infer<typeof HeldSaleSummarySchema>

/** A recalled sale: the cart with today's catalog items, and what the customer had chosen. */
export const RecalledSaleSchema = z.object({
  number: z.number().int().positive(),
  customer: HeldCustomerSchema.nullable(),
  lines: z.array(z.object({ item: CatalogItemSchema, qty: z.string(), traceCodes: z.array(z.string()), by: z.enum(['pack', 'unit']).default('pack') })),
  acctUsed: z.boolean(),
  mulaidId: z.string().nullable(),
  prescription: PrescriptionSchema.nullable(),
  /** Store codes no longer in the catalog: left out of the cart, named for the cashier. */
  missing: z.array(z.string()),
})
export type RecalledSale = z.infer<typeof RecalledSaleSchema>

export const RecallInputSchema = z.object({ number: z.number().int().positive() }).strict()
