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
