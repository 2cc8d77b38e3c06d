/** Other concerns reach the transport concern only through this file (eslint.config.js, INDEXED_CONCERNS). */
export type { Caller, Logger } from './dispatcher'
