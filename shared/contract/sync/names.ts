export const SYNC_CALLS = [
  'pairWithStoreNode',
  'syncStatus',
  'unpairStoreNode',
  'storeDay',
  'reconcileStore',
  'explainStoreDifference',
  'reverseStoreOrphan',
  'closeStoreDay',
  'storeZReports',
  'storeMonthStatement',
  'publishMasterData',
  'masterDataStatus',
] as const
export const SYNC_EVENTS = [] as const
