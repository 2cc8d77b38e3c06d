import { afterEach, describe, expect, it } from 'vitest'
import { trainingPlatform } from '../../electron/sandbox/training'
import { createCore, type Core } from '../../electron/core/core'
import { MAX_FAILED_PINS } from '../../electron/core/session/session-service'
import { signIn } from '../support/core-session'
import { useTempDir } from '../support/temp-dir'
import { startCounter, type Counter } from '../sale/counter-rig'

// The review's attack (security-review S1): guesses sent at once all read the same failure count while
// scrypt ran, so 29 wrong PINs and the right one signed a manager in, and 40 wrong approvals counted 1.

const tempDir = useTempDir()
let closeLater: { close(): Promise<void> } | undefined
afterEach(async () => {
  await closeLater?.close()
  closeLater = undefined
})

function codes(results: { ok: boolean; error?: { code: string } }[]): Record<string, number> {
  const tally: Record<string, number> = {}
  for (const r of results) {
    const code = r.ok ? 'OK' : r.error!.code
    tally[code] = (tally[code] ?? 0) + 1
  }
  return tally
}

function lockOf(core: Core, id: string) {
  return core.db.prepare('SELECT failed_attempts, locked_until FROM users WHERE id = ?').get(id) as { failed_attempts: number; locked_until: string | null }
}

async function addManager(core: Core, id: string, pin: string) {
  await signIn(core, 'manager')
  const saved = await core.dispatch('saveUser', { id, name: '受害店长', role: 'manager', active: true, pin })
  expect(saved.ok).toBe(true)
}

describe('a burst of PIN guesses is counted guess by guess', () => {
  it('locks the user after a burst of 30 logins, and the right PIN inside it does not sign in', async () => {
    const core = await createCore({ dataDir: tempDir(), shell: 'web', version: 'test' }, { training: trainingPlatform(), log: () => {} })
    closeLater = core
    await addManager(core, 'victim-mgr', '135790')
    await core.dispatch('logout', {})

    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) => core.dispatch('login', { userId: 'victim-mgr', pin: i === 29 ? '135790' : String(200000 + i) })),
    )

    const tally = codes(burst)
    expect(tally.OK).toBeUndefined()
    // Only the guesses counted before the limit were hashed at all; the rest were refused unchecked.
    expect(tally.LOGIN_FAILED).toBe(MAX_FAILED_PINS - 1)
    expect(tally.USER_LOCKED).toBe(30 - (MAX_FAILED_PINS - 1))
    expect(await core.dispatch('sessionInfo', {})).toMatchObject({ ok: true, value: { user: null } })
    expect(lockOf(core, 'victim-mgr').locked_until).not.toBeNull()
    expect(await core.dispatch('login', { userId: 'victim-mgr', pin: '135790' })).toMatchObject({ ok: false, error: { code: 'USER_LOCKED' } })
  })

  it('locks a manager after a burst of 40 wrong refund approvals sent by a signed-in cashier', async () => {
    const counter: Counter = await startCounter(tempDir())
    closeLater = counter
    const { core } = counter
    await addManager(core, 'victim-mgr2', '246801')
    await signIn(core, 'cashier')
    const sale = await counter.call('openSale', { lines: [{ storeCode: 'SG00001', qty: '1' }], acctUsed: false })
    await counter.call('settleSale', { saleId: sale.id, payment: { method: 'cash', tendered: '20' } })

    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        core.dispatch('refundSale', { saleId: sale.id, reason: '测试', approval: { userId: 'victim-mgr2', pin: String(300000 + i) } }),
      ),
    )

    const tally = codes(burst)
    expect(tally.OK).toBeUndefined()
    expect(tally.LOGIN_FAILED).toBe(MAX_FAILED_PINS - 1)
    expect(tally.USER_LOCKED).toBe(40 - (MAX_FAILED_PINS - 1))
    expect(lockOf(core, 'victim-mgr2').locked_until).not.toBeNull()
    // Locked means locked for the right PIN too, and the sale was never refunded.
    expect(await counter.refused('refundSale', { saleId: sale.id, reason: '测试', approval: { userId: 'victim-mgr2', pin: '246801' } })).toBe('USER_LOCKED')
    expect(await counter.call('getSale', { saleId: sale.id })).toMatchObject({ state: 'settled' })
  })
})
