import { z } from 'zod'
import type { SALE_EVENTS } from './names'
import { JournalStatusSchema, SaleViewSchema } from './schemas'
import { MobilePaymentViewSchema } from './mobile'

export const saleEvents = {
  journalStatus: JournalStatusSchema,
  saleChanged: z.object({ sale: SaleViewSchema }),
  mobilePayChanged: z.object({ payment: MobilePaymentViewSchema }),
} satisfies Record<(typeof SALE_EVENTS)[number], z.ZodType>
