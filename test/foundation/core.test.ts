import { describe, expect, it } from 'vitest'
import { calls, CALL_NAMES, EVENT_NAMES, events } from '../../shared/contract'
import { createCore } from '../../electron/core/core'
import { DEFAULT_SETTINGS } from '../../electron/core/settings/settings-service'
import { createDispatcher } from '../../electron/core/transport/dispatcher'
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
    const core = createCore({ dataDir, shell: 'web', version: '0.0.0' }, { clock: fixedClock })
    const seen: unknown[] = []
    core.events.subscribe((event, payload) => seen.push({ event, payload }))
    const res = await core.dispatch('updateSettings', { fixmedinsName: '测试药房', terminalId: 'T07' })
    expect(res).toMatchObject({ ok: true, value: { fixmedinsName: '测试药房', terminalId: 'T07', admdvs: DEFAULT_SETTINGS.admdvs } })
    expect(seen).toHaveLength(1)
    await core.close()

    const again = createCore({ dataDir, shell: 'web', version: '0.0.0' }, { clock: fixedClock })
    expect(await again.dispatch('getSettings', {})).toMatchObject({ ok: true, value: { fixmedinsName: '测试药房', terminalId: 'T07' } })
    await again.close()
  })

  it('rejects input that violates the contract and changes nothing', async () => {
    const core = createCore({ dataDir: tempDir(), shell: 'web', version: '0.0.0' }, { clock: fixedClock })
    const res = await core.dispatch('updateSettings', { fixmedinsCode: 'short', extra: 1 })
    expect(res.ok).toBe(false)
    if (!res.ok) {
      expect(res.error.code).toBe('INVALID_INPUT')
      expect(res.error.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(['fixmedinsCode']))
    }
    expect(await core.dispatch('getSettings', {})).toMatchObject({ ok: true, value: DEFAULT_SETTINGS })
    await core.close()
  })

  it('answers an unknown call with a code, not an exception', async () => {
    const core = createCore({ dataDir: tempDir(), shell: 'web', version: '0.0.0' }, { clock: fixedClock })
    expect(await core.dispatch('dropTables', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } })
    await core.close()
  })

  it('lets a call in flight finish before closing, then refuses new calls', async () => {
    const core = createCore({ dataDir: tempDir(), shell: 'web', version: '0.0.0' }, { clock: fixedClock })
    const pending = core.dispatch('updateSettings', { terminalId: 'T99' })
    const closing = core.close()
    expect(await pending).toMatchObject({ ok: true })
    await closing
    expect(await core.dispatch('getSettings', {})).toMatchObject({ ok: false, error: { code: 'SHUTTING_DOWN' } })
  })
})

describe('dispatcher', () => {
  it('hides internal failures behind a code and logs them', async () => {
    const logged: string[] = []
    const dispatch = createDispatcher(
      {
        appInfo: () => {
          throw new Error('disk on fire')
        },
        getSettings: () => DEFAULT_SETTINGS,
        updateSettings: () => DEFAULT_SETTINGS,
      },
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
        appInfo: () => ({ nonsense: true }) as never,
        getSettings: () => DEFAULT_SETTINGS,
        updateSettings: () => DEFAULT_SETTINGS,
      },
      () => {},
    )
    expect(await dispatch('appInfo', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  })
})
