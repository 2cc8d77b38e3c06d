import { z } from 'zod'
import type { PayOperation } from '../../../shared/payment/sandbox-wire'

/** Business refusals the sandbox can answer a payment with (WeChat's err_code names). */
export const DECLINES = {
  NOTENOUGH: '用户余额不足',
  AUTHCODEEXPIRE: '付款码已过期，请刷新后重新扫码',
  AUTH_CODE_INVALID: '付款码无效',
  BUYER_MISMATCH: '支付帐号错误',
  TRADE_ERROR: '交易错误（用户账户受限）',
} as const

const count = z.number().int().min(0).max(1000).default(0)

export const PayFaultsSchema = z
  .object({
    /** Each new payment asks for the customer's password and is confirmed after this many queries. */
    userPayingPolls: count,
    /** The customer never enters the password: the payment stays USERPAYING until cancelled. */
    neverConfirm: z.boolean().default(false),
    /** Each new payment is refused with this reason, nothing charged. */
    decline: z
      .enum(Object.keys(DECLINES) as [keyof typeof DECLINES, ...(keyof typeof DECLINES)[]])
      .nullable()
      .default(null),
    /** The next n answers of an operation are lost: the work is done, then the connection drops. */
    loseAnswers: z.object({ micropay: count, orderquery: count, reverse: count, refund: count }).partial().default({}),
    /** The next n answers of an operation are SYSTEMERROR before anything is done. */
    systemErrors: z.object({ micropay: count, orderquery: count, reverse: count, refund: count }).partial().default({}),
    /** Every answer waits this long (a slow network or provider). */
    latencyMs: z.number().int().min(0).max(120_000).default(0),
    /** The provider is unreachable: connections close with no answer. */
    down: z.boolean().default(false),
  })
  .strict()
export type PayFaults = z.output<typeof PayFaultsSchema>

/** The faults of the run; the counters of lost and failed answers count down as they are spent. */
export class PayFaultState {
  private faults: PayFaults = PayFaultsSchema.parse({})

  set(f: PayFaults): void {
    this.faults = structuredClone(f)
  }

  get(): PayFaults {
    return structuredClone(this.faults)
  }

  private spend(bucket: 'loseAnswers' | 'systemErrors', op: PayOperation): boolean {
    const left = this.faults[bucket][op] ?? 0
    if (left <= 0) return false
    this.faults[bucket][op] = left - 1
    return true
  }

  loseAnswer(op: PayOperation): boolean {
    return this.spend('loseAnswers', op)
  }

  systemError(op: PayOperation): boolean {
    return this.spend('systemErrors', op)
  }
}
