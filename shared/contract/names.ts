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

export const CALL_NAMES = [
  ...SYSTEM_CALLS,
  ...SESSION_CALLS,
  ...SALE_CALLS,
  ...DEVICES_CALLS,
  ...CATALOG_CALLS,
  ...MANAGER_CALLS,
  ...CLINIC_CALLS,
  ...OFFLINE_CALLS,
  ...STOCK_CALLS,
  ...UPLOADS_CALLS,
  ...SYNC_CALLS,
  ...SHIFT_CALLS,
] as const
export type CallName = (typeof CALL_NAMES)[number]

export const EVENT_NAMES = [
  ...SYSTEM_EVENTS,
  ...SESSION_EVENTS,
  ...SALE_EVENTS,
  ...DEVICES_EVENTS,
  ...CATALOG_EVENTS,
  ...MANAGER_EVENTS,
  ...CLINIC_EVENTS,
  ...OFFLINE_EVENTS,
  ...STOCK_EVENTS,
  ...UPLOADS_EVENTS,
  ...SYNC_EVENTS,
  ...SHIFT_EVENTS,
] as const
export type EventName = (typeof EVENT_NAMES)[number]

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
