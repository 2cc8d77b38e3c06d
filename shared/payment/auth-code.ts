import { z } from 'zod'

/** Which wallet issued a customer's payment code (付款码). */
export const WalletSchema = z.enum(['wechat', 'alipay'])
export type Wallet = z.infer<typeof WalletSchema>

/*
 * The wallets publish the shape of their codes so a counter can route a scan before sending it:
 * WeChat Pay's are 18 digits starting 10–15; Alipay's start 25–30 and are 16–24 digits long. A code
 * of neither shape is refused before anything leaves the machine (a barcode scanned into the wrong
 * box, a medical-insurance QR code, a code typed short).
 */
const WECHAT = /^1[0-5]\d{16}$/
const ALIPAY = /^(2[5-9]|30)\d{14,22}$/

export function walletOf(code: string): Wallet | null {
  if (WECHAT.test(code)) return 'wechat'
  if (ALIPAY.test(code)) return 'alipay'
  return null
}

export const AuthCodeSchema = z
  .string()
  .trim()
  .regex(/^\d+$/, { error: '付款码应为数字，请扫描顾客微信或支付宝的付款码', abort: true })
  .refine((c) => walletOf(c) !== null, {
    error: '不是微信（18 位，10–15 开头）或支付宝（16–24 位，25–30 开头）的付款码，请让顾客刷新付款码后重新扫描',
  })

/** A payment code as logs and the database may show it: it is a bearer credential for a minute. */
export function maskAuthCode(code: string): string {
  return `${code.slice(0, 4)}${'*'.repeat(Math.max(0, code.length - 8))}${code.slice(-4)}`
}
