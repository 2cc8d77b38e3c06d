import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { systemClock } from '../../electron/base/clock'
import { openDatabase } from '../../electron/base/store/database'
import { DATABASE_FILE } from '../../electron/core/core'
import { MobilePayStore } from '../../electron/core/payment/mobile-pay-store'
import { SandboxPaymentProvider } from '../../electron/core/payment/sandbox-provider'
import { coreMigrations } from '../../electron/core/store/migrations'
import { maskAuthCode } from '../../shared/payment/auth-code'
import { eventually } from '../support/eventually'
import { signIn } from '../support/core-session'
import { useTempDir } from '../support/temp-dir'
import { startPayCounter, wechatCode, type PayCounter } from './pay-rig'

const tempDir = useTempDir()
const open: PayCounter[] = []
afterEach(async () => {
  for (const c of open.splice(0)) await c.close()
})

async function counterIn(dir: string) {
  const c = await startPayCounter(dir)
  open.push(c)
  return c
}

/**
 * A crash between the intent and the answer, made exactly: the intent row is committed through a second
 * connection to the counter's database (as the payment service writes it), the provider is sent the
 * payment or not, and the counter is stopped before any answer is recorded.
 */
async function crashMidPayment(c: PayCounter, dir: string, saleId: string, sent: boolean) {
  const db = openDatabase(join(dir, 'data', DATABASE_FILE), coreMigrations, { now: () => new Date() })
  const code = wechatCode()
  const row = new MobilePayStore(db, systemClock).begin({
    saleId,
    provider: 'sandbox',
    wallet: 'wechat',
    codeMasked: maskAuthCode(code),
    amountFen: 3000,
    actor: 'demo-cashier',
  })
  db.close()
  const provider = new SandboxPaymentProvider({ url: await c.payUrl(), merchantId: '1900000109', key: 'pay-sandbox-key' })
  if (sent)
    expect(await provider.micropay({ outTradeNo: row.out_trade_no, authCode: code, amountFen: 3000, description: 'x', terminalId: 'T' })).toMatchObject({
      kind: 'paid',
    })
  await c.close()
  open.splice(open.indexOf(c), 1)
  return { trade: row.out_trade_no, code, provider }
}

describe('a mobile payment in flight at a crash is resolved at start-up', () => {
  it('records a payment the provider made before the crash (never recorded unpaid when paid)', async () => {
    const dir = tempDir()
    const a = await counterIn(dir)
    const sale = await a.call('openSale', { lines: [{ storeCode: 'SG00001', qty: '2' }], acctUsed: false })
    const { trade } = await crashMidPayment(a, dir, sale.id, true)

    const b = await counterIn(dir)
    const [p] = await eventually(
      'recovery',
      () => b.call('listMobilePayments', { saleId: sale.id }),
      (ps) => ps[0]?.state === 'paid',
    )
    expect(p).toMatchObject({ outTradeNo: trade, state: 'paid', amount: '30.00' })
    expect(await b.call('getSale', { saleId: sale.id })).toMatchObject({ state: 'settled', payment: { method: 'mobile', tendered: '30.00' } })
    expect(await b.trades()).toEqual([expect.objectContaining({ outTradeNo: trade, state: 'SUCCESS' })])
  })

  it('cancels a payment the provider never received, so a late arrival cannot charge the customer (never charged twice)', async () => {
    const dir = tempDir()
    const a = await counterIn(dir)
    const sale = await a.call('openSale', { lines: [{ storeCode: 'SG00001', qty: '2' }], acctUsed: false })
    const { trade, code } = await crashMidPayment(a, dir, sale.id, false)

    const b = await counterIn(dir)
    await eventually(
      'recovery',
      () => b.call('listMobilePayments', { saleId: sale.id }),
      (ps) => ps[0]?.state === 'cancelled',
    )
    expect((await b.call('getSale', { saleId: sale.id })).state).toBe('draft')
    // The request that was lost in the network arrives now: the trade number is closed.
    const late = new SandboxPaymentProvider({ url: await b.payUrl(), merchantId: '1900000109', key: 'pay-sandbox-key' })
    expect(await late.micropay({ outTradeNo: trade, authCode: code, amountFen: 3000, description: 'x', terminalId: 'T' })).toMatchObject({ kind: 'declined' })
    expect(await b.trades()).toEqual([])
    // The customer scans again and pays once.
    expect((await b.call('payMobile', { saleId: sale.id, authCode: wechatCode() })).state).toBe('paid')
    expect((await b.trades()).filter((t) => t.state === 'SUCCESS')).toHaveLength(1)
  })

  it('resends a refund whose answer was lost under the same refund number: one refund at the provider', async () => {
    const dir = tempDir()
    const a = await counterIn(dir)
    const sale = await a.call('openSale', { lines: [{ storeCode: 'SG00001', qty: '2' }], acctUsed: false })
    await a.call('payMobile', { saleId: sale.id, authCode: wechatCode() })
    await a.faults({ loseAnswers: { refund: 1 } })
    await signIn(a.core, 'manager')
    await a.call('refundSale', { saleId: sale.id, approval: { userId: 'demo-manager', pin: '888888' }, reason: '顾客退货' })
    expect((await a.call('listMobilePayments', { saleId: sale.id }))[0]!.refunds).toMatchObject([{ state: 'sending' }])
    await a.close()
    open.splice(open.indexOf(a), 1)

    const b = await counterIn(dir)
    const [p] = await eventually(
      'refund resent',
      () => b.call('listMobilePayments', { saleId: sale.id }),
      (ps) => ps[0]?.refunds[0]?.state === 'refunded',
    )
    expect(p!.refunds).toHaveLength(1)
    expect(await b.trades()).toEqual([expect.objectContaining({ state: 'REFUND', refundedFee: 3000 })])
  })
})
