/** Other concerns reach the shift concern only through this file (eslint.config.js, INDEXED_CONCERNS). */
export { SALES_WITH_SHIFT, SHIFT_TABLES } from './shift-migration'
