import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SaleJournal } from '../../electron/core/journal/sale-journal'
import { MsgidSequence } from '../../electron/core/platform/msgid'
import { eventually } from '../support/eventually'
import { admin, BOTH_WIRES, buildRig, clock, DEMO, identify, NIFEDIPINE, PHARMACY, startSandbox, type Rig, type RunningSandbox } from '../support/journal-rig'
import { startRewritingProxy, type RewritingProxy } from '../support/rewriting-proxy'
import { useTempDir } from '../support/temp-dir'

/**
 * A message between intent and answer whose sender is still at work is the sender's: neither the recovery
 * loop nor a reversal asked from elsewhere (a manager's, a store command's, on a journal of its own) sends a
 * 2601 for it. Against the real sandbox over HTTP, with a gateway in front that holds the 2102's answer on
 * its way, after the platform committed it: the moment a 2601 would undo a settlement the counter then
 * records as paid.
 */
const tempDir = useTempDir()
let sandbox: RunningSandbox
let gateway: RewritingProxy
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, dataDir: tempDir(), seed: 'demo' })
  gateway = await startRewritingProxy(sandbox.url)
})
afterAll(async () => {
  await gateway.close()
  await sandbox.close()
})

const sent = (infno: string) => gateway.seen.filter((i) => i === infno).length

async function ledgerRows() {
  const { entries } = await admin<{ entries: { kind: string; msgid: string; ref_msgid: string | null }[] }>(
    sandbox,
    'GET',
    `ledger?fixmedins_code=${PHARMACY.fixmedins_code}`,
  )
  return entries
}

async function presettled(rig: Rig) {
  const member = await identify(sandbox, rig.platform, DEMO.people.wangFather.psn_no)
  const sale = rig.journal.ledger.open({ member, acctUsed: true, lines: [{ ...NIFEDIPINE, qty: '1' }] }, 'C001')
  await rig.journal.presettle(sale.id, 'C001')
  return sale.id
}

const message = (rig: Rig, saleId: string) =>
  rig.db.prepare("SELECT msgid, state FROM platform_messages WHERE sale_id = ? AND infno = '2102'").get(saleId) as { msgid: string; state: string }

describe('a message its sender still holds', () => {
  it('a 2102 on its way: recovery leaves it, another journal’s reversal waits and sends nothing, the sale settles and stays settled at the platform', async () => {
    // Each case its own counter number: one platform, and two runs in one second must not share msgids.
    const rig = buildRig(tempDir(), gateway.url, { timeoutMs: 10_000, terminalNo: 11 })
    const saleId = await presettled(rig)
    gateway.hold('2102', 'answer')
    const settling = rig.journal.settle(saleId, 'C001')
    await eventually(
      'the 2102 committed, its answer on the way',
      () => Promise.resolve(gateway.held('2102')),
      (n) => n === 1,
    )
    const { msgid, state } = message(rig, saleId)
    expect(state).toBe('intent')

    // The recovery loop's round comes now: the message is its sender's, so nothing is reversed.
    expect(await rig.journal.recover(3)).toEqual([])
    // A reversal asked from elsewhere, on a journal of its own over the same database, waits for the sender.
    const elsewhere = new SaleJournal(
      rig.db,
      clock,
      { platform: rig.platform, msgids: new MsgidSequence(rig.db, clock, PHARMACY.fixmedins_code, 1) },
      rig.audit,
      {
        terminalId: 'T01',
        wires: BOTH_WIRES,
        backoffMs: 20,
      },
    )
    expect(elsewhere.heldBySender(msgid)).toBe(true)
    const asked = elsewhere.reverse(msgid, 3)
    gateway.release('2102')
    await settling
    // The sender decided it (answered): there is nothing to reverse, and no 2601 went out.
    expect(await asked).toBe('not_open')
    expect(sent('2601')).toBe(0)
    expect(message(rig, saleId)).toEqual({ msgid, state: 'answered' })
    expect(rig.journal.ledger.get(saleId).state).toBe('settled')
    const rows = await ledgerRows()
    expect(rows.filter((e) => e.msgid === msgid).map((e) => e.kind)).toEqual(['settlement'])
    expect(rows.filter((e) => e.ref_msgid === msgid)).toEqual([])
    rig.db.close()
  }, 60_000)

  it('an intent no sender holds (a run that ended between intent and answer) is recovery’s: one 2601 under one msgid, the sale open again', async () => {
    const dir = tempDir()
    const first = buildRig(dir, gateway.url, { timeoutMs: 10_000, terminalNo: 12 })
    const saleId = await presettled(first)
    gateway.hold('2102', 'answer')
    const settling = first.journal.settle(saleId, 'C001').catch((e: unknown) => e)
    await eventually(
      'the 2102 committed, its answer on the way',
      () => Promise.resolve(gateway.held('2102')),
      (n) => n === 1,
    )
    const { msgid } = message(first, saleId)
    // The run ends here (its database closed under it); the answer never reaches it.
    first.db.close()
    gateway.release('2102')
    await settling

    const before = sent('2601')
    const again = buildRig(dir, gateway.url, { timeoutMs: 10_000, terminalNo: 12 })
    expect(message(again, saleId).state).toBe('intent')
    expect(again.journal.heldBySender(msgid)).toBe(false)
    const outcomes = await again.journal.recover(3)
    expect(outcomes.map((o) => [o.msgid, o.outcome, o.state])).toEqual([[msgid, 'reversed', 'draft']])
    expect(sent('2601') - before).toBe(1)
    expect((await ledgerRows()).filter((e) => e.ref_msgid === msgid).map((e) => e.kind)).toEqual(['reversal'])
    again.db.close()
  }, 60_000)
})
