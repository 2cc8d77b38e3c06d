import { z } from 'zod'
import { SettingsSchema } from '../settings'
import type { SYSTEM_EVENTS } from './names'

export const systemEvents = {
  settingsChanged: z.object({ settings: SettingsSchema }),
} satisfies Record<(typeof SYSTEM_EVENTS)[number], z.ZodType>
