import { describe, expect, it } from 'vitest'
import { calls, CALL_NAMES, EVENT_NAMES, events } from '../../shared/contract'
import { createCore } from '../../electron/core/core'
import { trainingPlatform } from '../../electron/sandbox/training'
import { DEFAULT_SETTINGS } from '../../electron/core/settings/settings-service'
import { createDispatcher, type Handlers } from '../../electron/core/transport/dispatcher'
import { signIn } from '../support/core-session'
import { useTempDir } from '../support/temp-dir'

const tempDir = useTempDir()
const fixedClock = { now: () => new Date('2026-11-23T09:00:00+08:00') }

describe('contract', () => {
  it('lists exactly the calls and events it defines', () => {
    expect(Object.keys(calls).sort()).toEqual([...CALL_NAMES].sort())
    expect(Object.keys(events).sort()).toEqual([...EVENT_NAMES].sort())
  })
})

describe('core', () => {
  it('round-trips settings through SQLite across restarts', async () => {
    const dataDir = tempDir()
    const core = await createCore({ dataDir, shell: 'web', version: '0.0.0' }, { training: trainingPlatform(), clock: fixedClock })
    await signIn(core)
    const seen: unknown[] = []
    core.events.subscribe((event, payload) => seen.push({ event, payload }))
    const res = await core.dispatch('updateSettings', { fixmedinsName: '测试药房', terminalId: 'T07' })
    expect(res).toMatchObject({ ok: true, value: { fixmedinsName: '测试药房', terminalId: 'T07', admdvs: DEFAULT_SETTINGS.admdvs } })
    expect(seen).toHaveLength(1)
    await core.close()

    const again = await createCore({ dataDir, shell: 'web', version: '0.0.0' }, { training: trainingPlatform(), clock: fixedClock })
    expect(await again.dispatch('getSettings', {})).toMatchObject({ ok: true, value: { fixmedinsName: '测试药房', terminalId: 'T07' } })
    await again.close()
  })

  it('rejects input that violates the contract and changes nothing', async () => {
    const core = await createCore({ dataDir: tempDir(), shell: 'web', version: '0.0.0' }, { training: trainingPlatform(), clock: fixedClock })
    await signIn(core)
    const res = await core.dispatch('updateSettings', { fixmedinsCode: 'short', extra: 1 })
    expect(res.ok).toBe(false)
    if (!res.ok) {
      expect(res.error.code).toBe('INVALID_INPUT')
      expect(res.error.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(['fixmedinsCode']))
    }
    expect(await core.dispatch('getSettings', {})).toMatchObject({ ok: true, value: DEFAULT_SETTINGS })
    await core.close()
  })

  it('refuses settings beyond their documented bounds, and control characters in the store name, changing nothing', async () => {
    const core = await createCore({ dataDir: tempDir(), shell: 'web', version: '0.0.0' }, { training: trainingPlatform(), clock: fixedClock })
    await signIn(core)
    const hostile = {
      fixmedinsName: '共济药房\u001bp\u0000\u0019\u0019\u001dV\u0000', // drawer kick and cut, from the review
      platformUrl: `https://gw.example/${'a'.repeat(400)}`,
      platformPaasid: 'paas\r\nX-Injected: 1',
      idleLockMinutes: 100_000,
    }
    for (const [key, value] of Object.entries(hostile)) {
      expect(await core.dispatch('updateSettings', { [key]: value }), key).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', issues: [{ path: key }] },
      })
    }
    expect(await core.dispatch('updateSettings', { fixmedinsName: '\u202e房药济共' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await core.dispatch('getSettings', {})).toMatchObject({ ok: true, value: DEFAULT_SETTINGS })
    await core.close()
  })

  it('answers an unknown call with a code, not an exception', async () => {
    const core = await createCore({ dataDir: tempDir(), shell: 'web', version: '0.0.0' }, { training: trainingPlatform(), clock: fixedClock })
    expect(await core.dispatch('dropTables', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } })
    await core.close()
  })

  it('lets a call in flight finish before closing, then refuses new calls', async () => {
    const core = await createCore({ dataDir: tempDir(), shell: 'web', version: '0.0.0' }, { training: trainingPlatform(), clock: fixedClock })
    await signIn(core)
    const pending = core.dispatch('updateSettings', { terminalId: 'T99' })
    const closing = core.close()
    expect(await pending).toMatchObject({ ok: true })
    await closing
    expect(await core.dispatch('getSettings', {})).toMatchObject({ ok: false, error: { code: 'SHUTTING_DOWN' } })
  })
})

const openGate = () => ({ id: 'test', name: 'test', role: 'manager' as const })
const unused = () => {
  throw new Error('not called')
}
const stubHandlers = Object.fromEntries(CALL_NAMES.map((n) => [n, unused])) as unknown as Handlers

