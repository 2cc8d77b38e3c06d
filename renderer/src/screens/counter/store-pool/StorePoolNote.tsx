import type { OfflineQuote } from '../../../../../shared/contract/offline/schemas'
import { useStorePoolMessages } from './messages'

/** Store mode: which check the offline advance went through — the store's one pool, or this counter's share of it. */
export function StorePoolNote({ pool }: { pool: OfflineQuote['storePool'] }) {
  const m = useStorePoolMessages()
  if (!pool) return null
  return (
    <p className={pool.scope === 'store' ? 'muted small' : 'notice notice-warn'} data-testid="offline-store-pool" data-scope={pool.scope}>
      {m(pool.scope, { limit: pool.limit, n: pool.counters })}
    </p>
  )
}

/** Store mode: whether the person's account and quota were counted less the other counters' offline promises, or at this counter's share. */
export function StorePromisesNote({ promises }: { promises: OfflineQuote['storePromises'] }) {
  const m = useStorePoolMessages()
  if (!promises) return null
  return (
    <p className={promises.scope === 'store' ? 'muted small' : 'notice notice-warn'} data-testid="offline-store-promises" data-scope={promises.scope}>
      {m(promises.scope === 'store' ? 'promisesStore' : 'promisesShare', { n: promises.counters })}
    </p>
  )
}
