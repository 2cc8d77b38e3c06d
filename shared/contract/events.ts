import { z } from 'zod'
import type { EventName } from './names'
import { SettingsSchema } from './settings'

/** Everything the core pushes to the renderer. */
export const events = {
  settingsChanged: z.object({ settings: SettingsSchema }),
} satisfies Record<EventName, z.ZodType>

export type Events = typeof events
export type EventPayload<K extends EventName> = z.output<Events[K]>

export const EventMessageSchema = z.object({ event: z.string(), payload: z.unknown() })