describe('dispatcher', () => {
  it('hides internal failures behind a code and logs them', async () => {
    const logged: string[] = []
    const dispatch = createDispatcher(
      {
        ...stubHandlers,
        appInfo: () => {
          throw new Error('disk on fire')
        },
      },
      openGate,
      (e) => logged.push(e.msg),
    )
    const res = await dispatch('appInfo', {})
    expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(JSON.stringify(res)).not.toContain('disk on fire')
    expect(logged[0]).toContain('disk on fire')
  })

  it('refuses an answer that breaks the contract rather than passing it on', async () => {
    const dispatch = createDispatcher(
      {
        ...stubHandlers,
        appInfo: () => ({ nonsense: true }) as never,
      },
      openGate,
      () => {},
    )
    expect(await dispatch('appInfo', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  })
})

describe('roles', () => {
  it('refuses a call to someone signed out, to the wrong role, and to a locked screen', async () => {
    const core = await createCore({ dataDir: tempDir(), shell: 'web', version: '0.0.0' }, { training: trainingPlatform(), clock: fixedClock })
    expect(await core.dispatch('updateSettings', { terminalId: 'T02' })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } })
    await signIn(core, 'cashier')
    expect(await core.dispatch('updateSettings', { terminalId: 'T02' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE' } })
    expect(await core.dispatch('listUsers', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE' } })
    await signIn(core, 'manager')
    await core.dispatch('lockSession', {})
    expect(await core.dispatch('updateSettings', { terminalId: 'T02' })).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } })
    expect(await core.dispatch('getSettings', {})).toMatchObject({ ok: true, value: { terminalId: DEFAULT_SETTINGS.terminalId } })
    await core.close()
  })

  it('locks the screen after the idle minutes and keeps the user for unlocking', async () => {
    let now = new Date('2026-11-23T09:00:00+08:00').getTime()
    const core = await createCore({ dataDir: tempDir(), shell: 'web', version: '0.0.0' }, { training: trainingPlatform(), clock: { now: () => new Date(now) } })
    await signIn(core, 'cashier')
    now += 11 * 60_000
    expect(await core.dispatch('lockSession', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } })
    expect(await core.dispatch('sessionInfo', {})).toMatchObject({ ok: true, value: { locked: true, user: { id: 'demo-cashier' } } })
    await signIn(core, 'cashier')
    expect(await core.dispatch('sessionInfo', {})).toMatchObject({ ok: true, value: { locked: false } })
    await core.close()
  })

  it('locks a user out after five wrong PINs, and never stores a PIN', async () => {
    const core = await createCore({ dataDir: tempDir(), shell: 'web', version: '0.0.0' }, { training: trainingPlatform(), clock: fixedClock })
    for (let i = 0; i < 4; i++) {
      expect(await core.dispatch('login', { userId: 'demo-cashier', pin: '000000' })).toMatchObject({ ok: false, error: { code: 'LOGIN_FAILED' } })
    }
    expect(await core.dispatch('login', { userId: 'demo-cashier', pin: '000000' })).toMatchObject({ ok: false, error: { code: 'USER_LOCKED' } })
    expect(await core.dispatch('login', { userId: 'demo-cashier', pin: '111111' })).toMatchObject({ ok: false, error: { code: 'USER_LOCKED' } })
    const stored = core.db.prepare('SELECT pin_hash FROM users').all() as { pin_hash: string }[]
    expect(stored.every((r) => r.pin_hash.startsWith('scrypt$') && !r.pin_hash.includes('111111'))).toBe(true)
    expect(core.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action IN ('login.failed', 'user.locked')").get()).toEqual({ n: 5 })
    await core.close()
  })

  it('still lets a user in on the fifth try after four typos (each try is counted before the check), and clears the count', async () => {
    const core = await createCore({ dataDir: tempDir(), shell: 'web', version: '0.0.0' }, { training: trainingPlatform(), clock: fixedClock })
    for (let i = 0; i < 4; i++) {
      expect(await core.dispatch('login', { userId: 'demo-cashier', pin: '000000' })).toMatchObject({ ok: false, error: { code: 'LOGIN_FAILED' } })
    }
    expect(await core.dispatch('login', { userId: 'demo-cashier', pin: '111111' })).toMatchObject({ ok: true })
    expect(core.db.prepare("SELECT failed_attempts, locked_until FROM users WHERE id = 'demo-cashier'").get()).toEqual({
      failed_attempts: 0,
      locked_until: null,
    })
    await core.close()
  })

  it('does not leave training mode before the store has a real manager', async () => {
    const core = await createCore({ dataDir: tempDir(), shell: 'web', version: '0.0.0' }, { training: trainingPlatform(), clock: fixedClock })
    await signIn(core, 'manager')
    expect(await core.dispatch('updateSettings', { trainingMode: false })).toMatchObject({ ok: false, error: { code: 'TRAINING_SWITCH_REFUSED' } })
    const saved = await core.dispatch('saveUser', { id: 'wang01', name: '王店长', role: 'manager', active: true, pin: '135790' })
    expect(saved).toMatchObject({ ok: true, value: { id: 'wang01', training: false } })
    expect(await core.dispatch('updateSettings', { terminalNo: 1, trainingMode: false })).toMatchObject({ ok: true, value: { trainingMode: false } })
    // The demo manager was signed out with training mode, and cannot sign in on a live counter.
    expect(await core.dispatch('sessionInfo', {})).toMatchObject({ ok: true, value: { user: null, demoUsers: [] } })
    expect(await core.dispatch('login', { userId: 'demo-manager', pin: '888888' })).toMatchObject({ ok: false, error: { code: 'TRAINING_USER_LIVE' } })
    expect(await core.dispatch('login', { userId: 'wang01', pin: '135790' })).toMatchObject({ ok: true })
    await core.close()
  })
})
