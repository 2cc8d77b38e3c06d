import { afterEach, expect, it } from 'vitest'
import { DEMO_PEOPLE } from '../../electron/sandbox/demo/people'
import { useTempDir } from '../support/temp-dir'
import { otherSettles, otherSystem } from './other-system'
import { startDay, type DayRig } from './rig'

const tempDir = useTempDir()
let rig: DayRig
afterEach(async () => {
  await rig?.close()
})

const MEMBERS = ['wangFather', 'liRetired', 'zhangHusband', 'liuWife'] as const

async function morning(n: number) {
  const sold: string[] = []
  for (let i = 0; i < n; i++) sold.push((await rig.insured(MEMBERS[i % 4], { quota: i % 2 === 0, goods: i % 3 === 0 })).sale.id)
  await rig.cash()
  return sold
}

function settlementOf(saleId: string) {
  return rig.core.db
    .prepare("SELECT msgid, json_extract(response, '$.setl_id') AS setl_id FROM platform_messages WHERE sale_id = ? AND infno = '2102' AND state = 'answered'")
    .get(saleId) as {
    msgid: string
    setl_id: string
  }
}

/** The platform committed the settlement; our journal only got as far as the intent (a lost answer, a crash). */
function loseAnswer(saleId: string) {
  const s = settlementOf(saleId)
  rig.core.db.prepare("UPDATE platform_messages SET state = 'unknown', response = NULL, error = 'answer lost' WHERE msgid = ?").run(s.msgid)
  rig.core.db.prepare("UPDATE sales SET state = 'reversing', setl_id = NULL, mdtrt_id = NULL, settled_msgid = NULL, setlinfo = NULL WHERE id = ?").run(saleId)
  return s
}

