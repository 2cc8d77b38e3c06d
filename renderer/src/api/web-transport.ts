import { CallResultSchema, EventMessageSchema } from '../../../shared/contract/envelope'
import { WEB_CALL_PATH, WEB_EVENTS_PATH, WEB_EVENTS_PROTOCOL, WEB_LAUNCH_PATH, WEB_TOKEN_HEADER } from '../../../shared/contract/names'
import type { RawTransport } from './checked'

const TOKEN_KEY = 'gongji.token'

/**
 * The launch URL carries a one-time code in its fragment (never sent to the server in a URL, never the
 * token itself: the browser's command line is readable by other local users). The first load trades it
 * for this run's token, kept for the tab's lifetime; a reload or a reopened tab uses the kept one.
 */
async function takeToken(): Promise<string> {
  const code = new URLSearchParams(location.hash.slice(1)).get('code')
  if (code) {
    history.replaceState(null, '', location.pathname + location.search)
    const res = await fetch(WEB_LAUNCH_PATH, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) }).catch(
      () => undefined,
    )
    const answer = CallResultSchema.safeParse(await res?.json().catch(() => undefined))
    const token = answer.success && answer.data.ok ? (answer.data.value as { token?: unknown }).token : undefined
    if (typeof token === 'string') {
      sessionStorage.setItem(TOKEN_KEY, token)
      return token
    }
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}

type Listener = (payload: unknown) => void

/** The browser shell's transport: calls over HTTP, events over one WebSocket that reconnects (checked.ts checks what they bring). */
export function createWebTransport(): RawTransport {
  const tokenReady = takeToken()
  // Known after the first call: the request then leaves in the key's own task, before React draws "busy".
  let token: string | undefined
  void tokenReady.then((t) => (token = t))
  const listeners = new Map<string, Set<Listener>>()
  let retry = 0

  async function connect() {
    const token = await tokenReady
    // Without a token the socket is refused anyway; the calls say why (UNAUTHORIZED) on the screen.
    if (!token) return
    const ws = new WebSocket(`ws://${location.host}${WEB_EVENTS_PATH}`, [WEB_EVENTS_PROTOCOL, token])
    ws.onopen = () => (retry = 0)
    ws.onmessage = (m) => {
      const parsed = EventMessageSchema.safeParse(JSON.parse(String(m.data)))
      if (!parsed.success) return
      for (const l of listeners.get(parsed.data.event) ?? []) l(parsed.data.payload)
    }
    ws.onclose = () => {
      retry = Math.min(retry + 1, 6)
      setTimeout(() => void connect(), 250 * 2 ** retry)
    }
  }
  void connect()

  return {
    async call(name, input) {
      const res = await fetch(`${WEB_CALL_PATH}${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [WEB_TOKEN_HEADER]: token ?? (await tokenReady) },
        body: JSON.stringify(input ?? {}),
      })
      return { body: await res.json().catch(() => undefined), status: res.status }
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set()
      set.add(listener)
      listeners.set(event, set)
      return () => set.delete(listener)
    },
  }
}
