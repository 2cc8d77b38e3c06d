import type { Pool } from 'pg'
import type { HqFigures, HqReport } from '../../../shared/contract/sync/hq'
import { fromFen } from '../../../shared/money/money'
import { storeItems, type StoreItem } from '../store-day/items'
import { Tally } from '../store-day/side'
import { chainStores } from './reports-store'

/** The chain's stores as HQ registered them. */
export interface ChainStore {
  storeId: string
  name: string
  admdvs: string
}

/** Insured outside the store's province: the first two digits of the insured place differ from the store's region's. */
export const crossProvince = (item: StoreItem, store: ChainStore) =>
  item.platform !== null && item.insuplc !== null && item.insuplc.slice(0, 2) !== store.admdvs.slice(0, 2)

/** A store day's figures with their cross-province part; added with the store day's own rules (`store-day/side.ts`). */
class ChainTally {
  readonly all = new Tally()
  readonly cross = new Tally()

  add(item: StoreItem, store: ChainStore): void {
    this.all.add(item)
    if (crossProvince(item, store)) this.cross.add(item)
  }

  figures(): HqFigures {
    const c = this.cross
    return {
      ...this.all.figures(),
      crossProvince: { insuredCount: c.insuredCount, medical: fromFen(c.fen.medical).toFixed(2), mutualAid: fromFen(c.fen.mutualAid).toFixed(2) },
    }
  }
}

class Groups<K extends string> {
  private readonly m = new Map<K, ChainTally>()
  at(k: K): ChainTally {
    let t = this.m.get(k)
    if (!t) this.m.set(k, (t = new ChainTally()))
    return t
  }
  sorted(): [K, HqFigures][] {
    return [...this.m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, t]) => [k, t.figures()])
  }
}

/** The CST days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = []
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10))
  return out
}

/**
 * HQ's consolidated report over a range of days: every store's day read from the facts it pushed up with
 * the store day's own rules (`storeItems`, the store node's own entries read from its synced facts), then
 * added per store, region, day, month and insurance type. Each store day here is what that store's own day
 * shows, so the chain's figures are the sum of its stores' days.
 */
export async function chainReport(pool: Pool, from: string, to: string, storeIds?: readonly string[]): Promise<HqReport> {
  const total = new ChainTally()
  const byStore = new Groups<string>()
  const byRegion = new Groups<string>()
  const byDay = new Groups<string>()
  const byMonth = new Groups<string>()
  const byInsutype = new Groups<string>()
  const byStoreDay = new Groups<string>()
  const stores = await chainStores(pool, storeIds)
  const days = daysBetween(from, to)
  for (const store of stores) {
    // A quiet store, and its region, show at zero rather than not at all.
    byStore.at(store.storeId)
    byRegion.at(store.admdvs)
    for (const day of days) {
      for (const item of await storeItems(pool, store.storeId, day, 'synced')) {
        total.add(item, store)
        byStore.at(store.storeId).add(item, store)
        byRegion.at(store.admdvs).add(item, store)
        byDay.at(day).add(item, store)
        byMonth.at(day.slice(0, 7)).add(item, store)
        byInsutype.at(item.platform?.insutype ?? '').add(item, store)
        byStoreDay.at(`${store.storeId}|${day}`).add(item, store)
      }
    }
  }
  const named = new Map(stores.map((s) => [s.storeId, s]))
  return {
    from,
    to,
    total: total.figures(),
    byStore: byStore.sorted().map(([storeId, figures]) => ({ storeId, name: named.get(storeId)!.name, admdvs: named.get(storeId)!.admdvs, figures })),
    byRegion: byRegion.sorted().map(([admdvs, figures]) => ({ admdvs, figures })),
    byDay: byDay.sorted().map(([day, figures]) => ({ day, figures })),
    byMonth: byMonth.sorted().map(([month, figures]) => ({ month, figures })),
    byInsutype: byInsutype.sorted().map(([insutype, figures]) => ({ insutype: insutype || null, figures })),
    byStoreDay: byStoreDay.sorted().map(([k, figures]) => {
      const [storeId, day] = k.split('|')
      return { storeId, day, figures }
    }),
  }
}
