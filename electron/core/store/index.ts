/** Other concerns reach the store concern only through this file (eslint.config.js, INDEXED_CONCERNS). */
export { SYNCED, snapshotOf, triggers } from './migrations/0200_sync_outbox'
export type { Synced } from './migrations/0200_sync_outbox'
export { SYNCED_0330 } from './migrations/0330_stock_uploads'
export { SALE_LINES_0345 } from './migrations/0345_outbox_sale_line_lots'
