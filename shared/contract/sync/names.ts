export const SYNC_CALLS = ['pairWithStoreNode', 'syncStatus', 'unpairStoreNode'] as const
export const SYNC_EVENTS = [] as const
