import type { MobilePaymentView } from '../../../../shared/contract/sale/mobile'
import { defineMessages } from '../../i18n'

export const useMobilePayMessages = defineMessages(
  {
    title: '付款码收款（微信 / 支付宝）',
    amount: '本次扫码收款',
    codeLabel: '顾客付款码',
    codeHint: '请顾客打开微信或支付宝的付款码，用扫码枪扫描；收到支付平台确认后才算收款',
    sending: '正在向支付平台发起收款…',
    paying: '等待顾客输入密码…',
    paid: '支付平台已确认收款 ¥{amount}',
    declined: '未收款：{reason}。可请顾客刷新付款码重新扫码，或改收现金',
    cancelled: '已撤销，顾客未被扣款（{reason}）。可重新扫码或改收现金',
    cancelling: '撤销尚未得到支付平台确认，系统会继续重试；如顾客已被扣款将原路退回',
    wechat: '微信支付',
    alipay: '支付宝',
    pay: '收款',
    cancelWait: '取消收款',
    close: '返回',
    cash: '改收现金',
    insuredFirst: '医保部分将先结算，再扫码收取现金部分',
    practice: '培训模式：填入一个练习付款码',
    refundedToWallet: '已退货：{wallet}付款 {amount} 元已原路退回顾客（退款单号 {no}），无需退现金',
    refundPending: '已退货：{wallet}付款 {amount} 元正在原路退回（{state}），系统会继续重试，无需退现金',
  },
  {
    title: 'Payment code (WeChat Pay / Alipay)',
    amount: 'To collect by code',
    codeLabel: "Customer's payment code",
    codeHint: 'Ask the customer to open the WeChat Pay or Alipay payment code and scan it; it counts as paid only when the provider confirms it',
    sending: 'Sending the payment to the provider…',
    paying: 'Waiting for the customer to enter the password…',
    paid: 'The provider confirmed ¥{amount}',
    declined: 'Not paid: {reason}. Ask the customer to refresh the code and scan again, or take cash',
    cancelled: 'Cancelled; the customer was not charged ({reason}). Scan again or take cash',
    cancelling: 'The provider has not confirmed the cancellation yet; the counter keeps trying, and any charge goes back to the customer',
    wechat: 'WeChat Pay',
    alipay: 'Alipay',
    pay: 'Collect',
    cancelWait: 'Cancel payment',
    close: 'Back',
    cash: 'Take cash instead',
    insuredFirst: 'The insured part is settled first, then the cash part is collected by code',
    practice: 'Training: fill in a practice payment code',
    refundedToWallet: 'Refunded: the {wallet} payment of {amount} went back to the customer (refund {no}); no cash to give back',
    refundPending: 'Refunded: the {wallet} payment of {amount} is on its way back ({state}); the counter keeps trying; no cash to give back',
  },
)

/** What the cashier tells the customer after refunding a sale paid by code: the money goes back the way it came. */
export function walletRefundNotice(p: MobilePaymentView, m: ReturnType<typeof useMobilePayMessages>): string {
  const r = p.refunds.at(-1)
  const wallet = m(p.wallet)
  if (r?.state === 'refunded') return m('refundedToWallet', { wallet, amount: r.amount, no: r.outRefundNo })
  return m('refundPending', { wallet, amount: r?.amount ?? p.amount, state: r?.detail ?? r?.state ?? '' })
}
