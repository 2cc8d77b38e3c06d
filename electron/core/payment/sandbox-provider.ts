import { createHmac } from 'node:crypto'
import { MERCHANT_HEADER, PAY_PATHS, PayAnswerWire, SIGNATURE_HEADER, type PayOperation } from '../../../shared/payment/sandbox-wire'
import { WalletSchema } from '../../../shared/payment/auth-code'
import {
  PaymentUnanswered,
  type PayAnswer,
  type PaymentProvider,
  type PaidTrade,
  type RefundAnswer,
  type ReverseAnswer,
  type TradeAnswer,
} from './provider-port'

export interface SandboxProviderConfig {
  url: string
  merchantId: string
  key: string
  /** No answer within this long counts as lost (the outcome is then asked for). */
  timeoutMs?: number
}

/** Answers that mean the provider does not know yet: asked again, never taken for a refusal. */
const UNKNOWN_CODES = new Set(['SYSTEMERROR', 'BANKERROR'])

/**
 * The core's adapter for the sandbox provider (electron/sandbox/pay/), over HTTP as a real one would be:
 * a WeChat-Pay-v2-shaped JSON API signed with the merchant key. A real provider gets its own adapter
 * of the same port (docs/mobile-payment.md).
 */
export class SandboxPaymentProvider implements PaymentProvider {
  readonly name = 'sandbox'

  constructor(private readonly config: SandboxProviderConfig) {}

  private async call(op: PayOperation, body: Record<string, unknown>): Promise<PayAnswerWire> {
    const text = JSON.stringify(body)
    let res: Response
    try {
      res = await fetch(new URL(PAY_PATHS[op], this.config.url), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [MERCHANT_HEADER]: this.config.merchantId,
          [SIGNATURE_HEADER]: createHmac('sha256', this.config.key).update(text).digest('hex'),
        },
        body: text,
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 15_000),
      })
    } catch (e) {
      throw new PaymentUnanswered(`${op}: ${(e as Error).message}`)
    }
    let json: unknown
    try {
      json = await res.json()
    } catch (e) {
      throw new PaymentUnanswered(`${op}: unreadable answer (${(e as Error).message})`)
    }
    const parsed = PayAnswerWire.safeParse(json)
    if (!parsed.success) throw new PaymentUnanswered(`${op}: answer not in the provider's shape`)
    return parsed.data
  }

  private paid(a: PayAnswerWire): PaidTrade | null {
    const wallet = WalletSchema.safeParse(a.bank_type)
    if (!a.out_trade_no || !a.transaction_id || a.total_fee === undefined || !wallet.success) return null
    return { kind: 'paid', outTradeNo: a.out_trade_no, amountFen: a.total_fee, transactionId: a.transaction_id, wallet: wallet.data, paidAt: a.time_end ?? '' }
  }

  async micropay(req: { outTradeNo: string; authCode: string; amountFen: number; description: string; terminalId: string }): Promise<PayAnswer> {
    const a = await this.call('micropay', {
      out_trade_no: req.outTradeNo,
      auth_code: req.authCode,
      total_fee: req.amountFen,
      body: req.description,
      device_info: req.terminalId,
    })
    // return_code FAIL: the request was not understood, so no trade was made.
    if (a.return_code === 'FAIL') return { kind: 'declined', code: 'REQUEST_REFUSED', message: a.return_msg ?? '支付平台拒绝了请求' }
    if (a.result_code === 'SUCCESS') return this.paid(a) ?? { kind: 'unknown', code: 'INCOMPLETE', message: '支付成功的答复缺少交易号或金额' }
    if (a.err_code === 'USERPAYING') return { kind: 'user-paying' }
    if (UNKNOWN_CODES.has(a.err_code ?? '')) return { kind: 'unknown', code: a.err_code!, message: a.err_code_des ?? '' }
    return { kind: 'declined', code: a.err_code ?? 'FAIL', message: a.err_code_des ?? '支付失败' }
  }

  async query(outTradeNo: string): Promise<TradeAnswer> {
    const a = await this.call('orderquery', { out_trade_no: outTradeNo })
    if (a.return_code === 'FAIL' || (a.result_code === 'FAIL' && a.err_code !== 'ORDERNOTEXIST'))
      throw new PaymentUnanswered(`orderquery: ${a.err_code ?? a.return_msg ?? 'FAIL'}`)
    if (a.result_code === 'FAIL') return { kind: 'not-found' }
    switch (a.trade_state) {
      case 'SUCCESS':
        return this.paid(a) ?? Promise.reject(new PaymentUnanswered('orderquery: a paid answer without its trade'))
      case 'REFUND':
        return { kind: 'refunded', outTradeNo, amountFen: a.total_fee ?? 0 }
      case 'USERPAYING':
        return { kind: 'user-paying' }
      case 'NOTPAY':
      case 'CLOSED':
      case 'REVOKED':
      case 'PAYERROR':
        return { kind: 'not-paid', state: a.trade_state }
      default:
        throw new PaymentUnanswered(`orderquery: unknown trade_state ${a.trade_state ?? '(none)'}`)
    }
  }

  async reverse(outTradeNo: string): Promise<ReverseAnswer> {
    const a = await this.call('reverse', { out_trade_no: outTradeNo })
    if (a.return_code === 'FAIL' || UNKNOWN_CODES.has(a.err_code ?? '')) return { kind: 'retry' }
    if (a.result_code === 'SUCCESS') return a.recall === 'Y' ? { kind: 'retry' } : { kind: 'reversed' }
    return { kind: 'refused', code: a.err_code ?? 'FAIL', message: a.err_code_des ?? '撤销失败' }
  }

  async refund(req: { outTradeNo: string; outRefundNo: string; totalFen: number; refundFen: number; reason: string }): Promise<RefundAnswer> {
    const a = await this.call('refund', {
      out_trade_no: req.outTradeNo,
      out_refund_no: req.outRefundNo,
      total_fee: req.totalFen,
      refund_fee: req.refundFen,
      refund_desc: req.reason.slice(0, 80),
    })
    if (a.return_code === 'FAIL' || UNKNOWN_CODES.has(a.err_code ?? ''))
      return { kind: 'unknown', code: a.err_code ?? 'FAIL', message: a.return_msg ?? a.err_code_des ?? '' }
    if (a.result_code === 'SUCCESS' && a.out_refund_no && a.refund_id && a.refund_fee !== undefined) {
      return { kind: 'refunded', outRefundNo: a.out_refund_no, refundId: a.refund_id, refundFen: a.refund_fee }
    }
    return { kind: 'declined', code: a.err_code ?? 'FAIL', message: a.err_code_des ?? '退款失败' }
  }
}
