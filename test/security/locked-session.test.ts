import { afterEach, describe, expect, it } from 'vitest'
import { trainingPlatform } from '../../electron/sandbox/training'
import { createCore, type Core } from '../../electron/core/core'
import { signIn } from '../support/core-session'
import { useTempDir } from '../support/temp-dir'
import { startCounter, type Counter } from '../sale/counter-rig'

// The review's takeover (security-review S3, counter-review B5): at a locked till anyone could sign in
// over the absent cashier, or press 退出登录, and the held sale was gone.

const tempDir = useTempDir()
let closeLater: { close(): Promise<void> } | undefined
afterEach(async () => {
  await closeLater?.close()
  closeLater = undefined
})

async function sessionUser(core: Core) {
  const res = await core.dispatch('sessionInfo', {})
  if (!res.ok) throw new Error(res.error.code)
  return res.value as { user: { id: string } | null; locked: boolean }
}

function audited(core: Core, action: string) {
  return core.db.prepare('SELECT actor, subject FROM audit_log WHERE action = ?').all(action)
}

describe('a locked session', () => {
  it("is unlocked only by its own user or a manager, and the cashier's open sale stays held for the cashier", async () => {
    const counter: Counter = await startCounter(tempDir())
    closeLater = counter
    const { core } = counter
    const sale = await counter.call('openSale', { lines: [{ storeCode: 'SG00001', qty: '2' }], acctUsed: false })
    await core.dispatch('lockSession', {})

    expect(await core.dispatch('login', { userId: 'demo-desk', pin: '222222' })).toMatchObject({ ok: false, error: { code: 'SESSION_HELD' } })
    expect(await sessionUser(core)).toMatchObject({ user: { id: 'demo-cashier' }, locked: true })
    expect(audited(core, 'session.takeover-refused')).toEqual([{ actor: 'demo-desk', subject: 'demo-cashier' }])

    expect(await core.dispatch('login', { userId: 'demo-manager', pin: '888888' })).toMatchObject({
      ok: true,
      value: { user: { id: 'demo-manager' }, locked: false },
    })
    expect(audited(core, 'session.manager-takeover')).toEqual([{ actor: 'demo-manager', subject: 'demo-manager' }])
    expect(await counter.call('getSale', { saleId: sale.id })).toMatchObject({ state: 'draft', total: '30.00' })

    // The manager leaves; the cashier comes back to the held sale and finishes it.
    await signIn(core, 'cashier')
    expect(await counter.call('settleSale', { saleId: sale.id, payment: { method: 'cash', tendered: '50' } })).toMatchObject({ state: 'settled' })
  })

  it('locked by idle minutes is held the same way', async () => {
    let now = new Date('2026-11-23T09:00:00+08:00').getTime()
    const core = await createCore(
      { dataDir: tempDir(), shell: 'web', version: 'test' },
      { training: trainingPlatform(), clock: { now: () => new Date(now) }, log: () => {} },
    )
    closeLater = core
    await signIn(core, 'cashier')
    now += 11 * 60_000
    expect(await core.dispatch('login', { userId: 'demo-desk', pin: '222222' })).toMatchObject({ ok: false, error: { code: 'SESSION_HELD' } })
    expect(await core.dispatch('logout', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } })
    expect(await core.dispatch('login', { userId: 'demo-cashier', pin: '111111' })).toMatchObject({
      ok: true,
      value: { user: { id: 'demo-cashier' }, locked: false },
    })
  })

  it('cannot be signed out from the lock screen; unlocked, signing out still works', async () => {
    const core = await createCore({ dataDir: tempDir(), shell: 'web', version: 'test' }, { training: trainingPlatform(), log: () => {} })
    closeLater = core
    await signIn(core, 'cashier')
    await core.dispatch('lockSession', {})
    expect(await core.dispatch('logout', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } })
    expect(await sessionUser(core)).toMatchObject({ user: { id: 'demo-cashier' }, locked: true })
    expect(audited(core, 'session.logout')).toEqual([])

    await signIn(core, 'cashier')
    expect(await core.dispatch('logout', {})).toMatchObject({ ok: true, value: { user: null } })
  })
})
