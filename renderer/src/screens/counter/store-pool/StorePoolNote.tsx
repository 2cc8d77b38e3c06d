import type { OfflineQuote } from '../../../../../shared/contract/offline/schemas'
import { defineMessages } from '../../../i18n'

const useStorePoolMessages = defineMessages(
  {
    store: '离线垫付按全店 {n} 个收银台合计的上限 {limit} 元核对（门店服务器已应答）',
    share: '门店服务器无法连接：本收银台按固定份额 {limit} 元垫付（全店上限 ÷ {n} 个收银台）',
  },
  {
    store: 'Offline advances are checked against the store-wide limit of {limit} yuan across its {n} counters (the store server answered)',
    share: "The store server cannot be reached: this counter advances within its fixed share of {limit} yuan (the store's limit ÷ {n} counters)",
  },
)

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
