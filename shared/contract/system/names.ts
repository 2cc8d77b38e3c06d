export const SYSTEM_CALLS = [
  'appInfo',
  'getSettings',
  'updateSettings',
  'setLocale',
  'setPlatformSecret',
  'checkPlatformConnection',
  'checkCredentialSource',
] as const
export const SYSTEM_EVENTS = ['settingsChanged'] as const
