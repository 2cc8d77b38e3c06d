/** Other concerns reach the audit concern only through this file (eslint.config.js, INDEXED_CONCERNS). */
export { formatHead } from './audit-anchor'
export { advanceAnchor, checkAudit } from './audit-check'
export { AuditStore } from './audit-store'
export type { AuditTrail } from './audit-trail'
