import type { PoolClient } from 'pg'
import { CHAIN_SETTINGS_KEYS, HQ_OWNED_KINDS } from '../../../shared/contract/sync/hq-master'
import type { ProposedChange } from '../change-log/change-log'
import { formatYuan, fromFen } from '../../../shared/money/money'
import { StoreNodeError } from '../errors'
import { chainPriceAt, hqPublished, linkedWithHq, storePricesAfter } from './hq-owned-store'

const yuanText = (fen: number) => formatYuan(fromFen(fen))

const WHAT: Record<(typeof HQ_OWNED_KINDS)[number], string> = {
  catalog: '商品目录',
  offline_limits: '离线收款限额',
  region_policy: '地区离线政策',
}

const owned = (words: string) => new StoreNodeError('MASTER_DATA_HQ_OWNED', `${words}，由连锁总部统一下发，门店不能自行修改；如需调整请联系总部`)

/**
 * The store's side of "who owns what" once it is paired with its head office (store-node.md, "Master data from
 * HQ"): a store's manager may not publish what HQ owns, and nothing is appended. Before the store is paired
 * everything stays the store's own, as it was.
 */
export async function refuseHqOwned(db: PoolClient, storeId: string, change: ProposedChange): Promise<void> {
  if (!(await linkedWithHq(db, storeId))) return
  switch (change.kind) {
    case 'catalog':
    case 'offline_limits':
    case 'region_policy':
      throw owned(WHAT[change.kind])
    case 'settings': {
      const chain = Object.keys(change.body).filter((k) => (CHAIN_SETTINGS_KEYS as readonly string[]).includes(k))
      if (chain.length > 0) throw owned(`设置项 ${chain.join('、')}`)
      return
    }
    case 'user':
      if (await hqPublished(db, storeId, 'user', change.body.id)) throw owned(`用户 ${change.body.id}`)
      return
    case 'price': {
      // A store may mark an item down from the chain's price, never up, and only once the chain has priced it.
      const chain = await chainPriceAt(db, storeId, change.body.store_code, new Date(change.body.valid_from))
      const code = change.body.store_code
      if (chain === undefined)
        throw new StoreNodeError('MASTER_DATA_HQ_OWNED', `商品 ${code} 在该时间还没有总部价格：连锁门店的售价由总部下发，门店只能在总部价格之下调价，未发布`)
      if (change.body.price_fen > chain)
        throw new StoreNodeError(
          'MASTER_DATA_HQ_OWNED',
          `商品 ${code} 此时的总部售价为 ${yuanText(chain)} 元，门店只能在此之下调价（${yuanText(change.body.price_fen)} 元高于总部价），未发布`,
        )
      return
    }
    case 'secret':
      return
  }
}

/**
 * A chain price arriving at the store (in the transaction that copies it): a store markdown dated after it that is
 * now above the chain's price in force at its moment would hold over the chain's price, so it is capped by an entry
 * of HQ's at the same moment (the counters keep the newest entry of a moment). Answers those entries; a replay finds
 * them already capped.
 */
export async function capsFor(
  db: PoolClient,
  storeId: string,
  price: { store_code: string; valid_from: string },
): Promise<{ store_code: string; price_fen: number; valid_from: string }[]> {
  const caps = []
  for (const own of await storePricesAfter(db, storeId, price.store_code, new Date(price.valid_from))) {
    const chain = await chainPriceAt(db, storeId, price.store_code, new Date(own.valid_from))
    if (chain !== undefined && own.price_fen > chain) caps.push({ store_code: price.store_code, price_fen: chain, valid_from: own.valid_from })
  }
  return caps
}
