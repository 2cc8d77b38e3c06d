import { z } from 'zod'
import type { SESSION_EVENTS } from './names'
import { SessionSchema } from './schemas'

export const sessionEvents = {
  sessionChanged: z.object({ session: SessionSchema }),
} satisfies Record<(typeof SESSION_EVENTS)[number], z.ZodType>
