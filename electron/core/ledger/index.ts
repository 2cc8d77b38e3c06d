/** Other concerns reach the ledger concern only through this file (eslint.config.js, INDEXED_CONCERNS). */
export { answeredMessagesBetween, counterRefundsBetween, counterSalesOpenedBetween } from './day-reads'
export type { DaySaleView } from './day-reads'
export { messageOpen } from './in-flight'
export { offlineSalesToResolve, openQueuedOrders } from './offline-reads'
export { SaleLedger, priceLine } from './sale-ledger'
export {
  anySaleInFlight,
  insuredRegionOf,
  linesOf,
  openMessagesOfKind,
  openRefundOf,
  openSettlementOf,
  saleOf,
  salesInFlight,
  salesInFlightCount,
  salesOfShift,
  salesOpenedBetween,
  salesOwingCash,
  trainingOf,
} from './sale-reads'
export type { LineRow, SaleRow } from './sale-rows'
export { copyShadowSale, localSaleOrigin, releaseSoldCodes, shadowRefundReported, shadowSoldUploads, unreportedShadowRefunds } from './shadow-sales'
