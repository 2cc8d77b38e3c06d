import type { PosApi } from '../../../shared/contract'
import { PosCallError } from './errors'
import { createWebTransport } from './web-transport'

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser shell. */
    pos?: PosApi
  }
}

/**
 * Electron's preload returns typed errors as values (thrown errors lose their fields crossing the
 * context bridge); this wrapper turns them back into PosCallError so both shells look the same.
 */
function fromPreload(raw: PosApi): PosApi {
  return new Proxy(raw, {
    get(target, prop: string) {
      const fn = (target as unknown as Record<string, unknown>)[prop]
      if (prop === 'on' || typeof fn !== 'function') return fn
      return async (input: unknown) => {
        const result = (await (fn as (i: unknown) => Promise<unknown>)(input)) as
          { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }
        if (!result.ok) throw new PosCallError(result.error)
        return result.value
      }
    },
  })
}

export const pos: PosApi = window.pos ? fromPreload(window.pos) : createWebTransport()
export { PosCallError }
