import { afterEach, describe, expect, it } from 'vitest'
import { SandboxPaymentProvider } from '../../electron/core/payment/sandbox-provider'
import { PaymentUnanswered } from '../../electron/core/payment/provider-port'
import { startPaySandbox, type RunningPaySandbox } from '../../electron/sandbox/pay/pay-server'
import { PayFaultsSchema } from '../../electron/sandbox/pay/pay-faults'
import { alipayCode, wechatCode } from '../support/pay-codes'

let sandbox: RunningPaySandbox | undefined
afterEach(async () => {
  await sandbox?.close()
  sandbox = undefined
})

async function provider() {
  sandbox = await startPaySandbox()
  return { p: new SandboxPaymentProvider({ url: sandbox.url, merchantId: sandbox.merchantId, key: sandbox.key, timeoutMs: 2_000 }), s: sandbox }
}

const pay = (p: SandboxPaymentProvider, outTradeNo: string, authCode: string, amountFen = 3000) =>
  p.micropay({ outTradeNo, authCode, amountFen, description: '药店购药', terminalId: 'T01' })

describe('the sandbox provider through the core adapter, over HTTP', () => {
  it('refunds in parts under our own numbers; a number sent again is the same refund; no more than was paid goes back', async () => {
    const { p } = await provider()
    expect(await pay(p, 'GJTRADE0001', wechatCode())).toMatchObject({ kind: 'paid', amountFen: 3000, wallet: 'wechat' })
    const part = { outTradeNo: 'GJTRADE0001', totalFen: 3000, reason: '部分退货' }
    const first = await p.refund({ ...part, outRefundNo: 'GJTRADE0001R01', refundFen: 1000 })
    expect(first).toMatchObject({ kind: 'refunded', refundFen: 1000 })
    expect(await p.refund({ ...part, outRefundNo: 'GJTRADE0001R01', refundFen: 1000 })).toEqual(first)
    expect(await p.refund({ ...part, outRefundNo: 'GJTRADE0001R02', refundFen: 2001 })).toMatchObject({ kind: 'declined', code: 'REFUND_FEE_INVALID' })
    expect(await p.refund({ ...part, outRefundNo: 'GJTRADE0001R02', refundFen: 2000 })).toMatchObject({ kind: 'refunded', refundFen: 2000 })
    expect(await p.query('GJTRADE0001')).toMatchObject({ kind: 'refunded' })
    expect(await p.reverse('GJTRADE0001')).toMatchObject({ kind: 'refused', code: 'TRADE_STATE_ERROR' })
  })

  it('takes a code once, refuses one of neither wallet, and names a resent trade as it stands', async () => {
    const { p } = await provider()
    const code = alipayCode()
    expect(await pay(p, 'GJTRADE0002', code)).toMatchObject({ kind: 'paid', wallet: 'alipay' })
    expect(await pay(p, 'GJTRADE0002', code)).toMatchObject({ kind: 'paid', outTradeNo: 'GJTRADE0002' })
    expect(await pay(p, 'GJTRADE0003', code)).toMatchObject({ kind: 'declined', code: 'AUTHCODEEXPIRE' })
    expect(await pay(p, 'GJTRADE0004', '99' + '1'.repeat(16))).toMatchObject({ kind: 'declined', code: 'AUTH_CODE_INVALID' })
    expect(await p.query('GJNOSUCHTRADE')).toEqual({ kind: 'not-found' })
  })

  it('answers as a real provider under faults: system errors are unknown, lost answers throw, a bad signature is refused', async () => {
    const { p, s } = await provider()
    s.faults.set(PayFaultsSchema.parse({ systemErrors: { micropay: 1, orderquery: 1 }, loseAnswers: { reverse: 1 } }))
    expect(await pay(p, 'GJTRADE0005', wechatCode())).toMatchObject({ kind: 'unknown', code: 'SYSTEMERROR' })
    await expect(p.query('GJTRADE0005')).rejects.toBeInstanceOf(PaymentUnanswered)
    expect(await p.query('GJTRADE0005')).toEqual({ kind: 'not-found' })
    await expect(p.reverse('GJTRADE0005')).rejects.toBeInstanceOf(PaymentUnanswered)
    expect(await p.reverse('GJTRADE0005')).toEqual({ kind: 'reversed' })
    const forged = new SandboxPaymentProvider({ url: s.url, merchantId: s.merchantId, key: 'not-the-key' })
    expect(await pay(forged, 'GJTRADE0006', wechatCode())).toMatchObject({ kind: 'declined', code: 'REQUEST_REFUSED' })
    expect(s.ledger.trades()).toEqual([])
  })
})
