import type { OfflineQuote, OfflineSaleView } from '../../../../shared/contract/offline/schemas'
import type { SaleView } from '../../../../shared/contract/sale/schemas'

/** Where the counter's sale stands: building the cart, paying (online or offline), or done. */
export type Phase =
  | { kind: 'cart' }
  // refundedCash: a partial return's replacement, paid from the refunded sale's cash (netted, B3).
  | { kind: 'review'; sale: SaleView; refundedCash?: string }
  | { kind: 'done'; sale: SaleView }
  // Domain rule 5: the platform cannot be reached; the sale is estimated here and queued.
  | { kind: 'offline'; sale: SaleView; quote: OfflineQuote; mode: 'deposit' | 'advance' }
  | { kind: 'offlineDone'; sale: SaleView; view: OfflineSaleView }
