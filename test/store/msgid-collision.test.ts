import { afterEach, beforeEach, expect, it } from 'vitest'
import { DEMO_PEOPLE } from '../../electron/sandbox/demo/people'
import { startSandbox, type RunningSandbox } from '../../electron/sandbox'
import { useTempDir } from '../support/temp-dir'
import { ledger, openTerminal, seeOnline, sellOffline, TestClock, type Terminal } from '../offline/rig'

const tempDir = useTempDir()
let sandbox: RunningSandbox
const terminals: Terminal[] = []
beforeEach(async () => {
  sandbox = await startSandbox({ port: 0, dataDir: tempDir(), seed: 'demo' })
})
afterEach(async () => {
  for (const t of terminals.splice(0)) await t.close()
  await sandbox.close()
})

/** A clock standing still where a test puts it: two counters can then act "in the same second" on purpose. */
class StillClock extends TestClock {
  at = Date.now()
  override now = () => new Date(this.at)
}

/**
 * Two counters of one store, both left at the old default (terminal id T01, so msgid digits 01). Each
 * has seen the customer online once (a few seconds apart); both clocks then stand in the same second.
 */
async function twoCountersNumberedOne() {
  const person = DEMO_PEOPLE.wangFather
  const clocks = [new StillClock(), new StillClock()]
  const [a, b] = clocks.map((clock) => openTerminal(tempDir(), sandbox.url, { no: 1, terminalId: 'T01', clock }))
  terminals.push(a, b)
  clocks[1].at -= 5_000
  await seeOnline(a, sandbox.url, person.psn_no)
  await seeOnline(b, sandbox.url, person.psn_no)
  const second = Date.now() + 2_000
  for (const c of clocks) c.at = second
  return { a, b, person, clocks }
}

it("a queued sale whose msgid another counter took stays queued for the manager, never the customer's decline", async () => {
  const { a, b, person } = await twoCountersNumberedOne()
  const sold = [a, b].map((t) => sellOffline(t, { idCardNo: person.certno, lines: [{ item: 'amlodipine', qty: 1 }], mode: 'deposit' }))
  expect(sold[0].msgid).toBe(sold[1].msgid)

  await a.offline.queue.idle()
  expect(a.offline.queue.saleRow(sold[0].sale_id)).toMatchObject({ outcome: 'settled' })
  b.offline.queue.forwardNow()
  await b.offline.queue.idle()

  // B's customer paid a deposit; the platform never looked at B's sale: it is not declined, not closed.
  const row = b.offline.queue.saleRow(sold[1].sale_id)!
  expect(row).toMatchObject({ outcome: null, decline_reason: null, resolution: 'waiting' })
  expect(b.journal.ledger.get(sold[1].sale_id).state).not.toBe('settled')
  expect(b.offline.queue.messages(sold[1].sale_id)).toMatchObject([{ msgid: sold[1].msgid, state: 'queued', infno: '2102' }])
  expect(b.offline.view(sold[1].sale_id)).toMatchObject({ state: 'held', outcome: null })
  // The alarm: the manager's pending view, the banner's count, the audit trail.
  const pending = b.offline.pendingSource().pending(false)
  expect(pending.held).toMatchObject([{ saleId: sold[1].sale_id, msgid: sold[1].msgid, infno: '2102' }])
  expect(pending.held[0].reason).toContain('已被另一笔不同的报文使用')
  expect(pending.receivables).toEqual([])
  expect(b.offline.queue.status()).toMatchObject({ held: 1, queued: 1 })
  const audit = b.db.prepare('SELECT action FROM audit_log WHERE subject = ? ORDER BY seq').all(sold[1].sale_id) as { action: string }[]
  expect(audit.map((r) => r.action)).toEqual(['sale.draft', 'offline.queued', 'offline.msgid-taken'])

  // Trying again changes nothing: the held message is out of the order, and the platform has only A's sale.
  b.offline.queue.forwardNow()
  await b.offline.queue.idle()
  expect(b.offline.queue.saleRow(sold[1].sale_id)).toMatchObject({ outcome: null })
  expect((await ledger(sandbox.url)).filter((e) => e.kind === 'settlement').map((e) => e.msgid)).toEqual([sold[0].msgid])

  // The manager gives B a number of its own, then sends the held sale again under a new msgid.
  b.settings.terminalNo = null
  b.settings.terminalId = 'T01'
  expect(() => b.offline.reissueHeld(sold[1].sale_id, 'M001')).toThrow(expect.objectContaining({ code: 'TERMINAL_NO_REQUIRED' }) as Error)
  b.settings.terminalNo = 2
  b.offline.reissueHeld(sold[1].sale_id, 'M001')
  expect(() => b.offline.reissueHeld(sold[1].sale_id, 'M001')).toThrow(expect.objectContaining({ code: 'OFFLINE_NOT_HELD' }) as Error)
  await b.offline.queue.idle()
  const after = b.offline.queue.saleRow(sold[1].sale_id)!
  expect(after).toMatchObject({ outcome: 'settled' })
  expect(after.msgid).not.toBe(sold[1].msgid)
  expect(after.msgid.slice(26, 28)).toBe('02')
  expect(b.offline.view(sold[1].sale_id)).toMatchObject({ state: 'settled', uploads: { declined: [] } })
  expect(b.offline.queue.status()).toMatchObject({ held: 0 })
  expect(b.offline.pendingSource().pending(false).held).toEqual([])
  // Each sale settled once, under the msgid it was last queued under.
  const settled = (await ledger(sandbox.url)).filter((e) => e.kind === 'settlement')
  expect(settled.map((e) => e.msgid).sort()).toEqual([sold[0].msgid, after.msgid].sort())
})

it('a held message does not stop the sales queued behind it', async () => {
  const { a, b, person, clocks } = await twoCountersNumberedOne()
  const first = sellOffline(a, { idCardNo: person.certno, lines: [{ item: 'amlodipine', qty: 1 }], mode: 'deposit' })
  await a.offline.queue.idle()
  const clashing = sellOffline(b, { idCardNo: person.certno, lines: [{ item: 'amlodipine', qty: 1 }], mode: 'deposit' })
  // A's 3505 upload took the msgid after its sale's, so B's next sale is a second later.
  clocks[1].at += 1_000
  const behind = sellOffline(b, { idCardNo: person.certno, lines: [{ item: 'valsartan', qty: 1 }], mode: 'deposit' })
  expect(clashing.msgid).toBe(first.msgid)
  b.offline.queue.forwardNow()
  await b.offline.queue.idle()
  expect(b.offline.view(clashing.sale_id).state).toBe('held')
  expect(b.offline.queue.saleRow(behind.sale_id)).toMatchObject({ outcome: 'settled' })
})
