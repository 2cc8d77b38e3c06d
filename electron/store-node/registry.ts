import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto'
import type { Pool } from 'pg'
import type { Registration } from '../../shared/contract/sync/wire'
import type { Clock } from '../base/clock'
import { StoreNodeError } from './errors'
import { inTransaction } from './migrations'

const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'
const CODE_LIFETIME_MS = 24 * 3600_000

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest()

/** A one-time code a manager types on the other side: 10 characters without look-alikes (no I, O). */
export const oneTimeCode = () => Array.from({ length: 10 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')

/** The store node's terminal registry: institutions, one-time pairing codes, counters and their keys. */
export class TerminalRegistry {
  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
  ) {}

  /** Registers an institution this node serves (idempotent: the name is updated). */
  async addStore(storeId: string, name: string): Promise<void> {
    await this.pool.query('INSERT INTO stores (store_id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT (store_id) DO UPDATE SET name = excluded.name', [
      storeId,
      name,
      this.clock.now(),
    ])
  }

  /** The manager's "add a counter": a code the new counter shows once, valid for a day. */
  async newPairingCode(storeId: string, label: string): Promise<{ code: string; expiresAt: Date }> {
    const code = oneTimeCode()
    const now = this.clock.now()
    const expiresAt = new Date(now.getTime() + CODE_LIFETIME_MS)
    const r = await this.pool.query(
      'INSERT INTO pairing_codes (code_sha256, store_id, label, created_at, expires_at) SELECT $1, store_id, $3, $4, $5 FROM stores WHERE store_id = $2',
      [sha256(code), storeId, label, now, expiresAt],
    )
    if (r.rowCount === 0) throw new StoreNodeError('STORE_UNKNOWN', `门店服务器未登记机构 ${storeId}`)
    return { code, expiresAt }
  }

  /**
   * Spends the code and registers the counter under the lowest free number of its institution, all in
   * one transaction: a second use of the code, or a full store, changes nothing. The store row is locked
   * so two counters pairing at once are numbered one after the other; the unique (store_id,
   * terminal_no) constraint stands behind that.
   */
  async pair(code: string, label: string): Promise<Registration> {
    const client = await this.pool.connect()
    try {
      return await inTransaction(client, async () => {
        const now = this.clock.now()
        const spent = await client.query<{ store_id: string; label: string }>(
          'UPDATE pairing_codes SET used_at = $2 WHERE code_sha256 = $1 AND used_at IS NULL AND expires_at > $2 RETURNING store_id, label',
          [sha256(code), now],
        )
        if (spent.rowCount === 0) throw new StoreNodeError('PAIRING_CODE_INVALID', '配对码无效、已过期或已被使用，请店长重新生成')
        const storeId = spent.rows[0].store_id
        await client.query('SELECT 1 FROM stores WHERE store_id = $1 FOR UPDATE', [storeId])
        const free = await client.query<{ n: number }>(
          'SELECT n FROM generate_series(1, 99) AS n WHERE NOT EXISTS (SELECT 1 FROM terminals WHERE store_id = $1 AND terminal_no = n) ORDER BY n LIMIT 1',
          [storeId],
        )
        if (free.rowCount === 0) throw new StoreNodeError('STORE_FULL', `机构 ${storeId} 的 99 个收银台编号已全部分配`)
        const terminalUid = randomUUID()
        const pairingKey = randomBytes(32).toString('base64url')
        await client.query('INSERT INTO terminals (terminal_uid, store_id, terminal_no, label, key_sha256, paired_at) VALUES ($1, $2, $3, $4, $5, $6)', [
          terminalUid,
          storeId,
          free.rows[0].n,
          spent.rows[0].label || label,
          sha256(pairingKey),
          now,
        ])
        await client.query('UPDATE pairing_codes SET terminal_uid = $2 WHERE code_sha256 = $1', [sha256(code), terminalUid])
        return { store_id: storeId, terminal_uid: terminalUid, terminal_no: free.rows[0].n, pairing_key: pairingKey }
      })
    } finally {
      client.release()
    }
  }

  /** The institution a registered terminal belongs to. */
  async storeOf(terminalUid: string): Promise<string> {
    const r = await this.pool.query<{ store_id: string }>('SELECT store_id FROM terminals WHERE terminal_uid = $1', [terminalUid])
    if (!r.rows[0]) throw new StoreNodeError('UNAUTHORIZED', '此收银台未在门店服务器登记')
    return r.rows[0].store_id
  }

  /** Refuses unless `key` is the one handed to this terminal at pairing. */
  async authenticate(terminalUid: string, key: string): Promise<void> {
    const r = await this.pool.query<{ key_sha256: Buffer }>('SELECT key_sha256 FROM terminals WHERE terminal_uid = $1', [terminalUid])
    const expected = r.rows[0]?.key_sha256
    if (!expected || !timingSafeEqual(expected, sha256(key))) throw new StoreNodeError('UNAUTHORIZED', '收银台身份验证失败，请重新配对')
  }
}
