import type { CallInput, CallOutput } from './calls'
import type { CallName, EventName } from './names'
import type { EventPayload } from './events'

/**
 * What the renderer sees as `window.pos`: one function per contract call, plus `on` for events.
 * Both transports (Electron IPC and the browser shell's HTTP + WebSocket) implement exactly this.
 */
export type PosApi = { [K in CallName]: (input: CallInput<K>) => Promise<CallOutput<K>> } & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}
