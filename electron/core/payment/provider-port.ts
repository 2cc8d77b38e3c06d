import type { Wallet } from '../../../shared/payment/auth-code'

/**
 * What the counter needs of a payment provider to take a customer's payment code (付款码支付): the
 * micropay flow WeChat Pay (pay/micropay, orderquery, reverse, refund) and Alipay (alipay.trade.pay with
 * scene bar_code, .query, .cancel, .refund) share. A real provider's adapter answers in these terms; the
 * sandbox's HTTP adapter is one (docs/mobile-payment.md says where another goes).
 *
 * An adapter throws `PaymentUnanswered` when no answer came (network, timeout, garbage): the outcome at
 * the provider is then unknown and the caller asks (query) before deciding anything. It never guesses.
 */
export interface PaymentProvider {
  /** Who answers: shown to the cashier and kept with each payment. */
  readonly name: string
  /** Charges the customer's code. `outTradeNo` is ours, chosen and stored before this is called. */
  micropay(req: MicropayRequest): Promise<PayAnswer>
  /** The provider's view of one of our trades. */
  query(outTradeNo: string): Promise<TradeAnswer>
  /** 撤销: closes an unpaid trade, or gives a paid one back in full; `retry` while the provider asks to call again. */
  reverse(outTradeNo: string): Promise<ReverseAnswer>
  /** Gives back part or all of a paid trade under our own `outRefundNo` (a resend with the same number is one refund). */
  refund(req: RefundRequest): Promise<RefundAnswer>
}

export interface MicropayRequest {
  outTradeNo: string
  authCode: string
  amountFen: number
  /** What the customer's wallet shows as the purchase. */
  description: string
  terminalId: string
}

export interface PaidTrade {
  kind: 'paid'
  outTradeNo: string
  amountFen: number
  transactionId: string
  wallet: Wallet
  paidAt: string
}

export type PayAnswer =
  | PaidTrade
  /** USERPAYING / 10003: the customer is entering their password; ask again until the deadline. */
  | { kind: 'user-paying' }
  /** The provider says no and charged nothing: insufficient balance, an expired code, a frozen account … */
  | { kind: 'declined'; code: string; message: string }
  /** The provider answered but does not know yet (SYSTEMERROR, BANKERROR, 20000): ask. */
  | { kind: 'unknown'; code: string; message: string }

export type TradeAnswer =
  | PaidTrade
  | { kind: 'user-paying' }
  /** NOTPAY, PAYERROR, CLOSED, REVOKED: nothing was taken, and nothing will be. */
  | { kind: 'not-paid'; state: string }
  /** The provider has no such trade: our request never arrived. */
  | { kind: 'not-found' }
  /** Paid once, since given back (REFUND): counts as paid for what was recorded. */
  | { kind: 'refunded'; outTradeNo: string; amountFen: number }

export type ReverseAnswer = { kind: 'reversed' } | { kind: 'retry' } | { kind: 'refused'; code: string; message: string }

export interface RefundRequest {
  outTradeNo: string
  outRefundNo: string
  totalFen: number
  refundFen: number
  reason: string
}

export type RefundAnswer =
  | { kind: 'refunded'; outRefundNo: string; refundId: string; refundFen: number }
  | { kind: 'declined'; code: string; message: string }
  | { kind: 'unknown'; code: string; message: string }

/** No answer from the provider: the request may or may not have been acted on. */
export class PaymentUnanswered extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PaymentUnanswered'
  }
}
