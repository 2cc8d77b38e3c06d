export const OFFLINE_CALLS = [
  'connectivityStatus',
  'forwardNow',
  'identifyOffline',
  'quoteOffline',
  'settleOffline',
  'offlineSales',
  'offlineSale',
  'resolveOffline',
  'reissueHeldOffline',
  'printOfflineReceipt',
  'offlineSettings',
  'setOfflineSettings',
  'offlinePolicies',
  'setOfflinePolicy',
] as const
export const OFFLINE_EVENTS = ['connectivity', 'offlineSaleChanged'] as const
