import { describe, expect, it } from 'vitest'
import { trainingPlatform } from '../../electron/sandbox/training'
import { createCore } from '../../electron/core/core'
import { PIN_LOCKOUT_MINUTES } from '../../electron/core/session/session-service'
import { useTempDir } from '../support/temp-dir'

// The review's oracle (security-review S2): an unknown user id was answered in 2.7 ms, a real one with a
// wrong PIN in 209 ms, because the "same cost" dummy hash was malformed and never ran scrypt.

const tempDir = useTempDir()

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

describe('login timing', () => {
  it('takes as long for an unknown user id as for a wrong PIN of a real user', async () => {
    let now = new Date('2026-11-23T09:00:00+08:00').getTime()
    const core = await createCore(
      { dataDir: tempDir(), shell: 'web', version: 'test' },
      { training: trainingPlatform(), clock: { now: () => new Date(now) }, log: () => {} },
    )
    const unknown: number[] = []
    const wrong: number[] = []
    const time = async (userId: string, into: number[]) => {
      const started = performance.now()
      const res = await core.dispatch('login', { userId, pin: '000000' })
      into.push(performance.now() - started)
      return res
    }
    // Interleaved, so load on a shared machine falls on both alike; the clock moves past any lockout so
    // every wrong PIN is really checked.
    for (let i = 0; i < 9; i++) {
      now += (PIN_LOCKOUT_MINUTES + 1) * 60_000
      expect(await time('nobody-here', unknown)).toMatchObject({ ok: false, error: { code: 'LOGIN_FAILED' } })
      expect(await time('demo-cashier', wrong)).toMatchObject({ ok: false })
    }
    const ratio = median(unknown) / median(wrong)
    expect(ratio, `unknown ${median(unknown).toFixed(1)} ms, wrong PIN ${median(wrong).toFixed(1)} ms`).toBeGreaterThan(0.5)
    expect(ratio).toBeLessThan(2)
    await core.close()
  })
})
