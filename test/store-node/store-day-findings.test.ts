import { expect, it } from 'vitest'
import { cstDay } from '../../electron/core/sale/cst'
import { eventually } from '../support/eventually'
import { usePostgres } from '../support/postgres'
import { useTempDir } from '../support/temp-dir'
import { platformLedger, useStoreDay } from './store-day-rig'

/**
 * store-node.md §2 Q2 with the store node: the two counters' Z reports said 144.00 and 178.00 where the
 * platform said 289.50, because counter A's reconciliation saw B's settlements as orphans and revoked
 * one. Here the same store sells the same day's 289.50 (A 144.00, B 178.00 of which B refunds 32.50), and
 * the store's one reconciliation and one Z see every counter.
 */
const db = usePostgres()
const tempDir = useTempDir()
const store = useStoreDay(db, tempDir)

it('the two counters are one store: no offer to revoke the other counter’s sale, one store Z equal to the platform’s 289.50', async () => {
  const day = cstDay(new Date())
  // A: 144.00 in four sales.
  await store.a.sell('wangFather', 2)
  await store.a.sell('liRetired', 1, '32.50')
  await store.a.sell('zhangHusband', 1, '39.00')
  await store.a.sell('liuWife', 1, '32.50')
  // B: 178.00 in four sales, then B refunds its own 32.50.
  await store.b.sell('liRetired', 3)
  const refunded = await store.b.sell('wangFather', 1, '32.50')
  await store.b.sell('zhangHusband', 1, '45.50')
  await store.b.sell('liuWife', 1, '40.00')
  await store.b.refund(refunded)

  const run = await store.m.call('reconcileStore', { day })
  // Nothing of B's is a difference at the store, let alone an orphan to revoke.
  expect(run).toMatchObject({ status: 'agreed', complete: true, differences: [] })
  const z = await store.m.call('closeStoreDay', { day })
  expect(platformLedger(store.sandbox).medfee).toBe(28950)
  expect(z.report.figures).toMatchObject({ medical: '289.50', sales: 8, refunds: 1, insuredCount: 7 })
  expect(z.report.byCounter.filter((c) => c.terminalNo !== 3).map((c) => [c.terminalNo, c.figures.medical])).toEqual([
    [1, '144.00'],
    [2, '145.50'],
  ])
  // Every counter's manager reads the same store Z: it is the store node's, once.
  expect(await store.m.call('storeZReports', { day })).toEqual([z])
}, 120_000)

it('a settlement whose answer a counter lost is that counter’s to reverse: the store tells it, it reverses under its own msgid', async () => {
  const day = cstDay(new Date())
  const saleId = await store.a.sellLosingAnswer('zhangHusband')
  const lost = store.a.rig.db.prepare("SELECT msgid FROM platform_messages WHERE sale_id = ? AND infno = '2102'").get(saleId) as { msgid: string }
  // Older than a minute, as the store would find it at the evening's reconciliation (a younger one may still be on its way).
  store.a.rig.db.prepare("UPDATE platform_messages SET created_at = '2000-01-01T00:00:00.000Z' WHERE msgid = ?").run(lost.msgid)
  const run = await store.m.call('reconcileStore', { day })
  expect(run.complete).toBe(true)
  expect(run.differences).toHaveLength(1)
  expect(run.differences[0]).toMatchObject({ kind: 'only_platform', owner: { terminalNo: 1, label: '一号收银台' }, actions: ['explain'] })
  expect(run.differences[0].why).toContain(lost.msgid)
  // Counter A pulls the command after its next push and reverses (2601) under its own number; the store agrees again.
  await eventually(
    'the command done',
    async () => (await db().pool.query('SELECT outcome FROM store_commands WHERE msgid = $1', [lost.msgid])).rows[0],
    (r) => r?.outcome === 'reversed',
  )
  const reversal = store.sandbox.db.prepare("SELECT msgid FROM ledger WHERE kind = 'reversal' AND ref_msgid = ?").get(lost.msgid) as { msgid: string }
  expect(reversal.msgid.slice(26, 28)).toBe('01')
  expect(await store.m.call('reconcileStore', { day })).toMatchObject({ status: 'agreed', complete: true, differences: [] })
}, 60_000)
