import { createHash, randomUUID } from 'node:crypto'
import type { Pool, PoolClient } from 'pg'
import { CATALOG_CHUNK_BYTES, type MasterKind, type MasterOrigin } from '../../../shared/contract/sync/master-data'
import type { z } from 'zod'
import type { catalogBeginRequestSchema, publishBodySchema } from '../../../shared/contract/sync/master-data'
import type { Clock } from '../../base/clock'
import { counterSealKey, openText, sealText } from '../../base/sealed-secret'
import { StoreNodeError } from '../errors'
import { inTransaction } from '../migrations'
import { appendEntry, catalogEntrySeq, catalogFile, chunk, chunkNumbers, entriesAfter, insertCatalogFile, markCommitted, putChunk } from './change-log-store'

type Publish = z.infer<typeof publishBodySchema>
type CatalogBegin = z.infer<typeof catalogBeginRequestSchema>

/** Who changes master data: the counter a manager used, and the manager; or the head office, for a store or (storeId null) the chain. */
export interface Author {
  storeId: string | null
  terminalUid: string | null
  actor: string
  /** Absent: the store's own. */
  origin?: MasterOrigin
  /** A store's copy of HQ's entry: HQ's seq (held once however often it is pulled). */
  hqSeq?: number
}

/** A change as the log is asked to take it, before its key is worked out; a catalog generation is told by its list. */
export type ProposedChange = Publish | { kind: 'catalog'; body: { list: CatalogBegin['list'] } }

/**
 * Refuses (throws) a store's own change to master data its head office owns; runs in the append's transaction,
 * so an entry from HQ arriving meanwhile is seen. Never asked about HQ's own entries.
 */
export type OwnershipGuard = (db: PoolClient, storeId: string, change: ProposedChange) => Promise<void>

/** Work the caller does in the same transaction as the append (a store's cursor of HQ's log). */
export type AlsoInTransaction = (client: PoolClient, seq: number) => Promise<void>

/** The key `kind`'s entries replace one another by: the newest entry of a (kind, key) is what holds. */
export function keyOf(c: Publish): string {
  switch (c.kind) {
    case 'settings':
      return 'store'
    case 'user':
      return c.body.id
    case 'secret':
      return 'platform'
    case 'offline_limits':
      return 'store'
    case 'region_policy':
      return c.body.admdvs
    case 'price':
      return `${c.body.store_code.toUpperCase()}@${c.body.valid_from}`
  }
}

/**
 * The store's master data as an append-only log (store-node.md §5.4), the module the counters pull from and
 * an HQ node can publish into in turn: `append` for any writer, `pull` for a subscriber with its cursor.
 * The platform secret is sealed at rest with `sealKey` (the store node's own, outside PostgreSQL) and sealed
 * again for each counter that pulls it with a key derived from that counter's pairing key.
 */
