import type { z } from 'zod'
import type { CallDef } from './define'
import type { Concern, ConcernCallName, ConcernEventName } from './names'

/** One concern's part of the contract: the same objects calls.ts and events.ts join for the core. */
export interface ConcernContract<C extends Concern> {
  calls: Record<ConcernCallName<C>, CallDef>
  events: Record<ConcernEventName<C>, z.ZodType>
}

/** Any one concern's part, looked up by a name its reader knows belongs to it. */
export interface SomeConcernContract {
  calls: Partial<Record<string, CallDef>>
  events: Partial<Record<string, z.ZodType>>
}

/** Both modules fetched at once. */
async function part<C, E>(calls: Promise<C>, events: Promise<E>): Promise<{ calls: C; events: E }> {
  const [c, e] = await Promise.all([calls, events])
  return { calls: c, events: e }
}

/**
 * Each concern's calls and events, loaded when first needed. The renderer checks what the core answers and
 * sends against these, but building every schema of the contract at once held the login screen back
 * (docs/bench-notes/web-start.md): a bundler makes each concern its own chunk, fetched with its first call.
 */
export const CONCERN_CONTRACTS = {
  system: () =>
    part(
      import('./system/calls').then((m) => m.systemCalls),
      import('./system/events').then((m) => m.systemEvents),
    ),
  session: () =>
    part(
      import('./session/calls').then((m) => m.sessionCalls),
      import('./session/events').then((m) => m.sessionEvents),
    ),
  sale: () =>
    part(
      import('./sale/calls').then((m) => m.saleCalls),
      import('./sale/events').then((m) => m.saleEvents),
    ),
  devices: () =>
    part(
      import('./devices/calls').then((m) => m.devicesCalls),
      import('./devices/events').then((m) => m.devicesEvents),
    ),
  catalog: () =>
    part(
      import('./catalog/calls').then((m) => m.catalogCalls),
      import('./catalog/events').then((m) => m.catalogEvents),
    ),
  manager: () =>
    part(
      import('./manager/calls').then((m) => m.managerCalls),
      import('./manager/events').then((m) => m.managerEvents),
    ),
  clinic: () =>
    part(
      import('./clinic/calls').then((m) => m.clinicCalls),
      import('./clinic/events').then((m) => m.clinicEvents),
    ),
  offline: () =>
    part(
      import('./offline/calls').then((m) => m.offlineCalls),
      import('./offline/events').then((m) => m.offlineEvents),
    ),
  stock: () =>
    part(
      import('./stock/calls').then((m) => m.stockCalls),
      import('./stock/events').then((m) => m.stockEvents),
    ),
  uploads: () =>
    part(
      import('./uploads/calls').then((m) => m.uploadsCalls),
      import('./uploads/events').then((m) => m.uploadsEvents),
    ),
  sync: () =>
    part(
      import('./sync/calls').then((m) => m.syncCalls),
      import('./sync/events').then((m) => m.syncEvents),
    ),
  shift: () =>
    part(
      import('./shift/calls').then((m) => m.shiftCalls),
      import('./shift/events').then((m) => m.shiftEvents),
    ),
} satisfies { [C in Concern]: () => Promise<ConcernContract<C>> }