it('lists exactly the injected differences, acts on each, and closes once every one is explained', async () => {
  const DAY = '2026-11-21'
  rig = await startDay(tempDir(), DAY)
  const sold = await morning(10)

  // 1. Only at the platform: another system sold under our institution code.
  const other = otherSystem(tempDir(), rig.sandboxUrl, rig.clock)
  const orphan = await otherSettles(other, rig.sandboxUrl, DEMO_PEOPLE.zhangHusband.psn_no)
  // 2. Only here: the platform undid one of our settlements (a reversal we never heard of).
  const gone = settlementOf(sold[2])
  const goneSale = rig.core.db.prepare('SELECT psn_no, insuplc_admdvs FROM sales WHERE id = ?').get(sold[2]) as { psn_no: string; insuplc_admdvs: string }
  await other.platform.call('2601', { data: { psn_no: goneSale.psn_no, omsgid: gone.msgid, oinfno: '2102' } }, { insuplcAdmdvs: goneSale.insuplc_admdvs })
  // 3. Amounts differ: our copy of one answer was damaged.
  const damaged = settlementOf(sold[4])
  rig.core.db
    .prepare(
      `UPDATE platform_messages SET response = json_set(response, '$.medfee_sumamt', json_extract(response, '$.medfee_sumamt') + 1,
         '$.fund_pay_sumamt', json_extract(response, '$.fund_pay_sumamt') + 1) WHERE msgid = ?`,
    )
    .run(damaged.msgid)
  // 4. In between: the platform has it, our journal is still waiting for the answer.
  const between = loseAnswer(sold[6])

  await rig.as('manager')
  // The other system is no counter of this store (an old terminal taken out of service): the manager
  // declares this PC the only one, which is what lets reconciliation offer to revoke what it settled.
  await rig.counter.call('updateSettings', { soleInsuranceTerminal: true })
  const run = await rig.counter.call('reconcileDay', { day: DAY })
  expect(run.status).toBe('differences')
  expect(run.totals.some((t) => !t.agreed)).toBe(true)
  const found = run.differences
    .map((d) => ({ setlId: d.setlId, kind: d.kind, actions: d.actions, saleId: d.saleId, fields: d.fields }))
    .sort((a, b) => a.setlId.localeCompare(b.setlId))
  expect(found).toEqual(
    [
      { setlId: orphan.setl_id!, kind: 'only_platform', actions: ['reverse_orphan', 'explain'], saleId: null, fields: [] },
      { setlId: gone.setl_id, kind: 'only_store', actions: ['explain'], saleId: sold[2], fields: [] },
      { setlId: damaged.setl_id, kind: 'amount_differs', actions: ['explain'], saleId: sold[4], fields: ['medfee_sumamt', 'fund_pay_sumamt'] },
      { setlId: between.setl_id, kind: 'only_platform', actions: ['resolve', 'explain'], saleId: sold[6], fields: [] },
    ].sort((a, b) => a.setlId.localeCompare(b.setlId)),
  )
  const seqOf = (setlId: string) => run.differences.find((d) => d.setlId === setlId)!.seq
  expect(await rig.counter.refused('closeDay', { day: DAY })).toBe('QUEUE_NOT_EMPTY')
  expect(await rig.counter.refused('closeDay', { day: DAY, acknowledgeQueue: true })).toBe('RECON_UNEXPLAINED')

  // Wrong actions change nothing.
  expect(await rig.counter.refused('resolveDifference', { runId: run.id, seq: seqOf(damaged.setl_id), action: 'explain' })).toBe('NOTE_REQUIRED')
  expect(await rig.counter.refused('resolveDifference', { runId: run.id, seq: seqOf(damaged.setl_id), action: 'reverse_orphan' })).toBe('ACTION_NOT_ALLOWED')
  expect(await rig.counter.refused('resolveDifference', { runId: run.id, seq: 99, action: 'explain', note: '说明' })).toBe('DIFFERENCE_NOT_FOUND')

  // Resolve the in-between sale: the journal's own reversal; the sale is open again.
  const resolved = await rig.counter.call('resolveDifference', { runId: run.id, seq: seqOf(between.setl_id), action: 'resolve' })
  expect(resolved.differences.find((d) => d.setlId === between.setl_id)!.resolution).toBe('resolved')
  expect((await rig.counter.call('getSale', { saleId: sold[6] })).state).toBe('draft')
  // Reverse the orphan: a 2103 under a msgid written down first.
  const reversed = await rig.counter.call('resolveDifference', { runId: run.id, seq: seqOf(orphan.setl_id!), action: 'reverse_orphan', note: '旧终端误收' })
  expect(reversed.differences.find((d) => d.setlId === orphan.setl_id)!.resolution).toBe('reversed')
  const ledger = await rig.ledger()
  expect(ledger.filter((e) => e.kind === 'reversal' && e.msgid !== undefined).length).toBeGreaterThanOrEqual(2)
  expect(ledger.some((e) => e.kind === 'revoke' && e.psn_no === DEMO_PEOPLE.zhangHusband.psn_no)).toBe(true)
  // Explain the other two.
  await rig.counter.call('resolveDifference', { runId: run.id, seq: seqOf(gone.setl_id), action: 'explain', note: '平台已冲正，已向顾客补收' })
  const explained = await rig.counter.call('resolveDifference', {
    runId: run.id,
    seq: seqOf(damaged.setl_id),
    action: 'explain',
    note: '本店记录损坏，以平台为准',
  })
  expect(await rig.counter.refused('resolveDifference', { runId: run.id, seq: seqOf(damaged.setl_id), action: 'explain', note: '再说明' })).toBe(
    'DIFFERENCE_DONE',
  )
  // Resolved and reversed differences are confirmed only by reconciling again.
  expect(explained.status).toBe('differences')
  expect(await rig.counter.refused('closeDay', { day: DAY })).toBe('RECON_UNEXPLAINED')

  const again = await rig.counter.call('reconcileDay', { day: DAY })
  expect(again.status).toBe('explained')
  expect(again.differences.map((d) => [d.setlId, d.resolution, d.note]).sort()).toEqual(
    [
      [gone.setl_id, 'explained', '平台已冲正，已向顾客补收'],
      [damaged.setl_id, 'explained', '本店记录损坏，以平台为准'],
    ].sort(),
  )
  expect(await rig.counter.refused('resolveDifference', { runId: run.id, seq: 1, action: 'explain', note: '旧的' })).toBe('RECON_STALE_RUN')
  // The orphan and its revoke are in our books now, from reconciliation, netting to nothing.
  const taken = await rig.counter.call('managerDrill', { day: DAY, group: 'all', kind: 'all', limit: 500 })
  const fromRecon = taken.events.filter((e) => e.source === 'reconciliation')
  expect(fromRecon.map((e) => e.kind).sort()).toEqual(['refund', 'sale'])
  expect(fromRecon[0].medical).toBe(fromRecon[1].medical)

  // A sale after the reconciliation makes it stale: the close asks for another run.
  await rig.as('cashier')
  await rig.insured('liRetired')
  await rig.as('manager')
  expect(await rig.counter.refused('closeDay', { day: DAY })).toBe('RECON_STALE')
  expect((await rig.counter.call('reconcileDay', { day: DAY })).status).toBe('explained')
  const z = await rig.counter.call('closeDay', { day: DAY, note: '两处差异已说明' })
  expect(z.close).toMatchObject({ reconStatus: 'explained', note: '两处差异已说明', queueAcknowledged: [] })

  // Who did what is kept, in the tamper-evident trail.
  const history = await rig.counter.call('reconciliationOf', { day: DAY })
  expect(history.runs).toHaveLength(3)
  expect(history.actions.map((a) => a.action)).toEqual([
    'recon.run',
    'recon.resolve',
    'recon.reverse-orphan.intent',
    'recon.reverse-orphan',
    'recon.explain',
    'recon.explain',
    'recon.run',
    'recon.run',
    'day.close',
  ])
  expect(new Set(history.actions.map((a) => a.actor))).toEqual(new Set(['demo-manager']))
  expect((await rig.counter.call('verifyAudit', {})).ok).toBe(true)
  other.db.close()
}, 180_000)

