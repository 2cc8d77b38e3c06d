import { afterEach, expect, it } from 'vitest'
import { DEMO_PEOPLE } from '../../electron/sandbox/demo/people'
import { useTempDir } from '../support/temp-dir'
import { otherSettles, otherSystem } from '../manager/other-system'
import { startDay, type DayRig } from '../manager/rig'

const tempDir = useTempDir()
let rig: DayRig
afterEach(async () => {
  await rig?.close()
})

it("counter A's reconciliation never offers to revoke counter B's settlement unless A is declared the only terminal", async () => {
  const DAY = '2026-11-26'
  rig = await startDay(tempDir(), DAY)
  await rig.insured('wangFather')
  // Counter B of the same pharmacy settles a sale A never saw.
  const b = otherSystem(tempDir(), rig.sandboxUrl, rig.clock)
  const theirs = await otherSettles(b, rig.sandboxUrl, DEMO_PEOPLE.liuWife.psn_no)

  await rig.as('manager')
  expect((await rig.counter.call('getSettings', {})).soleInsuranceTerminal).toBe(false)
  const run = await rig.counter.call('reconcileDay', { day: DAY })
  expect(run.differences.map((d) => ({ setlId: d.setlId, kind: d.kind, actions: d.actions }))).toEqual([
    { setlId: theirs.setl_id, kind: 'only_platform', actions: ['explain'] },
  ])
  expect(await rig.counter.refused('resolveDifference', { runId: run.id, seq: 1, action: 'reverse_orphan' })).toBe('ACTION_NOT_ALLOWED')

  // Declared (audited), a new run offers it; taking the declaration back refuses it in the core even on that run.
  await rig.counter.call('updateSettings', { soleInsuranceTerminal: true })
  const declared = await rig.counter.call('reconcileDay', { day: DAY })
  expect(declared.differences[0].actions).toEqual(['reverse_orphan', 'explain'])
  await rig.counter.call('updateSettings', { soleInsuranceTerminal: false })
  expect(await rig.counter.refused('resolveDifference', { runId: declared.id, seq: 1, action: 'reverse_orphan' })).toBe('ORPHAN_MAY_BE_OTHER_COUNTER')
  const changes = rig.core.db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'settings.changed' ORDER BY seq").all() as {
    actor: string
    detail: string
  }[]
  expect(changes.map((c) => [c.actor, JSON.parse(c.detail) as unknown])).toEqual([
    ['demo-manager', { soleInsuranceTerminal: true }],
    ['demo-manager', { soleInsuranceTerminal: false }],
  ])

  // B's sale stands at the platform: nothing was revoked, nothing was even written down to send.
  expect((await rig.ledger()).filter((e) => e.kind === 'revoke')).toEqual([])
  expect(rig.core.db.prepare('SELECT COUNT(*) AS n FROM recon_entries').get()).toEqual({ n: 0 })
  // Explaining it is always possible.
  const explained = await rig.counter.call('resolveDifference', { runId: declared.id, seq: 1, action: 'explain', note: '二号收银台的结算' })
  expect(explained.status).toBe('explained')
  b.db.close()
}, 120_000)
