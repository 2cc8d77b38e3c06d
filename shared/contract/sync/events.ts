import type { z } from 'zod'
import type { SYNC_EVENTS } from './names'

export const syncEvents = {} satisfies Record<(typeof SYNC_EVENTS)[number], z.ZodType>
