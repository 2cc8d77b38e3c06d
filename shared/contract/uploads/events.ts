import { z } from 'zod'
import type { UPLOADS_EVENTS } from './names'

export const uploadsEvents = {
  /** Stock uploads were queued, answered, held or resolved: the manager's list may have changed. */
  stockUploadsChanged: z.object({}),
} satisfies Record<(typeof UPLOADS_EVENTS)[number], z.ZodType>
