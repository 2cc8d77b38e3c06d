import { afterEach, describe, expect, it } from 'vitest'
import type { MobilePaymentView } from '../../shared/contract/sale/mobile'
import { toFen } from '../../shared/money/money'
import { signIn } from '../support/core-session'
import { useTempDir } from '../support/temp-dir'
import { traceCode } from '../sale/counter-rig'
import { alipayCode, startPayCounter, wechatCode, type PayCounter } from './pay-rig'

const tempDir = useTempDir()
let counter: PayCounter | undefined
afterEach(async () => {
  await counter?.close()
  counter = undefined
})

const SHAMPOO = 'SG00001' // 去屑洗发水, ordinary goods, 15.00
const IBUPROFEN = 'SP00012' // 布洛芬缓释胶囊, OTC, 甲类, 19.80
const MANAGER = { userId: 'demo-manager', pin: '888888' }

async function goodsSale(c: PayCounter, qty = '2') {
  return c.call('openSale', { lines: [{ storeCode: SHAMPOO, qty }], acctUsed: false })
}

function seen(c: PayCounter): MobilePaymentView['state'][] {
  const states: MobilePaymentView['state'][] = []
  c.core.events.subscribe((event, payload) => {
    if (event === 'mobilePayChanged') states.push((payload as { payment: MobilePaymentView }).payment.state)
  })
  return states
}

