import { describe, expect, it } from 'vitest'
import { calls, events } from '../../shared/contract'
import { CONCERN_CONTRACTS, type SomeConcernContract } from '../../shared/contract/by-concern'
import { CONCERN_NAMES, type CallName, type Concern, type EventName } from '../../shared/contract/names'
import { checkedApi, type RawAnswer, type RawTransport } from '../../renderer/src/api/checked'
import { PosCallError } from '../../renderer/src/api/errors'

const APP_INFO = {
  name: '共济收银',
  version: '0.1.0',
  shell: 'web',
  schemaVersion: 430,
  dataDir: '/tmp/x',
  startedAt: '2026-12-05T08:00:00.000Z',
  secretProtection: 'file-key',
}

/** A transport that answers what the test hands it and lets the test send events, as a shell would. */
function fakeShell(answer: (name: CallName) => RawAnswer) {
  const listeners = new Map<string, Set<(p: unknown) => void>>()
  const raw: RawTransport = {
    call: async (name) => answer(name),
    on(event, listener) {
      const set = listeners.get(event) ?? new Set()
      set.add(listener)
      listeners.set(event, set)
      return () => set.delete(listener)
    },
  }
  const send = (event: EventName, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload))
  return { raw, send }
}

const settled = () => new Promise((r) => setTimeout(r, 20))

describe('the renderer checks what the core sends against the contract (renderer/src/api/checked.ts)', () => {
  it('answers a call’s value as its output schema reads it', async () => {
    const api = checkedApi(fakeShell(() => ({ body: { ok: true, value: { ...APP_INFO, extra: 'dropped' } } })).raw)
    expect(await api.appInfo({})).toEqual(APP_INFO)
  })

  it('refuses an answer that does not fit its call’s output schema, with a typed error naming the call', async () => {
    const api = checkedApi(fakeShell(() => ({ body: { ok: true, value: { ...APP_INFO, shell: 'telnet' } } })).raw)
    const e = await api.appInfo({}).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(PosCallError)
    expect(e).toMatchObject({ code: 'CORE_ANSWER_INVALID', params: { call: 'appInfo' } })
  })

  it('reads the envelope: a typed error passes as it came, a misfit is the transport’s failure with its status', async () => {
    const refused = checkedApi(fakeShell(() => ({ body: { ok: false, error: { code: 'LOGIN_FAILED', message: '工号或密码不正确' } } })).raw)
    await expect(refused.login({ userId: 'u1', pin: '1' })).rejects.toMatchObject({ code: 'LOGIN_FAILED' })
    const garbled = checkedApi(fakeShell(() => ({ body: '<html>', status: 502 })).raw)
    await expect(garbled.sessionInfo({})).rejects.toMatchObject({ code: 'TRANSPORT', params: { status: 502 } })
  })

  it('drops an event whose payload does not fit, and keeps the order of events across concerns while one loads', async () => {
    let release = () => {}
    const slowSession = new Promise<void>((r) => (release = r))
    const load = async (c: Concern): Promise<SomeConcernContract> => {
      if (c === 'session') await slowSession
      return CONCERN_CONTRACTS[c]()
    }
    const { raw, send } = fakeShell(() => ({ body: undefined }))
    const api = checkedApi(raw, { load })
    const seen: string[] = []
    api.on('sessionChanged', (p) => seen.push(`session:${p.session.locked}`))
    api.on('stockChanged', (p) => seen.push(`stock:${p.storeCodes.join()}`))
    const session = { user: null, locked: true, idleLockMinutes: 5, demoUsers: [] }
    send('stockChanged', { storeCodes: 'S1' })
    send('sessionChanged', { session })
    send('stockChanged', { storeCodes: ['S1'] })
    await settled()
    // The stock event waits behind the session's, whose schemas are still on their way.
    expect(seen).toEqual([])
    release()
    await settled()
    expect(seen).toEqual(['session:true', 'stock:S1'])
  })

  it('loads each concern with exactly its names, the very schemas the core checks against (one contract)', async () => {
    for (const [concern, names] of Object.entries(CONCERN_NAMES) as [Concern, (typeof CONCERN_NAMES)[Concern]][]) {
      const part = await CONCERN_CONTRACTS[concern]()
      expect(Object.keys(part.calls).sort(), concern).toEqual([...names.calls].sort())
      expect(Object.keys(part.events).sort(), concern).toEqual([...names.events].sort())
      for (const [name, def] of Object.entries(part.calls)) expect(def).toBe(calls[name as CallName])
      for (const [name, schema] of Object.entries(part.events)) expect(schema).toBe(events[name as EventName])
    }
  })
})
