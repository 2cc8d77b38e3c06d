import { z } from 'zod'
import type { STOCK_EVENTS } from './names'

export const stockEvents = {
  /** Movements were posted for these items (a receipt, return, correction, stocktake, sale or refund). */
  stockChanged: z.object({ storeCodes: z.array(z.string()) }),
} satisfies Record<(typeof STOCK_EVENTS)[number], z.ZodType>