it('shows what is pending, and closes over an unresolved sale only when the manager acknowledges it', async () => {
  const DAY = '2026-11-22'
  rig = await startDay(tempDir(), DAY)
  const sold = await morning(4)
  const between = loseAnswer(sold[1])
  rig.core.db.prepare('UPDATE sales SET change_fen = -500 WHERE id = ?').run(sold[3])
  await rig.as('manager')

  // The figures follow the journal: a sale made between two looks is in the second.
  const first = await rig.counter.call('managerDay', { day: DAY })
  await rig.as('cashier')
  await rig.cash()
  await rig.as('manager')
  expect((await rig.counter.call('managerDay', { day: DAY })).sales.count).toBe(first.sales.count + 1)
  expect((await rig.counter.call('managerDrill', { day: DAY, group: 'insurance', key: 'self' })).total).toBe(
    first.byInsurance.find((g) => g.key === 'self')!.sales.count + 1,
  )

  const pending = await rig.counter.call('pendingItems', {})
  expect(pending.inBetween).toEqual([expect.objectContaining({ saleId: sold[1], state: 'reversing', infno: '2102' })])
  expect(pending.unpaid).toEqual([expect.objectContaining({ saleId: sold[3], owed: '5.00' })])
  // The offline queue (when this build has one) holds nothing: every sale here went to the platform.
  expect(pending.offline ?? { receivables: [], refundsOwed: [], queued: 0, held: [] }).toEqual({ receivables: [], refundsOwed: [], queued: 0, held: [] })

  const run = await rig.counter.call('reconcileDay', { day: DAY })
  expect(run.differences).toHaveLength(1)
  await rig.counter.call('resolveDifference', { runId: run.id, seq: 1, action: 'explain', note: '平台维护，明天再冲正' })
  expect(await rig.counter.refused('closeDay', { day: DAY })).toBe('QUEUE_NOT_EMPTY')
  const z = await rig.counter.call('closeDay', { day: DAY, acknowledgeQueue: true })
  expect(z.close.queueAcknowledged.map((q) => q.saleId)).toEqual([sold[1]])
  expect(z.close.reconStatus).toBe('explained')
  const closeAudit = rig.core.db.prepare("SELECT detail FROM audit_log WHERE action = 'day.close'").get() as { detail: string }
  expect(JSON.parse(closeAudit.detail)).toMatchObject({ queueAcknowledged: [sold[1]] })
  expect(between.setl_id).toBeTruthy()
}, 120_000)

it('reverses an orphan exactly once when the answer to the revoke is lost, by resending the same message', async () => {
  const DAY = '2026-11-25'
  rig = await startDay(tempDir(), DAY)
  await morning(2)
  const other = otherSystem(tempDir(), rig.sandboxUrl, rig.clock)
  const orphan = await otherSettles(other, rig.sandboxUrl, DEMO_PEOPLE.liuWife.psn_no, 2)
  await rig.as('manager')
  await rig.counter.call('updateSettings', { soleInsuranceTerminal: true })
  const run = await rig.counter.call('reconcileDay', { day: DAY })
  expect(run.differences.map((d) => [d.setlId, d.kind])).toEqual([[orphan.setl_id, 'only_platform']])

  await rig.faults({ drop_after_commit_rate: 1, infnos: ['2103'] })
  expect(await rig.counter.refused('resolveDifference', { runId: run.id, seq: 1, action: 'reverse_orphan' })).toBe('ORPHAN_UNRESOLVED')
  const entry = rig.core.db.prepare("SELECT state, msgid FROM recon_entries WHERE kind = 'revoke'").get() as { state: string; msgid: string }
  expect(entry.state).toBe('unknown')
  // The platform did revoke it; our side does not know yet. Pressing again resends the same message.
  await rig.faults({})
  const done = await rig.counter.call('resolveDifference', { runId: run.id, seq: 1, action: 'reverse_orphan' })
  expect(done.differences[0].resolution).toBe('reversed')
  expect(rig.core.db.prepare("SELECT state, msgid FROM recon_entries WHERE kind = 'revoke'").all()).toEqual([{ state: 'answered', msgid: entry.msgid }])
  const revokes = (await rig.ledger()).filter((e) => e.kind === 'revoke' && e.psn_no === DEMO_PEOPLE.liuWife.psn_no)
  expect(revokes).toHaveLength(1)
  expect(revokes[0].msgid).toBe(entry.msgid)
  expect((await rig.counter.call('reconcileDay', { day: DAY })).status).toBe('agreed')
  other.db.close()
}, 120_000)
