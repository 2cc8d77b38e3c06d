import { z } from 'zod'
import type { SALE_EVENTS } from './names'
import { JournalStatusSchema, SaleViewSchema } from './schemas'

export const saleEvents = {
  journalStatus: JournalStatusSchema,
  saleChanged: z.object({ sale: SaleViewSchema }),
} satisfies Record<(typeof SALE_EVENTS)[number], z.ZodType>
