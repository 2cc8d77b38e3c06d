import { z } from 'zod'
import type { OFFLINE_EVENTS } from './names'
import { ConnectivityStatusSchema, OfflineSaleViewSchema } from './schemas'

export const offlineEvents = {
  connectivity: ConnectivityStatusSchema,
  offlineSaleChanged: z.object({ sale: OfflineSaleViewSchema }),
} satisfies Record<(typeof OFFLINE_EVENTS)[number], z.ZodType>
