import type { CallName, EventName, PosApi } from '../../../shared/contract'
import { checkedApi, type RawTransport } from './checked'
import { PosCallError } from './errors'
import { createWebTransport } from './web-transport'

/** What Electron's preload puts on `window.pos`: each call answers the result envelope, unchecked. */
type PreloadApi = { [K in CallName]: (input: unknown) => Promise<unknown> } & {
  on(event: EventName, listener: (payload: unknown) => void): () => void
}

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser shell. */
    pos?: PreloadApi
  }
}

/**
 * Electron's preload returns typed errors as values (thrown errors lose their fields crossing the
 * context bridge); checked.ts reads that envelope as it reads the browser shell's, so both shells look the same.
 */
function fromPreload(preload: PreloadApi): RawTransport {
  return {
    call: async (name, input) => ({ body: await preload[name](input) }),
    on: (event, listener) => preload.on(event, listener),
  }
}

/** What App.tsx asks before it draws the login screen: their concerns' schemas are fetched while React starts. */
const FIRST_CALLS = ['appInfo', 'getSettings', 'sessionInfo'] as const satisfies readonly CallName[]

export const pos: PosApi = checkedApi(window.pos ? fromPreload(window.pos) : createWebTransport(), { ahead: FIRST_CALLS })
export { PosCallError }
