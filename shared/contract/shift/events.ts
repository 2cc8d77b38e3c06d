import { z } from 'zod'
import type { SHIFT_EVENTS } from './names'
import { ShiftSchema } from './schemas'

export const shiftEvents = {
  /** A shift opened, moved cash or closed: the counter's shift line and the manager's list refresh. */
  shiftChanged: z.object({ shift: ShiftSchema }),
} satisfies Record<(typeof SHIFT_EVENTS)[number], z.ZodType>
