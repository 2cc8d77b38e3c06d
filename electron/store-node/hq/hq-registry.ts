import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import type { Pool } from 'pg'
import type { HqRegistration, HqSource } from '../../../shared/contract/sync/hq'
import type { Clock } from '../../base/clock'
import { StoreNodeError } from '../errors'
import { inTransaction } from '../migrations'
import { oneTimeCode, sha256 } from '../registry'
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
    await this.pool.query('INSERT INTO hq_pairing_codes (code_sha256, store_id, name, admdvs, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      sha256(code),
      storeId,
      name,
      admdvs,
      now,
      expiresAt,
    ])
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
        const spent = await client.query<{ store_id: string; name: string; admdvs: string }>(
          'UPDATE hq_pairing_codes SET used_at = $2 WHERE code_sha256 = $1 AND used_at IS NULL AND expires_at > $2 RETURNING store_id, name, admdvs',
          [sha256(code), now],
        )
        const c = spent.rows[0]
        if (!c) throw new StoreNodeError('PAIRING_CODE_INVALID', '总部配对码无效、已过期或已被使用，请总部重新生成')
        if (c.store_id !== storeId) throw new StoreNodeError('STORE_MISMATCH', `这个配对码是总部为机构 ${c.store_id} 生成的，不是 ${storeId}`)
        await client.query('INSERT INTO stores (store_id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT (store_id) DO UPDATE SET name = excluded.name', [
          storeId,
          c.name,
          now,
        ])
        const held = await client.query('SELECT 1 FROM hq_stores WHERE store_id = $1 FOR UPDATE', [storeId])
        if (held.rowCount) throw new StoreNodeError('ALREADY_PAIRED', `机构 ${storeId} 已与总部配对`)
        const storeUid = randomUUID()
        const key = randomBytes(32).toString('base64url')
        await client.query('INSERT INTO hq_stores (store_uid, store_id, admdvs, key_sha256, paired_at) VALUES ($1, $2, $3, $4, $5)', [
          storeUid,
          storeId,
          c.admdvs,
          sha256(key),
          now,
        ])
        await client.query(
          'INSERT INTO terminals (terminal_uid, store_id, terminal_no, label, key_sha256, paired_at, hq_store_uid) VALUES ($1, $2, 0, $3, NULL, $4, $1)',
          [storeUid, storeId, '门店服务器', now],
        )
        await client.query('UPDATE hq_pairing_codes SET store_uid = $2 WHERE code_sha256 = $1', [sha256(code), storeUid])
        return { store_uid: storeUid, store_id: storeId, admdvs: c.admdvs, pairing_key: key }
      })
    } finally {
      client.release()
    }
  }

  /** Refuses unless `key` is the one handed to this store at pairing. */
  async authenticate(storeUid: string, key: string): Promise<HqStore> {
    const r = await this.pool.query<{ key_sha256: Buffer; store_id: string }>('SELECT key_sha256, store_id FROM hq_stores WHERE store_uid = $1', [storeUid])
    const row = r.rows[0]
    if (!row || !timingSafeEqual(row.key_sha256, sha256(key))) throw new StoreNodeError('UNAUTHORIZED', '门店身份验证失败，请与总部重新配对')
    return { storeUid, storeId: row.store_id }
  }

  /**
   * Mirrors a source of the store's rows (a counter, or the store node itself as 00) into `terminals`
   * without a key, so ingestion and the day read work at HQ as at the store. A terminal already held for
   * another store is refused: one store's push never writes into another's facts.
   */
  async mirror(store: HqStore, source: HqSource): Promise<void> {
    if ((source.terminal_no === 0) !== (source.terminal_uid === store.storeUid))
      throw new StoreNodeError('STORE_MISMATCH', '门店服务器自身的数据须以门店编号 00 上传，收银台的数据须以其 01–99 号上传')
    const r = await this.pool.query(
      `INSERT INTO terminals (terminal_uid, store_id, terminal_no, label, key_sha256, paired_at, hq_store_uid) VALUES ($1, $2, $3, $4, NULL, $5, $6)
       ON CONFLICT (terminal_uid) DO UPDATE SET label = excluded.label WHERE terminals.hq_store_uid = excluded.hq_store_uid AND terminals.terminal_no = excluded.terminal_no
       RETURNING 1`,
      [source.terminal_uid, store.storeId, source.terminal_no, source.label, new Date(source.paired_at), store.storeUid],
    )
    if (r.rowCount === 0) throw new StoreNodeError('STORE_MISMATCH', `收银台 ${source.terminal_uid} 在总部登记于另一门店或另一编号，整批未保存`)
  }

  async touched(storeUid: string): Promise<void> {
    await this.pool.query('UPDATE hq_stores SET last_push_at = $2 WHERE store_uid = $1', [storeUid, this.clock.now()])
  }

  /**
   * The store says it had nothing unsent at `at` (its clock): believed only if HQ holds every source it
   * names up to the seq given, and capped at HQ's own clock.
   */
  async caughtUp(store: HqStore, at: Date, through: readonly { terminal_uid: string; acked_seq: number }[]): Promise<Date | null> {
    const now = this.clock.now()
    const when = at < now ? at : now
    const r = await this.pool.query<{ reported_through: Date | null }>(
      `UPDATE hq_stores SET reported_through = CASE
         WHEN NOT EXISTS (
           SELECT 1 FROM unnest($3::uuid[], $4::bigint[]) AS g(uid, seq)
           LEFT JOIN terminals t ON t.terminal_uid = g.uid AND t.hq_store_uid = $1
           WHERE t.terminal_uid IS NULL OR t.acked_seq < g.seq)
         AND (reported_through IS NULL OR reported_through < $2) THEN $2 ELSE reported_through END
       WHERE store_uid = $1 RETURNING reported_through`,
      [store.storeUid, when, through.map((t) => t.terminal_uid), through.map((t) => t.acked_seq)],
    )
    await freshStatistics(this.pool)
    return r.rows[0]?.reported_through ?? null
  }
}
