import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore } from '../../electron/core/core'
import { trainingPlatform } from '../../electron/sandbox/training'
import { cstDay } from '../../electron/core/sale/cst'
import { DEMO_USERS } from '../../electron/core/session/session-service'
import { DEMO_PEOPLE } from '../../electron/sandbox/demo/people'
import { signIn } from '../support/core-session'
import { eventually } from '../support/eventually'
import { useTempDir } from '../support/temp-dir'
import { Counter, traceCode } from '../sale/counter-rig'
import { admin } from './rig'

const tempDir = useTempDir()
let counter: Counter
afterEach(async () => {
  await counter?.close()
})

const preview = async (jobId: number) => (await counter.call('previewPrintJob', { jobId })).lines.join('\n')

describe('what an offline sale leaves behind once the platform answers', () => {
  it('declined: the sale stands self-paid, owed once, counted in the day, and the customer gets a corrected receipt', async () => {
    counter = new Counter(
      await createCore({ dataDir: join(tempDir(), 'data'), shell: 'web', version: 'test' }, { training: trainingPlatform(), log: () => {} }),
    )
    await counter.ready()
    const url = await counter.sandboxUrl()
    // A sale declined for a named relative's ended relationship: only the store-chosen-relative extension names one
    // (nationally the platform would just draw no quota and settle).
    await signIn(counter.core, 'manager')
    await counter.call('updateSettings', { storeChosenRelative: true })
    await signIn(counter.core, 'cashier')
    const quota = (await counter.member('wangFather')).quotas.find((q) => q.relation === 'child')!
    await signIn(counter.core, 'manager')
    await counter.call('setOfflineSettings', { mode: 'advance', perSale: '200', outstanding: '5000', maxAgeHours: 24 })

    await admin(url, 'POST', 'faults', { down: true })
    await counter.call('forwardNow', {})
    await eventually(
      'offline',
      () => counter.call('connectivityStatus', {}),
      (s) => s.state === 'offline',
    )
    const { member } = await counter.call('identifyOffline', { idCardNo: DEMO_PEOPLE.wangFather.certno })
    const open = () =>
      counter.call('openSale', {
        memberRef: member.ref,
        lines: [{ storeCode: 'SP00002', qty: '2', traceCodes: [traceCode(), traceCode()] }],
        acctUsed: false,
        mulaidId: quota.mulaidId,
        prescription: { rxno: 'RX20261123010', external: false, pharmacist: '李药师' },
      })
    // Advance: the daughter's quota is expected to pay it all, so the customer pays nothing now.
    const lent = await open()
    const a = await counter.call('settleOffline', { saleId: lent.id, mode: 'advance', payment: { method: 'mobile' } })
    expect(a).toMatchObject({ paid: '0.00', advanced: '40.00' })
    const paperA = a.receipt!.lines.join('\n')
    expect(paperA).toContain('【离线交易·垫付模式】')
    expect(paperA).toMatch(/本店垫付\s+40\.00/)
    expect(paperA.replace(/\n/g, '')).toContain('如医保未通过或金额不同，凭本小票多退少补')
    // Deposit: the customer pays it all now, and is told the insured part comes back.
    const paid = await open()
    const b = await counter.call('settleOffline', { saleId: paid.id, mode: 'deposit', payment: { method: 'cash', tendered: '50' } })
    expect(b.receipt!.lines.join('\n')).toMatch(/预计医保退还\s+40\.00/)
    // Before the outcome, printing again repeats the offline receipt, marked as a reprint.
    const again = await counter.call('printOfflineReceipt', { saleId: lent.id })
    expect(again.kind).toBe('reprint')
    expect(await preview(again.id)).toContain('【重打小票 第1次】')

    // The relationship ends before this store is back: both sales are declined when forwarded.
    await admin(url, 'DELETE', `mutual-aid/${quota.mulaidId}`)
    await admin(url, 'POST', 'faults', { down: false })
    await counter.call('forwardNow', {})
    const [da, db] = await Promise.all(
      [lent.id, paid.id].map((saleId) =>
        eventually(
          'declined',
          () => counter.call('offlineSale', { saleId }),
          (v) => v.outcome !== null,
        ),
      ),
    )
    expect(da).toMatchObject({ state: 'declined', resolution: 'receivable', outcome: { due: '-40.00' } })
    expect(db).toMatchObject({ state: 'declined', resolution: 'closed', outcome: { due: '0.00' } })
    expect(db.receipt!.lines.join('\n')).toContain('【更正小票·医保未通过】')
    for (const id of [lent.id, paid.id]) expect(await counter.call('getSale', { saleId: id })).toMatchObject({ state: 'settled', settlementId: null })

    // Owed once: among the offline receivables, not again among the unpaid sales.
    const pending = await counter.call('pendingItems', {})
    expect(pending.offline!.receivables.map((r) => [r.saleId, r.amount])).toEqual([[lent.id, '40.00']])
    expect(pending.unpaid.map((u) => u.saleId)).not.toContain(lent.id)

    // The day counts both as self-paid sales at the full price, the identities holding.
    const day = await counter.call('managerDay', { day: cstDay(new Date()) })
    expect(day.identityBreaks).toEqual([])
    const { events } = await counter.call('managerDrill', { day: cstDay(new Date()), group: 'all', kind: 'sale', offset: 0, limit: 100 })
    for (const id of [lent.id, paid.id])
      expect(events.find((e) => e.saleId === id)).toMatchObject({ total: '40.00', personCash: '40.00', fund: '0.00', setlId: null })
    expect(day.sales.medical).toBe('80.00')
    expect(day.sales.counter).toBe('80.00')

    // The customer comes back and pays: the receivable closes and the corrected receipt says so.
    await counter.call('collectCash', { saleId: lent.id, tendered: '40' })
    const closed = await counter.call('offlineSale', { saleId: lent.id })
    expect(closed.resolution).toBe('closed')
    const jobs = await counter.call('listPrintJobs', { saleId: lent.id })
    const corrected = jobs.find((j) => j.kind === 'corrected')!
    const paper = await preview(corrected.id)
    expect(paper).toContain('【更正小票·医保未通过】')
    expect(paper).toMatch(/离线时已付\s+0\.00/)
    expect(paper).toMatch(/已补缴\s+40\.00/)
    expect(paper).not.toContain('重打小票')
    // A reprint now repeats what the sale says now: the corrected receipt.
    const reprint = await counter.call('reprintSale', { saleId: lent.id })
    expect(reprint.kind).toBe('reprint')
    const reprinted = await preview(reprint.id)
    expect(reprinted).toContain('【重打小票 第2次】')
    expect(reprinted).toMatch(/已补缴\s+40\.00/)

    // A declined sale is an ordinary cash sale now: it can be refunded at the counter without the platform.
    const mgr = DEMO_USERS.find((u) => u.role === 'manager')!
    expect((await counter.call('refundSale', { saleId: paid.id, approval: { userId: mgr.id, pin: mgr.pin }, reason: '顾客退货' })).state).toBe('refunded')
    const after = await counter.call('managerDay', { day: cstDay(new Date()) })
    expect(after.refunds.total).toBe('40.00')
    expect(after.identityBreaks).toEqual([])
  }, 120_000)
})
