/**
 * The contract's call and event names as plain data: the preload imports only these lists, so it has no
 * dependencies of its own. Each concern keeps its names beside its calls; `calls.ts` and `events.ts` are
 * checked against these lists at compile time.
 */
import { CATALOG_CALLS, CATALOG_EVENTS } from './catalog/names'
import { CLINIC_CALLS, CLINIC_EVENTS } from './clinic/names'
import { DEVICES_CALLS, DEVICES_EVENTS } from './devices/names'
import { MANAGER_CALLS, MANAGER_EVENTS } from './manager/names'
import { OFFLINE_CALLS, OFFLINE_EVENTS } from './offline/names'
import { SALE_CALLS, SALE_EVENTS } from './sale/names'
import { SESSION_CALLS, SESSION_EVENTS } from './session/names'
import { SHIFT_CALLS, SHIFT_EVENTS } from './shift/names'
import { STOCK_CALLS, STOCK_EVENTS } from './stock/names'
import { SYNC_CALLS, SYNC_EVENTS } from './sync/names'
import { SYSTEM_CALLS, SYSTEM_EVENTS } from './system/names'
import { UPLOADS_CALLS, UPLOADS_EVENTS } from './uploads/names'

/**
 * Each concern's names: the renderer loads one concern's schemas when one of its calls or events is first
 * used (contract/by-concern.ts), so the login screen does not build the whole contract.
 */
export const CONCERN_NAMES = {
  system: { calls: SYSTEM_CALLS, events: SYSTEM_EVENTS },
  session: { calls: SESSION_CALLS, events: SESSION_EVENTS },
  sale: { calls: SALE_CALLS, events: SALE_EVENTS },
  devices: { calls: DEVICES_CALLS, events: DEVICES_EVENTS },
  catalog: { calls: CATALOG_CALLS, events: CATALOG_EVENTS },
  manager: { calls: MANAGER_CALLS, events: MANAGER_EVENTS },
  clinic: { calls: CLINIC_CALLS, events: CLINIC_EVENTS },
  offline: { calls: OFFLINE_CALLS, events: OFFLINE_EVENTS },
  stock: { calls: STOCK_CALLS, events: STOCK_EVENTS },
  uploads: { calls: UPLOADS_CALLS, events: UPLOADS_EVENTS },
  sync: { calls: SYNC_CALLS, events: SYNC_EVENTS },
  shift: { calls: SHIFT_CALLS, events: SHIFT_EVENTS },
} as const
export type Concern = keyof typeof CONCERN_NAMES
export type ConcernCallName<C extends Concern> = (typeof CONCERN_NAMES)[C]['calls'][number]
export type ConcernEventName<C extends Concern> = (typeof CONCERN_NAMES)[C]['events'][number]
export type CallName = ConcernCallName<Concern>
export type EventName = ConcernEventName<Concern>

const concerns = Object.entries(CONCERN_NAMES) as [Concern, (typeof CONCERN_NAMES)[Concern]][]
export const CALL_NAMES: readonly CallName[] = concerns.flatMap(([, n]) => n.calls)
export const EVENT_NAMES: readonly EventName[] = concerns.flatMap(([, n]) => n.events)

/** Which concern a call belongs to, and an event (a name may be both: journalStatus). */
export const CONCERN_OF_CALL: ReadonlyMap<string, Concern> = new Map(concerns.flatMap(([c, n]) => n.calls.map((name) => [name, c] as const)))
export const CONCERN_OF_EVENT: ReadonlyMap<string, Concern> = new Map(concerns.flatMap(([c, n]) => n.events.map((name) => [name, c] as const)))

/** The browser shell's HTTP transport, for its server and the page alike. */
export const WEB_CALL_PATH = '/api/call/'
export const WEB_EVENTS_PATH = '/api/events'
/** Where the page trades its launch code for the token (open to calls without the token, by design). */
export const WEB_LAUNCH_PATH = '/api/launch'
export const WEB_TOKEN_HEADER = 'x-pos-token'
/** The WebSocket subprotocol; the token travels as a second subprotocol so it never sits in a URL. */
export const WEB_EVENTS_PROTOCOL = 'gongji-pos'

/** IPC channels of the Electron transport. */
export const IPC_CALL_CHANNEL = 'pos:call'
export const IPC_EVENT_CHANNEL = 'pos:event'
