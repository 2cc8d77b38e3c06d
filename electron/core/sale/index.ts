/** Other concerns reach the sale concern only through this file (eslint.config.js, INDEXED_CONCERNS). */
export { cstDateTime, cstDay, cstDayRange } from './cst'
export { MemberRegistry } from './member-registry'
export { receiptLinesOf, receiptOf } from './receipt'
export { noteRefundedElsewhere } from './refunded-elsewhere-store'
export { refusedIfRefundedElsewhere } from './refunded-elsewhere'
export { settlementInput } from './wire'
