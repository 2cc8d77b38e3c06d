import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import type { Pool } from 'pg'
import type { HqRegistration, HqSource } from '../../../shared/contract/sync/hq'
import type { Clock } from '../../base/clock'
import { StoreNodeError } from '../errors'
import { inTransaction } from '../migrations'
import { oneTimeCode, sha256 } from '../registry'
import { upsertStore } from '../registry-store'
import * as store from './hq-registry-store'
import { freshStatistics } from '../statistics-store'

const CODE_LIFETIME_MS = 7 * 24 * 3600_000

/** A store as HQ knows it once its key is checked. */
export interface HqStore {
  storeUid: string
  storeId: string
}

/**
 * HQ's registry of the chain's stores, as the store node's registry is of its counters: the head office
 * registers a store (its institution code, name and region) and gets a one-time code; the store node pairs
 * with it and HQ allocates the store's id (`store_uid`) and a key it keeps only as a hash.
 */
export class HqRegistry {
  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
  ) {}

  /** The head office's "add a store": a code the store node's manager types once, valid a week. */
  async newPairingCode(storeId: string, name: string, admdvs: string): Promise<{ code: string; expiresAt: Date }> {
    const code = oneTimeCode()
    const now = this.clock.now()
    const expiresAt = new Date(now.getTime() + CODE_LIFETIME_MS)
    await store.insertHqPairingCode(this.pool, { codeSha256: sha256(code), storeId, name, admdvs, at: now, expiresAt })
    return { code, expiresAt }
  }

  /**
   * Spends the code and registers the store, in one transaction: a code made for another institution, a
   * spent or expired one, or a store already paired changes nothing. The store node's own facts get their
   * source here: terminal 00 of the store, under the store's id.
   */
  async pair(code: string, storeId: string): Promise<HqRegistration> {
    const client = await this.pool.connect()
    try {
      return await inTransaction(client, async () => {
        const now = this.clock.now()
        const c = await store.spendHqPairingCode(client, sha256(code), now)
        if (!c) throw new StoreNodeError('PAIRING_CODE_INVALID', '总部配对码无效、已过期或已被使用，请总部重新生成')
        if (c.store_id !== storeId) throw new StoreNodeError('STORE_MISMATCH', `这个配对码是总部为机构 ${c.store_id} 生成的，不是 ${storeId}`)
        await upsertStore(client, storeId, c.name, now)
        if (await store.lockHqStore(client, storeId)) throw new StoreNodeError('ALREADY_PAIRED', `机构 ${storeId} 已与总部配对`)
        const storeUid = randomUUID()
        const key = randomBytes(32).toString('base64url')
        await store.insertHqStore(client, { storeUid, storeId, admdvs: c.admdvs, keySha256: sha256(key), codeSha256: sha256(code), at: now })
        return { store_uid: storeUid, store_id: storeId, admdvs: c.admdvs, pairing_key: key }
      })
    } finally {
      client.release()
    }
  }

  /** Refuses unless `key` is the one handed to this store at pairing. */
  async authenticate(storeUid: string, key: string): Promise<HqStore> {
    const row = await store.hqStoreKey(this.pool, storeUid)
    if (!row || !timingSafeEqual(row.key_sha256, sha256(key))) throw new StoreNodeError('UNAUTHORIZED', '门店身份验证失败，请与总部重新配对')
    return { storeUid, storeId: row.store_id }
  }

  /**
   * Mirrors a source of the store's rows (a counter, or the store node itself as 00) into `terminals`
   * without a key, so ingestion and the day read work at HQ as at the store. A terminal already held for
   * another store is refused: one store's push never writes into another's facts.
   */
  async mirror(hqStore: HqStore, source: HqSource): Promise<void> {
    if ((source.terminal_no === 0) !== (source.terminal_uid === hqStore.storeUid))
      throw new StoreNodeError('STORE_MISMATCH', '门店服务器自身的数据须以门店编号 00 上传，收银台的数据须以其 01–99 号上传')
    const mirrored = await store.mirrorSource(this.pool, {
      terminalUid: source.terminal_uid,
      storeId: hqStore.storeId,
      terminalNo: source.terminal_no,
      label: source.label,
      pairedAt: new Date(source.paired_at),
      storeUid: hqStore.storeUid,
    })
    if (!mirrored) throw new StoreNodeError('STORE_MISMATCH', `收银台 ${source.terminal_uid} 在总部登记于另一门店或另一编号，整批未保存`)
  }

  async touched(storeUid: string): Promise<void> {
    await store.touchHqStore(this.pool, storeUid, this.clock.now())
  }

  /**
   * The store says it had nothing unsent at `at` (its clock): believed only if HQ holds every source it
   * names up to the seq given, and capped at HQ's own clock.
   */
  async caughtUp(hqStore: HqStore, at: Date, through: readonly { terminal_uid: string; acked_seq: number }[]): Promise<Date | null> {
    const now = this.clock.now()
    const when = at < now ? at : now
    const reportedThrough = await store.raiseHqReportedThrough(this.pool, hqStore.storeUid, when, through)
    await freshStatistics(this.pool)
    return reportedThrough
  }
}
