import { expect, it } from 'vitest'
import { cstDay } from '../../electron/core/sale/cst'
import { DEMO_PEOPLE } from '../../electron/sandbox/demo/people'
import { otherSettles, otherSystem } from '../manager/other-system'
import { eventually } from '../support/eventually'
import { usePostgres } from '../support/postgres'
import { useTempDir } from '../support/temp-dir'
import { SECOND_MANAGER, fenOf, platformLedger, useStoreDay } from './store-day-rig'

/**
 * The store's day of store-node.md §2 with the store node: two counters of one institution selling against
 * one sandbox platform over HTTP, their facts pushed to a store node on a real PostgreSQL, and the manager's
 * core reconciling and closing the whole store's day.
 */
const db = usePostgres()
const tempDir = useTempDir()
const store = useStoreDay(db, tempDir)
const day = () => cstDay(new Date())

it('one store day across two counters: watermarks, a counter not synced, an orphan with two managers, one store Z equal to the platform, a late sale in a supplementary Z', async () => {
  expect([store.a.terminalNo, store.b.terminalNo]).toEqual([1, 2])
  expect(await store.m.refused('closeStoreDay', { day: day() })).toMatchObject({ code: 'RECON_REQUIRED' })

  // Both counters sell; B refunds one of its own.
  await store.a.sell('wangFather')
  await store.a.sell('liRetired', 2)
  const bSale = await store.b.sell('zhangHusband')
  await store.b.sell('liuWife', 3)
  await store.b.refund(bSale)

  const first = await store.m.call('reconcileStore', { day: day() })
  expect(first).toMatchObject({ status: 'agreed', complete: true, waitingFor: [], differences: [] })
  const view = await store.m.call('storeDay', { day: day() })
  expect(view.terminals.map((t) => [t.terminalNo, t.complete])).toEqual([
    [1, true],
    [2, true],
    [3, true],
  ])
  expect(fenOf(view.report.figures.medical)).toBe(platformLedger(store.sandbox).medfee)
  expect(view.report.byCounter.map((c) => [c.terminalNo, c.figures.sales, c.figures.refunds])).toEqual([
    [1, 2, 0],
    [2, 2, 1],
    [3, 0, 0],
  ])
  expect(view.report.byCashier.map((c) => c.cashier)).toEqual(['C001', 'C002'])
  expect(view.report.byShift).toEqual([])

  // B stops reporting (its LAN is down) and sells: its settlement is only the platform's for now. It is
  // never offered for revoking: B has not reported past the run, and the run says so.
  await store.b.pusher.stop()
  await store.b.sell('wangFather')
  const held = await store.m.call('reconcileStore', { day: day() })
  expect(held.complete).toBe(false)
  expect(held.waitingFor).toEqual([expect.stringMatching(/^T02 二号收银台 最后上报于 \d\d:\d\d$/)])
  expect(held.status).toBe('differences')
  expect(held.differences).toHaveLength(1)
  expect(held.differences[0]).toMatchObject({ kind: 'only_platform', actions: ['explain'], owner: null })
  expect(held.differences[0].why).toContain('T02 二号收银台')
  await store.m.call('explainStoreDifference', { runId: held.id, seq: 1, note: '二号收银台网络中断，待其上报' })
  const incomplete = await store.m.refused('closeStoreDay', { day: day() })
  expect(incomplete.code).toBe('STORE_INCOMPLETE')
  expect(incomplete.message).toContain('T02 二号收银台')

  // B is back: its sale reaches the store and the store agrees again.
  store.b.pusher.start()
  expect(await store.m.call('reconcileStore', { day: day() })).toMatchObject({ status: 'agreed', complete: true, differences: [] })

  // Another system settles for the institution (no registered counter): once every counter has reported
  // and nothing in the store explains it, it may be revoked, by two managers.
  const other = otherSystem(tempDir(), store.sandbox.url, { now: () => new Date() })
  await otherSettles(other, store.sandbox.url, DEMO_PEOPLE.liRetired.psn_no)
  const orphanRun = await store.m.call('reconcileStore', { day: day() })
  expect(orphanRun.complete).toBe(true)
  expect(orphanRun.differences).toHaveLength(1)
  expect(orphanRun.differences[0]).toMatchObject({ kind: 'only_platform', owner: null, actions: ['reverse_orphan', 'explain'] })
  const alone = await store.m.refused('reverseStoreOrphan', { day: day(), runId: orphanRun.id, seq: 1, approval: store.m.manager })
  expect(alone.code).toBe('SECOND_MANAGER_REQUIRED')
  expect(platformLedger(store.sandbox).revokes).toBe(1)
  const reversed = await store.m.call('reverseStoreOrphan', { day: day(), runId: orphanRun.id, seq: 1, approval: SECOND_MANAGER, note: '旧终端误结算' })
  expect(reversed.differences[0]).toMatchObject({ resolution: 'reversed', resolvedBy: store.m.manager.userId, approvedBy: SECOND_MANAGER.userId })
  expect(platformLedger(store.sandbox).revokes).toBe(2)
  const revokeMsgid = store.sandbox.db.prepare("SELECT msgid FROM ledger WHERE kind = 'revoke' ORDER BY entry_id DESC LIMIT 1").get() as { msgid: string }
  expect(revokeMsgid.msgid.slice(26, 28)).toBe('00')
  expect(await store.m.call('reconcileStore', { day: day() })).toMatchObject({ status: 'agreed', complete: true })

  // One store Z for the whole institution, equal to the platform's ledger.
  const z = await store.m.call('closeStoreDay', { day: day() })
  const ledger = platformLedger(store.sandbox)
  expect(z.part).toBe(0)
  expect(fenOf(z.report.figures.medical)).toBe(ledger.medfee)
  expect(z.report.figures.insuredCount).toBe(ledger.settlements - ledger.revokes)
  expect(z.report.byCounter.map((c) => c.terminalNo)).toEqual([0, 1, 2, 3])
  expect(z.report.byCounter.reduce((n, c) => n + fenOf(c.figures.medical), 0)).toBe(ledger.medfee)
  expect((await store.m.refused('closeStoreDay', { day: day() })).code).toBe('DAY_ALREADY_CLOSED')

  // A sale after the close lands in a supplementary Z, never in no report.
  await store.a.sell('liuWife')
  await eventually(
    'the late sale at the store node',
    () => store.m.call('storeDay', { day: day() }),
    (v) => v.late === 1,
  )
  expect((await store.m.refused('closeStoreDay', { day: day() })).code).toBe('RECON_STALE')
  await store.m.call('reconcileStore', { day: day() })
  const supplement = await store.m.call('closeStoreDay', { day: day() })
  expect(supplement.part).toBe(1)
  expect(supplement.report.figures).toMatchObject({ sales: 1, refunds: 0, insuredCount: 1 })
  expect(supplement.report.byCounter.find((c) => c.terminalNo === 1)?.figures.sales).toBe(1)
  const zs = await store.m.call('storeZReports', { day: day() })
  expect(zs.map((p) => p.part)).toEqual([0, 1])
  expect(zs.reduce((n, p) => n + fenOf(p.report.figures.medical), 0)).toBe(platformLedger(store.sandbox).medfee)
  expect((await store.m.call('storeDay', { day: day() })).late).toBe(0)
}, 120_000)
