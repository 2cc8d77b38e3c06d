import { z } from 'zod'
import { OfflineQuoteSchema } from '../offline/schemas'
import { OpenedSaleSchema } from './across'

/**
 * The counter's checkout (F8) in one call: the core opens the sale from the cart, pre-settles it (2101) or,
 * with the platform not online, estimates it, and voids it itself when either is refused.
 */
export const CheckoutSaleSchema = z.discriminatedUnion('kind', [
  /** Ready to pay at the counter: pre-settled with the platform's split, or a draft with nothing insured. */
  z.object({ kind: z.literal('ready'), sale: OpenedSaleSchema }),
  /**
   * The platform is not online and the sale has insured lines: the offline estimate, and the mode the counter
   * starts in (advance when the store allows it for this sale, else deposit).
   */
  z.object({ kind: z.literal('offline'), sale: OpenedSaleSchema, quote: OfflineQuoteSchema, mode: z.enum(['deposit', 'advance']) }),
])
export type CheckoutSale = z.infer<typeof CheckoutSaleSchema>
