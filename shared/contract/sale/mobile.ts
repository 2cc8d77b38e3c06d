import { z } from 'zod'
import { WalletSchema } from '../../payment/auth-code'

const Yuan = z.string().regex(/^-?\d+\.\d{2}$/)

export const MobilePayStateSchema = z.enum(['sending', 'paying', 'paid', 'declined', 'cancelling', 'cancelled'])

/**
 * One 付款码 payment of a sale's cash part, as the provider last confirmed it. `paid` only ever follows
 * the provider's own answer naming this trade and amount; `paying` is the customer entering a password.
 */
export const MobilePaymentViewSchema = z.object({
  saleId: z.string(),
  outTradeNo: z.string(),
  provider: z.string(),
  wallet: WalletSchema,
  codeMasked: z.string(),
  amount: Yuan,
  state: MobilePayStateSchema,
  /** Why it was declined or cancelled, in the provider's words. */
  reason: z.string().nullable(),
  transactionId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Money given back to the customer's wallet (原路退回), each under its own refund number. */
  refunds: z.array(
    z.object({
      outRefundNo: z.string(),
      amount: Yuan,
      state: z.enum(['sending', 'refunded', 'declined']),
      detail: z.string().nullable(),
      at: z.string(),
    }),
  ),
})
export type MobilePaymentView = z.infer<typeof MobilePaymentViewSchema>

export const PayMobileInputSchema = z
  .object({
    saleId: z.string().min(1),
    /** Checked in the core against the wallets' code shapes, so the cashier sees why a scan is refused. */
    authCode: z.string().trim().min(1, '请扫描顾客的付款码').max(64),
  })
  .strict()
