export const MANAGER_CALLS = [
  'managerDay',
  'managerDrill',
  'reconcileDay',
  'reconciliationOf',
  'resolveDifference',
  'closeDay',
  'zReport',
  'printZReport',
  'monthStatement',
  'exportReport',
  'pendingItems',
  'verifyAudit',
  'auditEntries',
] as const
export const MANAGER_EVENTS = ['managerDayChanged'] as const
