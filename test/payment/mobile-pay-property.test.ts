import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { outRefundNo, outTradeNo } from '../../electron/core/payment/mobile-pay-store'
import { useTempDir } from '../support/temp-dir'
import { startPayCounter, wechatCode, type PayCounter } from './pay-rig'

const tempDir = useTempDir()

describe('trade numbers', () => {
  it('are fixed by the sale and attempt, at most 32 characters, and never shared by two attempts or two sales', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 99 }), (a, b, i, j) => {
        expect(outTradeNo(a, i)).toBe(outTradeNo(a, i))
        expect(outTradeNo(a, i).length).toBeLessThanOrEqual(32)
        expect(outRefundNo(outTradeNo(a, i), j).length).toBeLessThanOrEqual(32)
        if (i !== j) expect(outTradeNo(a, i)).not.toBe(outTradeNo(a, j))
        if (a.replace(/-/g, '').slice(0, 24) !== b.replace(/-/g, '').slice(0, 24)) expect(outTradeNo(a, i)).not.toBe(outTradeNo(b, i))
      }),
    )
  })
})

/**
 * Whatever the provider does (lost answers at any step, system errors, a password asked for, never
 * entered, a refusal), once the counter is done with a payment: the customer was charged at most once,
 * and the sale is recorded paid exactly when the provider holds a successful trade for its amount.
 */
describe('a mobile payment under any faults of the provider', () => {
  let counter: PayCounter
  const dir = tempDir
  beforeAll(async () => {
    counter = await startPayCounter(dir(), { pollMs: 15, deadlineMs: 400 })
  }, 120_000)
  afterAll(async () => {
    await counter?.close()
  })

  const lost = fc.integer({ min: 0, max: 2 })
  const faults = fc.record({
    userPayingPolls: fc.integer({ min: 0, max: 4 }),
    neverConfirm: fc.boolean(),
    decline: fc.constantFrom(null, null, null, 'NOTENOUGH' as const, 'AUTHCODEEXPIRE' as const),
    loseAnswers: fc.record({ micropay: lost, orderquery: lost, reverse: lost }),
    systemErrors: fc.record({ micropay: fc.integer({ min: 0, max: 1 }), orderquery: lost, reverse: fc.integer({ min: 0, max: 1 }) }),
  })

  it('charges at most once and records exactly what the provider took', async () => {
    await fc.assert(
      fc.asyncProperty(faults, async (f) => {
        await counter.faults(f)
        const sale = await counter.call('openSale', { lines: [{ storeCode: 'SG00001', qty: '1' }], acctUsed: false })
        let view = await counter.call('payMobile', { saleId: sale.id, authCode: wechatCode() })
        // A cancel whose answer was lost is resolved again (as recovery would), until the provider confirms it.
        for (let i = 0; i < 10 && (view.state === 'cancelling' || view.state === 'sending' || view.state === 'paying'); i++) {
          view = await counter.call('cancelMobilePay', { saleId: sale.id })
        }
        await counter.faults({})
        expect(['paid', 'declined', 'cancelled']).toContain(view.state)

        const ours = new Set((await counter.call('listMobilePayments', { saleId: sale.id })).map((p) => p.outTradeNo))
        const charged = (await counter.trades()).filter((t) => ours.has(t.outTradeNo) && t.state === 'SUCCESS')
        const after = await counter.call('getSale', { saleId: sale.id })
        expect(charged.length).toBeLessThanOrEqual(1)
        expect(after.payment?.method === 'mobile').toBe(charged.length === 1)
        expect(view.state === 'paid').toBe(charged.length === 1)
        if (charged.length) expect(charged[0]).toMatchObject({ outTradeNo: view.outTradeNo, totalFee: 1500 })

        // Idempotent: a paid sale takes no second payment; one that was not paid takes one more, and only one.
        const again = await counter.core.dispatch('payMobile', { saleId: sale.id, authCode: wechatCode() })
        if (view.state === 'paid') expect(again).toMatchObject({ ok: false, error: { code: 'SALE_WRONG_STATE' } })
        else expect(again).toMatchObject({ ok: true, value: { state: 'paid' } })
        expect(await counter.refused('cancelMobilePay', { saleId: sale.id })).toBe('MOBILE_PAY_NONE')
        const all = new Set((await counter.call('listMobilePayments', { saleId: sale.id })).map((p) => p.outTradeNo))
        expect((await counter.trades()).filter((t) => all.has(t.outTradeNo) && t.state === 'SUCCESS')).toHaveLength(1)
        expect((await counter.call('getSale', { saleId: sale.id })).payment?.method).toBe('mobile')
      }),
      { numRuns: 12, seed: 20261205 },
    )
  }, 300_000)
})
