import { z } from 'zod'
import type { MANAGER_EVENTS } from './names'
import { DaySchema } from './schemas'

export const managerEvents = {
  /** A reconciliation, an action on a difference or a close changed what a manager screen shows for the day. */
  managerDayChanged: z.object({ day: DaySchema, training: z.boolean(), what: z.enum(['reconciled', 'difference', 'closed']) }),
} satisfies Record<(typeof MANAGER_EVENTS)[number], z.ZodType>
