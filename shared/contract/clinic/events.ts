import { z } from 'zod'
import type { CLINIC_EVENTS } from './names'
import { VisitViewSchema } from './schemas'

export const clinicEvents = {
  clinicVisitChanged: z.object({ visit: VisitViewSchema }),
} satisfies Record<(typeof CLINIC_EVENTS)[number], z.ZodType>
