import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Recovery, type RecoveryKind } from '../../electron/core/journal/recovery'
import type { RecoveryOutcome } from '../../electron/core/journal/sale-journal'
import { admin, buildRig, clock, DEMO, identify, NIFEDIPINE, startSandbox, type Rig, type RunningSandbox } from '../support/journal-rig'
import { useTempDir } from '../support/temp-dir'

const tempDir = useTempDir()
let sandbox: RunningSandbox
let rig: Rig
const logged: string[] = []

beforeEach(async () => {
  sandbox = await startSandbox({ seed: 'demo' })
  rig = buildRig(tempDir(), sandbox.url)
  logged.length = 0
})
afterEach(async () => {
  rig.db.close()
  await sandbox.close()
})

function recoveryOver(r: Rig, retryMs = 60_000) {
  return new Recovery({ clock, ledger: r.journal.ledger, log: (e) => logged.push(e.msg), journal: async () => r.journal, attemptsEach: 3, retryMs })
}

async function presettledSale() {
  const member = await identify(sandbox, rig.platform, DEMO.people.wangFather.psn_no)
  const sale = rig.journal.ledger.open({ member, acctUsed: false, mulaidId: 'MA0000000001', lines: [{ ...NIFEDIPINE, qty: '1' }] }, 'C001')
  await rig.journal.presettle(sale.id, 'C001')
  return sale
}

describe('the one recovery loop (journal/recovery.ts)', () => {
  it('reverses every kind left in flight in one round, runs each part around the reversals, and reports per kind', async () => {
    const settled = await presettledSale()
    await rig.journal.settle(settled.id, 'C001')
    const cutOff = await presettledSale()
    // Both answers lost, and every 2601 the cashier waits for: a settlement and a refund left in flight.
    await admin(sandbox, 'POST', 'faults', { drop_after_commit_rate: 1, infnos: ['2102', '2103', '2601'] })
    await expect(rig.journal.settle(cutOff.id, 'C001')).rejects.toMatchObject({ code: 'SETTLEMENT_UNRESOLVED' })
    await expect(rig.journal.refund(settled.id, 'C001', 'M001')).rejects.toMatchObject({ code: 'REFUND_UNRESOLVED' })
    expect([rig.journal.ledger.get(cutOff.id).state, rig.journal.ledger.get(settled.id).state]).toEqual(['reversing', 'refunding'])
    await admin(sandbox, 'POST', 'faults', { drop_after_commit_rate: 0 })

    const recovery = recoveryOver(rig)
    const steps: string[] = []
    recovery.onRound((phase) => steps.push(`round ${phase} running=${recovery.running}`))
    recovery.add({
      kind: 'clinic',
      resend: async () => void steps.push('clinic resends'),
      after: async (_j, o: RecoveryOutcome[]) => void steps.push(`clinic after ${o.length}`),
      left: () => 0,
    })
    recovery.add({ kind: 'offline', left: () => 2 })
    expect(recovery.running).toBe(true)
    await recovery.run()

    expect(steps).toEqual(['round started running=true', 'clinic resends', 'clinic after 2', 'round finished running=false'])
    expect(rig.journal.ledger.get(cutOff.id).state).toBe('draft')
    expect(rig.journal.ledger.get(settled.id).state).toBe('settled')
    expect(recovery.recovered.map((r) => [r.saleId, r.infno, r.outcome])).toEqual(
      expect.arrayContaining([
        [cutOff.id, '2102', 'reversed'],
        [settled.id, '2103', 'reversed'],
      ]),
    )
    const report = recovery.report()
    const counts = (k: RecoveryKind) => [report[k].reversed, report[k].unresolved, report[k].left]
    expect({ pharmacy: counts('pharmacy'), refund: counts('refund'), clinic: counts('clinic'), offline: counts('offline') }).toEqual({
      pharmacy: [1, 0, 0],
      refund: [1, 0, 0],
      clinic: [0, 0, 0],
      offline: [0, 0, 2],
    })
    expect(recovery.error).toBeNull()
    expect(logged).toHaveLength(1)
    recovery.close()
  })

  it('comes back while a retrying part has something left, and not after close', async () => {
    const recovery = recoveryOver(rig, 20)
    let left = 2
    let rounds = 0
    recovery.add({ kind: 'pharmacy', after: async () => void ((rounds += 1), (left -= 1)), left: () => left, retry: true })
    // What does not retry (the offline queue's own forwarder sends it) never brings the loop back.
    recovery.add({ kind: 'offline', left: () => 5 })
    await recovery.run()
    await expect.poll(() => rounds, { timeout: 5000 }).toBe(2)
    await new Promise((r) => setTimeout(r, 200))
    expect(rounds).toBe(2)

    left = 1
    recovery.close()
    await recovery.run()
    await new Promise((r) => setTimeout(r, 200))
    expect(rounds).toBe(3)
  })

  it('a platform out of reach ends the round with its reason, and nothing insured waits any longer', async () => {
    const recovery = new Recovery({
      clock,
      ledger: rig.journal.ledger,
      log: () => undefined,
      journal: async () => Promise.reject(new Error('平台不可达')),
      attemptsEach: 3,
      retryMs: 60_000,
    })
    await recovery.run()
    expect(recovery.running).toBe(false)
    expect(recovery.error).toBe('平台不可达')
    recovery.close()
  })
})
