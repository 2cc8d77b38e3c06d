import { PosError } from '../../../../shared/contract'
import { STORE_SETTINGS_KEYS, type StoreSettingsKey } from '../../../../shared/contract/sync/master-data'
import type { Settings, SettingsPatch } from '../../../../shared/contract'
import type { Db } from '../../../base/store/database'
import { MasterStore } from './master-store'

/** What a counter in store mode may not change on its own, as the refusal names it. */
export type MasterDataThing = 'settings' | 'users' | 'catalog' | 'secret' | 'offline'

/**
 * Store mode (paired with a store node): master data is the store's, kept by its change log, and this counter
 * applies it read-only. A local edit would be overwritten at the next pull and differ from every other
 * counter meanwhile, so it is refused with nothing changed; the manager publishes the change instead.
 */
export function refuseInStoreMode(db: Db, thing: MasterDataThing): void {
  if (!new MasterStore(db).paired()) return
  throw new PosError('MASTER_DATA_READ_ONLY', { thing })
}

/** The store's settings among a patch that would change them; the counter's own settings pass. */
export function refuseStoreSettingsInStoreMode(db: Db, before: Settings, patch: SettingsPatch): void {
  const touched = (Object.keys(patch) as (keyof Settings)[]).filter(
    (k) => STORE_SETTINGS_KEYS.includes(k as StoreSettingsKey) && JSON.stringify(patch[k]) !== JSON.stringify(before[k]),
  )
  if (touched.length > 0) refuseInStoreMode(db, 'settings')
}
