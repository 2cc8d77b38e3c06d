import { PosError } from '../../../../shared/contract'
import { STORE_SETTINGS_KEYS, type StoreSettingsKey } from '../../../../shared/contract/sync/master-data'
import type { Settings, SettingsPatch } from '../../../../shared/contract'
import type { Db } from '../../../base/store/database'
import { MasterStore } from './master-store'

/** What a counter in store mode may not change on its own, as the refusal names it. */
export type MasterDataThing = 'settings' | 'users' | 'catalog' | 'secret' | 'offline'

const WHAT: Record<MasterDataThing, string> = {
  settings: '机构与平台设置',
  users: '用户与密码',
  catalog: '商品目录与价格',
  secret: '医保平台接入密钥',
  offline: '离线限额与统筹政策',
}

/**
 * Store mode (paired with a store node): master data is the store's, kept by its change log, and this counter
 * applies it read-only. A local edit would be overwritten at the next pull and differ from every other
 * counter meanwhile, so it is refused with nothing changed; the manager publishes the change instead.
 */
export function refuseInStoreMode(db: Db, thing: MasterDataThing): void {
  if (!new MasterStore(db).paired()) return
  throw new PosError(
    'MASTER_DATA_READ_ONLY',
    `门店模式下${WHAT[thing]}由门店统一维护，本收银台不能单独修改：请店长发布到门店服务器（publishMasterData），每台收银台会在下次同步时更新`,
  )
}

/** The store's settings among a patch that would change them; the counter's own settings pass. */
export function refuseStoreSettingsInStoreMode(db: Db, before: Settings, patch: SettingsPatch): void {
  const touched = (Object.keys(patch) as (keyof Settings)[]).filter(
    (k) => STORE_SETTINGS_KEYS.includes(k as StoreSettingsKey) && JSON.stringify(patch[k]) !== JSON.stringify(before[k]),
  )
  if (touched.length > 0) refuseInStoreMode(db, 'settings')
}
