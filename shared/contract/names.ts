/**
 * The contract's call and event names as plain data: the preload imports only this file, so it has no
 * dependencies of its own. `calls.ts` and `events.ts` are checked against these lists at compile time.
 */
export const CALL_NAMES = ['appInfo', 'getSettings', 'updateSettings'] as const
export type CallName = (typeof CALL_NAMES)[number]

export const EVENT_NAMES = ['settingsChanged'] as const
export type EventName = (typeof EVENT_NAMES)[number]

/** IPC channels of the Electron transport. */
export const IPC_CALL_CHANNEL = 'pos:call'
export const IPC_EVENT_CHANNEL = 'pos:event'
