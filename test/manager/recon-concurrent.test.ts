import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { INSUTYPES } from '../../shared/nhsa/codes'
import { useTempDir } from '../support/temp-dir'
import { startDay, type DayRig } from './rig'

const tempDir = useTempDir()
const DAY = '2026-11-20'
/** Each 3201 waits this long at the platform (a slow gateway); nothing else is slowed. */
const LATENCY_MS = 600

let rig: DayRig
beforeAll(async () => {
  rig = await startDay(tempDir(), DAY)
  await rig.insured('wangFather', {})
  await rig.insured('liRetired', { quota: false })
  await rig.cash()
  await rig.as('manager')
}, 120_000)
afterAll(async () => {
  await rig?.faults({})
  await rig?.close()
})

describe("a reconciliation's 3201s", () => {
  it('are asked together: a slow gateway costs one wait, not one per insurance and clearing type, and the run still agrees', async () => {
    await rig.faults({ latency_ms: LATENCY_MS, infnos: ['3201'] })
    const started = Date.now()
    const run = await rig.counter.call('reconcileDay', { day: DAY })
    const took = Date.now() - started
    await rig.faults({})

    expect(run.status).toBe('agreed')
    // Every insurance type at both clearing types is asked (the screen shows only those with something in them);
    // one after the other they could not take less than that many waits.
    const asked = Object.keys(INSUTYPES).length * 2
    expect(asked).toBeGreaterThanOrEqual(12)
    expect(run.totals.length).toBeGreaterThan(0)
    expect(took).toBeGreaterThanOrEqual(LATENCY_MS)
    expect(took).toBeLessThan((asked * LATENCY_MS) / 3)
  }, 120_000)

  it('are all answered before a failure is reported, and the next run starts clean', async () => {
    // The platform refuses every 3201: the run fails as a whole, with nothing left on the wire to collide with the next.
    await rig.faults({ error_rate: 1, infnos: ['3201'], seed: 1 })
    await expect(rig.counter.call('reconcileDay', { day: DAY })).rejects.toThrow()
    await rig.faults({})
    expect((await rig.counter.call('reconcileDay', { day: DAY })).status).toBe('agreed')
  }, 120_000)
})
