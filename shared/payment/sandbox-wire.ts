import { z } from 'zod'

/*
 * The sandbox provider's wire, shaped after WeChat Pay's v2 付款码 API (pay/micropay, pay/orderquery,
 * secapi/pay/reverse, secapi/pay/refund): return_code says whether the call was understood,
 * result_code whether the business succeeded, err_code why not. JSON instead of XML, and one
 * HMAC-SHA256 of the body under the merchant key instead of the sorted-parameter sign.
 */

export const PAY_PATHS = {
  micropay: '/pay/micropay',
  orderquery: '/pay/orderquery',
  reverse: '/secapi/pay/reverse',
  refund: '/secapi/pay/refund',
} as const
export type PayOperation = keyof typeof PAY_PATHS

export const MERCHANT_HEADER = 'x-pay-merchant'
export const SIGNATURE_HEADER = 'x-pay-signature'

const fen = z.number().int().positive().max(99_999_999)
const tradeNo = z.string().regex(/^[A-Za-z0-9_-]{6,32}$/)

export const MicropayBody = z.object({
  out_trade_no: tradeNo,
  auth_code: z.string().max(64),
  total_fee: fen,
  body: z.string().max(128),
  device_info: z.string().max(32).optional(),
})
export const TradeBody = z.object({ out_trade_no: tradeNo })
export const RefundBody = z.object({
  out_trade_no: tradeNo,
  out_refund_no: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/),
  total_fee: fen,
  refund_fee: fen,
  refund_desc: z.string().max(80).optional(),
})

/** Every answer of the sandbox provider; fields present as the operation and outcome need. */
export const PayAnswerWire = z.object({
  return_code: z.enum(['SUCCESS', 'FAIL']),
  return_msg: z.string().optional(),
  result_code: z.enum(['SUCCESS', 'FAIL']).optional(),
  err_code: z.string().optional(),
  err_code_des: z.string().optional(),
  out_trade_no: z.string().optional(),
  transaction_id: z.string().optional(),
  total_fee: z.number().int().optional(),
  /** SUCCESS, REFUND, NOTPAY, CLOSED, REVOKED, USERPAYING, PAYERROR (orderquery). */
  trade_state: z.string().optional(),
  /** wechat or alipay: whose code paid. */
  bank_type: z.string().optional(),
  time_end: z.string().optional(),
  /** reverse: Y while the provider asks to be called again. */
  recall: z.enum(['Y', 'N']).optional(),
  out_refund_no: z.string().optional(),
  refund_id: z.string().optional(),
  refund_fee: z.number().int().optional(),
})
export type PayAnswerWire = z.infer<typeof PayAnswerWire>
