import { z } from 'zod'
import { catalogEvents } from './catalog/events'
import { clinicEvents } from './clinic/events'
import { devicesEvents } from './devices/events'
import { managerEvents } from './manager/events'
import type { EventName } from './names'
import { offlineEvents } from './offline/events'
import { saleEvents } from './sale/events'
import { sessionEvents } from './session/events'
import { shiftEvents } from './shift/events'
import { stockEvents } from './stock/events'
import { syncEvents } from './sync/events'
import { uploadsEvents } from './uploads/events'
import { systemEvents } from './system/events'

/** Everything the core pushes to the renderer. */
export const events = {
  ...systemEvents,
  ...sessionEvents,
  ...saleEvents,
  ...devicesEvents,
  ...catalogEvents,
  ...managerEvents,
  ...clinicEvents,
  ...offlineEvents,
  ...stockEvents,
  ...uploadsEvents,
  ...syncEvents,
  ...shiftEvents,
} satisfies Record<EventName, z.ZodType>

export type Events = typeof events
export type EventPayload<K extends EventName> = z.output<Events[K]>