export class ChangeLog {
  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
    private readonly sealKey: Buffer,
    /** A store paired with HQ: what its own managers may not change (hq/hq-owned.ts). */
    private readonly guard?: OwnershipGuard,
  ) {}

  private async guarded(client: PoolClient, author: Author, change: ProposedChange): Promise<void> {
    if (this.guard && author.origin !== 'hq' && author.storeId !== null) await this.guard(client, author.storeId, change)
  }

  private entry(author: Author, kind: MasterKind, key: string, body: unknown) {
    const { storeId, terminalUid, actor, origin, hqSeq } = author
    return { storeId, kind, key, body, byTerminal: terminalUid, actor, at: this.clock.now(), origin, hqSeq }
  }

  /**
   * Appends one change, or answers the seq HQ's entry already has here. A store's own change is refused first if its
   * head office owns it; `also` runs in the same transaction.
   */
  async publish(author: Author, change: Publish, pairingKey?: string, also?: AlsoInTransaction): Promise<number> {
    let body: unknown = change.body
    // A secret arrives sealed with the publishing counter's pairing key (the request's own), and is kept under the node's key.
    if (change.kind === 'secret') body = { sealed: sealText(this.sealKey, this.openFrom(pairingKey ?? '', change.body.sealed)) }
    const client = await this.pool.connect()
    try {
      return await inTransaction(client, async () => {
        await this.guarded(client, author, change)
        const seq = await appendEntry(client, this.entry(author, change.kind, keyOf(change), body))
        await also?.(client, seq)
        return seq
      })
    } finally {
      client.release()
    }
  }

  /** The store's entries after `after` (with HQ's chain-wide ones; those alone for `storeId` null), each secret sealed for the counter holding `pairingKey`. */
  async pull(storeId: string | null, pairingKey: string, after: number, limit: number) {
    const rows = await entriesAfter(this.pool, storeId, after, limit)
    const forCounter = counterSealKey(pairingKey)
    return rows.map((r) => ({
      seq: r.seq,
      kind: r.kind,
      key: r.key,
      body: r.kind === 'secret' ? { sealed: sealText(forCounter, openText(this.sealKey, (r.body as { sealed: string }).sealed)) } : r.body,
      actor: r.actor,
      created_at: r.created_at.toISOString(),
      origin: r.origin,
    }))
  }

  private openFrom(pairingKey: string, sealed: string): string {
    try {
      return openText(counterSealKey(pairingKey), sealed)
    } catch {
      throw new StoreNodeError('SECRET_UNREADABLE', '接入密钥的密文无法打开（不是用本收银台的配对密钥加密的），未保存')
    }
  }

  // ——— a catalog generation: a file in chunks, then one entry ———

  /** `fileId`: a store copying HQ's file names it itself, the same on every attempt. */
  async catalogBegin(
    author: Author,
    r: Pick<CatalogBegin, 'list' | 'source_name' | 'bytes' | 'sha256'>,
    fileId: string = randomUUID(),
  ): Promise<{ file_id: string; chunks: number }> {
    const chunks = Math.ceil(r.bytes / CATALOG_CHUNK_BYTES)
    const client = await this.pool.connect()
    try {
      // Refused before a single chunk is sent, and checked again at the commit.
      await this.guarded(client, author, { kind: 'catalog', body: { list: r.list } })
      await insertCatalogFile(
        client,
        { file_id: fileId, store_id: author.storeId, list: r.list, source_name: r.source_name, bytes: r.bytes, sha256: r.sha256, chunks },
        this.clock.now(),
      )
    } finally {
      client.release()
    }
    return { file_id: fileId, chunks }
  }

  async catalogPut(storeId: string | null, fileId: string, n: number, data: Buffer): Promise<void> {
    const f = await catalogFile(this.pool, storeId, fileId)
    if (!f) throw new StoreNodeError('NOT_FOUND', '没有这个目录文件')
    if (f.committed_at) return
    if (n >= f.chunks || data.length > CATALOG_CHUNK_BYTES) throw new StoreNodeError('CATALOG_FILE_INVALID', `目录文件第 ${n} 块超出声明的大小`)
    await putChunk(this.pool, fileId, n, data)
  }

  /** Checks the whole file against its size and sha256, then appends the generation's entry; committing again answers the same seq. */
  async catalogCommit(author: Author, fileId: string, also?: AlsoInTransaction): Promise<number> {
    const client = await this.pool.connect()
    try {
      return await inTransaction(client, async () => {
        const f = await catalogFile(client, author.storeId, fileId, { lock: true })
        if (!f) throw new StoreNodeError('NOT_FOUND', '没有这个目录文件')
        if (f.committed_at) {
          const held = await catalogEntrySeq(client, fileId)
          await also?.(client, held)
          return held
        }
        await this.guarded(client, author, { kind: 'catalog', body: { list: f.list } })
        const numbers = await chunkNumbers(client, fileId)
        if (numbers.length !== f.chunks || numbers.some((n, i) => n !== i))
          throw new StoreNodeError('CATALOG_FILE_INVALID', `目录文件不完整：应有 ${f.chunks} 块，收到 ${numbers.length} 块`)
        const hash = createHash('sha256')
        let bytes = 0
        for (const n of numbers) {
          const data = (await chunk(client, fileId, n))!
          hash.update(data)
          bytes += data.length
        }
        if (bytes !== f.bytes || hash.digest('hex') !== f.sha256) throw new StoreNodeError('CATALOG_FILE_INVALID', '目录文件的大小或摘要与声明不符，未发布')
        await markCommitted(client, fileId, this.clock.now())
        const body = { file_id: f.file_id, list: f.list, source_name: f.source_name, bytes: f.bytes, sha256: f.sha256, chunks: f.chunks }
        const seq = await appendEntry(client, this.entry(author, 'catalog', f.list, body))
        await also?.(client, seq)
        return seq
      })
    } finally {
      client.release()
    }
  }

  /** The chunks of a file already held (a copy resumed after a crash fetches only the rest). */
  catalogChunksHeld(fileId: string): Promise<number[]> {
    return chunkNumbers(this.pool, fileId)
  }

  async catalogChunk(storeId: string | null, fileId: string, n: number): Promise<Buffer> {
    const f = await catalogFile(this.pool, storeId, fileId, { chainToo: true })
    const data = f?.committed_at ? await chunk(this.pool, fileId, n) : undefined
    if (!data) throw new StoreNodeError('NOT_FOUND', `没有目录文件 ${fileId} 的第 ${n} 块`)
    return data
  }
}
