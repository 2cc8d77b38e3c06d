/** Other concerns reach the stock concern only through this file (eslint.config.js, INDEXED_CONCERNS). */
export type { SaleStock } from './counter-stock'
