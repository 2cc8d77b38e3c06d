/** Other concerns reach the devices concern only through this file (eslint.config.js, INDEXED_CONCERNS). */
export type { PrintService } from './printer/print-service'