describe('付款码 through the payment provider (the training sandbox over HTTP)', () => {
  it("pays a sale of goods on the provider's confirmation: mobile payment, receipt, one trade for the amount", async () => {
    const c = (counter = await startPayCounter(tempDir()))
    const sale = await goodsSale(c)
    const paid = await c.call('payMobile', { saleId: sale.id, authCode: wechatCode() })
    expect(paid).toMatchObject({ state: 'paid', wallet: 'wechat', amount: '30.00', provider: 'sandbox' })
    expect(paid.transactionId).toMatch(/^42/)
    expect(paid.codeMasked).toMatch(/^13\d\d\*+\d{4}$/)
    const after = await c.call('getSale', { saleId: sale.id })
    expect(after).toMatchObject({ state: 'settled', payment: { method: 'mobile', cashDue: '30.00', tendered: '30.00', change: '0.00', owed: '0.00' } })
    expect(after.receiptJobId).not.toBeNull()
    expect(await c.trades()).toEqual([expect.objectContaining({ outTradeNo: paid.outTradeNo, totalFee: 3000, state: 'SUCCESS' })])
  })

  it('refuses what is not a payment code, and a mobile payment asserted without one (B10), writing nothing', async () => {
    const c = (counter = await startPayCounter(tempDir()))
    const sale = await goodsSale(c)
    for (const bad of ['6901234567890', '163456789012345678', '2812345', 'abc']) {
      expect(await c.refused('payMobile', { saleId: sale.id, authCode: bad })).toBe('PAY_CODE_INVALID')
    }
    expect(await c.refused('settleSale', { saleId: sale.id, payment: { method: 'mobile' } })).toBe('MOBILE_PAY_NEEDS_CODE')
    expect(await c.call('listMobilePayments', { saleId: sale.id })).toEqual([])
    expect((await c.call('getSale', { saleId: sale.id })).state).toBe('draft')
    expect(await c.trades()).toEqual([])
  })

  it('waits while the customer enters a password (USERPAYING, polled), then records the success', async () => {
    const c = (counter = await startPayCounter(tempDir()))
    await c.faults({ userPayingPolls: 3 })
    const states = seen(c)
    const sale = await goodsSale(c)
    const paid = await c.call('payMobile', { saleId: sale.id, authCode: alipayCode() })
    expect(paid).toMatchObject({ state: 'paid', wallet: 'alipay' })
    expect(states).toEqual(['sending', 'paying', 'paid'])
    expect((await c.call('getSale', { saleId: sale.id })).payment?.method).toBe('mobile')
  })

  it('cancels (撤销) a payment not confirmed by the deadline; nothing stays charged and a fresh code pays under the next trade number', async () => {
    const c = (counter = await startPayCounter(tempDir()))
    await c.faults({ neverConfirm: true })
    const sale = await goodsSale(c)
    const timedOut = await c.call('payMobile', { saleId: sale.id, authCode: wechatCode() })
    expect(timedOut).toMatchObject({ state: 'cancelled', reason: '顾客未在时限内完成支付' })
    expect((await c.call('getSale', { saleId: sale.id })).state).toBe('draft')
    await c.faults({})
    const paid = await c.call('payMobile', { saleId: sale.id, authCode: wechatCode() })
    expect(paid.state).toBe('paid')
    expect(paid.outTradeNo).not.toBe(timedOut.outTradeNo)
    expect((await c.trades()).map((t) => t.state)).toEqual(['REVOKED', 'SUCCESS'])
  })

  it('lets the cashier cancel while the customer is still entering the password', async () => {
    const c = (counter = await startPayCounter(tempDir(), { pollMs: 40, deadlineMs: 60_000 }))
    await c.faults({ neverConfirm: true })
    const sale = await goodsSale(c)
    const paying = c.call('payMobile', { saleId: sale.id, authCode: wechatCode() })
    await new Promise<void>((resolve) =>
      c.core.events.subscribe(
        (event, payload) => event === 'mobilePayChanged' && (payload as { payment: MobilePaymentView }).payment.state === 'paying' && resolve(),
      ),
    )
    expect(await c.refused('voidSale', { saleId: sale.id, reason: 'x' })).toBe('MOBILE_PAY_IN_PROGRESS')
    const cancelled = await c.call('cancelMobilePay', { saleId: sale.id })
    expect(cancelled).toMatchObject({ state: 'cancelled', reason: '收银员取消' })
    expect((await paying).state).toBe('cancelled')
    expect((await c.trades())[0]?.state).toBe('REVOKED')
  })

  it("shows the provider's refusal (insufficient balance) and charges nothing", async () => {
    const c = (counter = await startPayCounter(tempDir()))
    await c.faults({ decline: 'NOTENOUGH' })
    const sale = await goodsSale(c)
    const declined = await c.call('payMobile', { saleId: sale.id, authCode: wechatCode() })
    expect(declined).toMatchObject({ state: 'declined', reason: '用户余额不足（NOTENOUGH）' })
    expect((await c.call('getSale', { saleId: sale.id })).state).toBe('draft')
    expect(await c.trades()).toEqual([])
  })

  it('asks (query) when the answer to the payment is lost, and records the one trade the provider made', async () => {
    const c = (counter = await startPayCounter(tempDir()))
    await c.faults({ loseAnswers: { micropay: 1, orderquery: 1 }, systemErrors: { orderquery: 1 } })
    const sale = await goodsSale(c)
    const paid = await c.call('payMobile', { saleId: sale.id, authCode: wechatCode() })
    expect(paid.state).toBe('paid')
    expect(await c.trades()).toHaveLength(1)
    expect((await c.call('getSale', { saleId: sale.id })).payment?.method).toBe('mobile')
  })

  it('makes one payment of two scans sent at once (a double press, two tabs)', async () => {
    const c = (counter = await startPayCounter(tempDir()))
    await c.faults({ userPayingPolls: 2 })
    const sale = await goodsSale(c)
    const both = await Promise.all([
      c.core.dispatch('payMobile', { saleId: sale.id, authCode: wechatCode() }),
      c.core.dispatch('payMobile', { saleId: sale.id, authCode: wechatCode() }),
    ])
    expect(both.map((r) => (r.ok ? (r.value as MobilePaymentView).state : r.error.code)).sort()).toEqual(['MOBILE_PAY_IN_PROGRESS', 'paid'])
    expect(await c.trades()).toHaveLength(1)
  })

  it('settles an insured sale first and takes the cash part by code; its refund goes back to the wallet under its own number', async () => {
    const c = (counter = await startPayCounter(tempDir()))
    const member = await c.member('wangFather')
    const sale = await c.call('openSale', {
      memberRef: member.ref,
      lines: [
        { storeCode: IBUPROFEN, qty: '1', traceCodes: [traceCode()] },
        { storeCode: SHAMPOO, qty: '1' },
      ],
      acctUsed: true,
    })
    expect(await c.refused('payMobile', { saleId: sale.id, authCode: wechatCode() })).toBe('SALE_WRONG_STATE')
    await c.call('presettleSale', { saleId: sale.id })
    const settled = await c.call('settleSale', { saleId: sale.id, payment: { method: 'mobile' } })
    const due = settled.split!.cashDue
    // The platform's part is settled; the cash part is owed until the provider confirms it.
    expect(settled).toMatchObject({ state: 'settled', payment: { method: null, owed: due } })
    expect(settled.receiptJobId).toBeNull()
    // A code the provider refuses leaves the cash part owed, where the manager sees it.
    await c.faults({ decline: 'NOTENOUGH' })
    expect((await c.call('payMobile', { saleId: sale.id, authCode: wechatCode() })).state).toBe('declined')
    await c.faults({})
    await signIn(c.core, 'manager')
    expect((await c.call('pendingItems', {})).unpaid).toEqual([expect.objectContaining({ saleId: sale.id, owed: due })])
    const paid = await c.call('payMobile', { saleId: sale.id, authCode: wechatCode() })
    expect(paid).toMatchObject({ state: 'paid', amount: due })
    const after = await c.call('getSale', { saleId: sale.id })
    expect(after).toMatchObject({ payment: { method: 'mobile', owed: '0.00' } })
    expect(after.receiptJobId).not.toBeNull()
    expect((await c.call('pendingItems', {})).unpaid).toEqual([])

    await c.call('refundSale', { saleId: sale.id, approval: MANAGER, reason: '顾客退货' })
    const back = (await c.call('listMobilePayments', { saleId: sale.id })).find((p) => p.state === 'paid')
    expect(back!.refunds).toEqual([expect.objectContaining({ outRefundNo: `${paid.outTradeNo}R01`, amount: due, state: 'refunded' })])
    expect((await c.trades()).map((t) => [t.state, t.refundedFee])).toEqual([['REFUND', toFen(due)]])
  })
})
