import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore } from '../../electron/core/core'
import { trainingPlatform } from '../../electron/sandbox/training'
import { DEMO_USERS } from '../../electron/core/session/session-service'
import { DEMO_PEOPLE } from '../../electron/sandbox/demo/people'
import { signIn } from '../support/core-session'
import { eventually } from '../support/eventually'
import { useTempDir } from '../support/temp-dir'
import { Counter, traceCode } from '../sale/counter-rig'
import type { OfflineSaleView } from '../../shared/contract/offline/schemas'

const tempDir = useTempDir()
let counter: Counter
afterEach(async () => {
  await counter?.close()
})

const AMLODIPINE = 'SP00002' // 苯磺酸氨氯地平片, prescription, 甲类, 20.00
const PRESCRIPTION = { rxno: 'RX20261123009', external: false, pharmacist: '李药师' }

async function start(dir: string) {
  const core = await createCore({ dataDir: join(dir, 'data'), shell: 'web', version: 'test' }, { training: trainingPlatform(), log: () => {} })
  const c = new Counter(core)
  await c.ready()
  return c
}

async function faults(c: Counter, body: Record<string, unknown>) {
  const res = await fetch(`${(await c.sandboxUrl()).replace(/\/$/, '')}/sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(res.ok).toBe(true)
}

/** The platform goes down; the cashier's failing scan and the probe take the counter offline. */
async function goOffline(c: Counter) {
  await faults(c, { down: true })
  const codes = await c.call('trainingMembers', {})
  expect(await c.refused('identifyMember', { qrCode: codes[0].qrCode })).toMatch(/^PLATFORM_/)
  return eventually(
    'offline',
    () => c.call('connectivityStatus', {}),
    (s) => s.state === 'offline',
  )
}

function sale(c: Counter, memberRef: string, boxes: number, mulaidId?: string) {
  return c.call('openSale', {
    memberRef,
    lines: [{ storeCode: AMLODIPINE, qty: String(boxes), traceCodes: Array.from({ length: boxes }, () => traceCode()) }],
    acctUsed: true,
    mulaidId,
    prescription: PRESCRIPTION,
  })
}

describe('the counter offline, through the contract', () => {
  it('sells offline by ID card number in deposit mode, forwards when the platform returns, and shows the refund due', async () => {
    counter = await start(tempDir())
    expect((await counter.call('connectivityStatus', {})).state).toBe('online')
    await counter.member('wangFather')

    const status = await goOffline(counter)
    expect(status.reason).toBeTruthy()
    expect(await counter.refused('identifyOffline', { idCardNo: DEMO_PEOPLE.liRetired.certno })).toBe('MEMBER_NOT_SEEN')
    const { member, snapshotSeenAt } = await counter.call('identifyOffline', { idCardNo: DEMO_PEOPLE.wangFather.certno })
    expect(member).toMatchObject({ nameMasked: '王*国', insutype: '390' })
    expect(snapshotSeenAt <= new Date().toISOString()).toBe(true)

    const draft = await sale(counter, member.ref, 2)
    const quote = await counter.call('quoteOffline', { saleId: draft.id })
    // Resident at a Zhengzhou pharmacy: no fund share. The store never sees the quotas the platform will draw, so the
    // estimate counts none; the deposit is the full price either way.
    expect(quote.estimate).toMatchObject({
      medical: '40.00',
      fund: '0.00',
      mutualAid: '0.00',
      personCash: '40.00',
      policyRegion: '410100',
      policySource: 'training',
    })
    expect(quote).toMatchObject({ storeMode: 'deposit', deposit: { payNow: '40.00' }, offlineNow: true })
    expect(quote.advance.refusal?.code).toBe('OFFLINE_ADVANCE_OFF')
    expect(await counter.refused('settleOffline', { saleId: draft.id, mode: 'advance', payment: { method: 'mobile' } })).toBe('OFFLINE_ADVANCE_OFF')
    expect(await counter.refused('settleOffline', { saleId: draft.id, mode: 'deposit', payment: { method: 'cash', tendered: '30' } })).toBe(
      'TENDERED_TOO_LITTLE',
    )

    const queued = await counter.call('settleOffline', { saleId: draft.id, mode: 'deposit', payment: { method: 'cash', tendered: '50' } })
    expect(queued).toMatchObject({ state: 'queued', mode: 'deposit', paid: '40.00', advanced: '0.00', outcome: null })
    const paper = queued.receipt!.lines.join('\n')
    expect(paper).toContain('【离线交易·押金模式】')
    expect(paper).toContain('结算ID：待结算')
    expect((await counter.call('getSale', { saleId: draft.id })).receiptJobId).not.toBeNull()
    expect(await counter.refused('voidSale', { saleId: draft.id, reason: '顾客不要了' })).toBe('OFFLINE_WAITING')
    expect((await counter.call('connectivityStatus', {})).queue.sales).toBe(1)

    const changes: OfflineSaleView[] = []
    counter.core.events.subscribe((name, payload) => {
      if (name === 'offlineSaleChanged') changes.push((payload as { sale: OfflineSaleView }).sale)
    })
    await faults(counter, { down: false })
    await counter.call('forwardNow', {})
    const done = await eventually(
      'the outcome',
      () => counter.call('offlineSale', { saleId: draft.id }),
      (v) => v.outcome !== null,
    )
    // The screens are told of the outcome without the receipt (laid out only for the one sale opened, as here).
    const told = await eventually(
      'the outcome told',
      async () => changes.find((v) => v.saleId === draft.id && v.outcome !== null),
      (v) => v !== undefined,
    )
    expect(told).toMatchObject({ state: 'settled', outcome: done.outcome, receipt: null })
    expect(done.receipt!.kind).toBe('corrected')
    expect((await counter.call('offlineSales', { open: false, limit: 10 })).map((v) => v.receipt)).toEqual([null])
    expect(done).toMatchObject({ state: 'settled', resolution: 'refund_due' })
    // The box was never received into a lot: its 3505 is held for the manager with the reason, never sent with an
    // invented batch (docs/stock-uploads.md), so nothing of this sale is uploaded or waiting in the queue.
    expect(done.uploads).toEqual({ done: 0, waiting: 0, declined: [] })
    // Forwarded, the platform drew the daughter's quota itself: all 40.00 of it is acct_mulaid_pay, refunded to the customer.
    expect(done.outcome).toMatchObject({ fund: '0.00', mutualAid: '40.00', personCash: '0.00', due: '40.00' })
    expect((await counter.ledger()).entries.find((e) => e.kind === 'settlement')?.acct_mulaid_pay).toBe(40)
    expect((await counter.ledger()).entries.filter((e) => e.kind === 'settlement')).toHaveLength(1)
    expect((await counter.call('getSale', { saleId: draft.id })).state).toBe('settled')
    const online = await eventually(
      'online',
      () => counter.call('connectivityStatus', {}),
      (s) => s.state === 'online',
    )
    expect(online).toMatchObject({ toResolve: 1, queue: { queued: 0 } })

    // The refund is the manager's task, listed in the pending view until handed over.
    expect(await counter.refused('resolveOffline', { saleId: draft.id, action: 'refunded' })).toBe('FORBIDDEN_ROLE')
    await signIn(counter.core, 'manager')
    const pending = await counter.call('pendingItems', {})
    expect(pending.offline?.refundsOwed.map((r) => [r.saleId, r.amount])).toEqual([[draft.id, '40.00']])
    const closed = await counter.call('resolveOffline', { saleId: draft.id, action: 'refunded' })
    expect(closed.resolution).toBe('closed')
    expect(closed.receipt!.kind).toBe('corrected')
    expect(closed.receipt!.lines.join('\n')).toContain(done.outcome!.settlementId!)
    expect((await counter.call('connectivityStatus', {})).toResolve).toBe(0)
  }, 120_000)

  it('refuses, in advance mode, exactly the sale that would break a limit, and refunds cash sales but not insured ones offline', async () => {
    counter = await start(tempDir())
    const seen = await counter.member('zhangHusband')
    const cash = await counter.call('openSale', { lines: [{ storeCode: 'SG00001', qty: '1' }], acctUsed: false })
    await counter.call('settleSale', { saleId: cash.id, payment: { method: 'cash', tendered: '15' } })
    const insured = await sale(counter, seen.ref, 1)
    await counter.call('presettleSale', { saleId: insured.id })
    await counter.call('settleSale', { saleId: insured.id, payment: { method: 'cash', tendered: '20' } })

    await signIn(counter.core, 'manager')
    expect(await counter.refused('setOfflineSettings', { mode: 'advance', perSale: '60', outstanding: '50', maxAgeHours: 24 })).toBe('OFFLINE_LIMITS_INVALID')
    await counter.call('setOfflineSettings', { mode: 'advance', perSale: '20', outstanding: '50', maxAgeHours: 24 })
    await goOffline(counter)

    const manager = DEMO_USERS.find((u) => u.role === 'manager')!
    const approval = { userId: manager.id, pin: manager.pin }
    expect(await counter.refused('refundSale', { saleId: insured.id, approval, reason: '买错了' })).toBe('REFUND_NEEDS_PLATFORM')
    expect((await counter.call('refundSale', { saleId: cash.id, approval, reason: '买错了' })).state).toBe('refunded')

    const { member } = await counter.call('identifyOffline', { idCardNo: DEMO_PEOPLE.zhangHusband.certno })
    const take = async (boxes: number) => {
      const s = await sale(counter, member.ref, boxes)
      const q = await counter.call('quoteOffline', { saleId: s.id })
      const res = await counter.core.dispatch('settleOffline', { saleId: s.id, mode: 'advance', payment: { method: 'mobile' } })
      return { s, q, code: res.ok ? null : res.error.code, message: res.ok ? null : res.error.message }
    }
    // An employee's own account pays it all (the deductible is not met): the store advances every yuan.
    const a = await take(1)
    expect(a.q.advance).toMatchObject({ payNow: '0.00', advanced: '20.00', refusal: null })
    expect(a.code).toBeNull()
    const b = await take(2)
    expect(b.code).toBe('OFFLINE_LIMIT_PER_SALE')
    expect(b.message).toContain('40.00')
    // The refused sale is still open: the customer may pay in full instead (deposit mode).
    expect((await counter.call('settleOffline', { saleId: b.s.id, mode: 'deposit', payment: { method: 'cash', tendered: '40' } })).state).toBe('queued')
    expect((await take(1)).code).toBeNull()
    const d = await take(1)
    expect(d.code).toBe('OFFLINE_LIMIT_OUTSTANDING')
    const status = await counter.call('connectivityStatus', {})
    expect(status.queue).toMatchObject({ sales: 3, outstanding: '40.00' })
    expect((await counter.call('offlineSales', { open: true, limit: 10 })).map((v) => v.mode).sort()).toEqual(['advance', 'advance', 'deposit'])
  }, 120_000)
})
