import { z } from 'zod'
import { DaySchema } from '../manager/schemas'
import { SaleViewSchema } from './schemas'

/**
 * Across counters (issue 15): the screen's side of finding a sale another counter of the store made, and of
 * how far a box-code check reached. The wire to the store node is shared/contract/sync/across.ts.
 */

/** By the receipt's code (the sale id it carries), the platform's settlement id, or a day and a member's psn_no. */
export const FindStoreSalesInputSchema = z.union([
  z.object({ saleId: z.string().trim().min(1).max(64) }).strict(),
  z.object({ setlId: z.string().trim().min(1).max(64) }).strict(),
  z.object({ day: DaySchema, psnNo: z.string().trim().min(1).max(40) }).strict(),
])

export const StoreSaleFoundSchema = z.object({
  saleId: z.string(),
  terminalNo: z.number().int().min(1).max(99),
  terminalLabel: z.string(),
  createdAt: z.string(),
  state: z.string(),
  cashier: z.string(),
  memberNameMasked: z.string().nullable(),
  total: z.string().regex(/^\d+\.\d{2}$/),
  insured: z.boolean(),
  lines: z.number().int(),
  /** Refunded at any counter of the store. */
  refunded: z.boolean(),
})
export type StoreSaleFound = z.infer<typeof StoreSaleFoundSchema>

/**
 * A sale as openSale answers it, with how far its box codes were checked when it has any on a paired
 * counter: `store` — every counter of the store (through the store node); `counter` — the store node did not
 * answer, so only this counter's own record (the platform's 3505 stays the backstop).
 */
export const OpenedSaleSchema = SaleViewSchema.extend({ traceCodesChecked: z.enum(['store', 'counter']).optional() })
