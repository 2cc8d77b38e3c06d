/** Other concerns reach the session concern only through this file (eslint.config.js, INDEXED_CONCERNS). */
export { hashPin } from './pin-hash'
export type { SessionService } from './session-service'
export { UserStore, userName } from './user-store'
