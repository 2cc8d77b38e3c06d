import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto'
import type { Pool, PoolClient } from 'pg'
import type { Registration } from '../../shared/contract/sync/wire'
import type { Clock } from '../base/clock'
import { StoreNodeError } from './errors'
import { inTransaction } from './migrations'
import * as store from './registry-store'

const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'
export const CODE_LIFETIME_MS = 24 * 3600_000

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest()

/** A one-time code a manager types on the other side: 10 characters without look-alikes (no I, O). */
export const oneTimeCode = () => Array.from({ length: 10 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')

/**
 * A blocked counter re-paired (store-node.md "Re-pairing a blocked counter"): the old identity is retired (its
 * key refused, its number kept so a PC still running under it offline cannot collide with anyone's msgids),
 * and its rows are handed to the new one, whose full re-send then wins row by row.
 */
async function replace(client: PoolClient, old: string, by: string, byNo: number, now: Date): Promise<void> {
  await store.retireTerminal(client, old, now, `re-paired as ${String(byNo).padStart(2, '0')}`, by)
  await store.handOverRows(client, old, by)
}

/** The store node's terminal registry: institutions, one-time pairing codes, counters and their keys. */
export class TerminalRegistry {
  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
  ) {}

  /** Registers an institution this node serves (idempotent: the name is updated). */
  async addStore(storeId: string, name: string): Promise<void> {
    await store.upsertStore(this.pool, storeId, name, this.clock.now())
  }

  /** The manager's "add a counter": a code the new counter shows once, valid for a day. */
  async newPairingCode(storeId: string, label: string): Promise<{ code: string; expiresAt: Date }> {
    const code = oneTimeCode()
    const now = this.clock.now()
    const expiresAt = new Date(now.getTime() + CODE_LIFETIME_MS)
    if (!(await store.insertPairingCode(this.pool, sha256(code), storeId, label, now, expiresAt)))
      throw new StoreNodeError('STORE_UNKNOWN', `门店服务器未登记机构 ${storeId}`)
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
        const spent = await store.spendPairingCode(client, sha256(code), now)
        if (!spent) throw new StoreNodeError('PAIRING_CODE_INVALID', '配对码无效、已过期或已被使用，请店长重新生成')
        const storeId = spent.store_id
        await store.lockStore(client, storeId)
        const terminalNo = await store.lowestFreeTerminalNo(client, storeId)
        if (terminalNo === undefined) throw new StoreNodeError('STORE_FULL', `机构 ${storeId} 的 99 个收银台编号已全部分配`)
        const terminalUid = randomUUID()
        const pairingKey = randomBytes(32).toString('base64url')
        await store.insertTerminal(client, { terminalUid, storeId, terminalNo, label: spent.label || label, keySha256: sha256(pairingKey), at: now })
        await store.tiePairingCode(client, sha256(code), terminalUid)
        if (spent.replaces) await replace(client, spent.replaces, terminalUid, terminalNo, now)
        return { store_id: storeId, terminal_uid: terminalUid, terminal_no: terminalNo, pairing_key: pairingKey }
      })
    } finally {
      client.release()
    }
  }

  /** The institution a registered terminal belongs to. */
  async storeOf(terminalUid: string): Promise<string> {
    const storeId = await store.storeOfTerminal(this.pool, terminalUid)
    if (storeId === undefined) throw new StoreNodeError('UNAUTHORIZED', '此收银台未在门店服务器登记')
    return storeId
  }

  /** Refuses a terminal whose sync was stopped: its key may be a clone's, so it manages no counters. */
  async refuseBlocked(terminalUid: string): Promise<void> {
    if (await store.terminalBlocked(this.pool, terminalUid))
      throw new StoreNodeError('TERMINAL_BLOCKED', '此收银台的同步已被停止（疑似复制的数据目录），不能管理门店收银台，请在另一台收银台操作')
  }

  /** Refuses unless `key` is the one handed to this terminal at pairing. */
  async authenticate(terminalUid: string, key: string): Promise<void> {
    const expected = await store.terminalKeyHash(this.pool, terminalUid)
    if (!expected || !timingSafeEqual(expected, sha256(key))) throw new StoreNodeError('UNAUTHORIZED', '收银台身份验证失败，请重新配对')
  }
}
