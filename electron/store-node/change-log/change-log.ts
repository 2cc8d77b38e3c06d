import { createHash, randomUUID } from 'node:crypto'
import type { Pool } from 'pg'
import { CATALOG_CHUNK_BYTES, type MasterKind } from '../../../shared/contract/sync/master-data'
import type { z } from 'zod'
import type { catalogBeginRequestSchema, publishBodySchema } from '../../../shared/contract/sync/master-data'
import type { Clock } from '../../base/clock'
import { counterSealKey, openText, sealText } from '../../base/sealed-secret'
import { StoreNodeError } from '../errors'
import { inTransaction } from '../migrations'
import { appendEntry, catalogEntrySeq, catalogFile, chunk, chunkNumbers, entriesAfter, insertCatalogFile, markCommitted, putChunk } from './change-log-store'

type Publish = z.infer<typeof publishBodySchema>
type CatalogBegin = z.infer<typeof catalogBeginRequestSchema>

/** Who changes master data: the counter a manager used, and the manager. */
export interface Author {
  storeId: string
  terminalUid: string | null
  actor: string
}

/** The key `kind`'s entries replace one another by: the newest entry of a (kind, key) is what holds. */
function keyOf(c: Publish): string {
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
  ) {}

  /** Appends one entry; answers its seq. */
  async append(author: Author, kind: MasterKind, key: string, body: unknown): Promise<number> {
    const client = await this.pool.connect()
    try {
      return await inTransaction(client, () =>
        appendEntry(client, { storeId: author.storeId, kind, key, body, byTerminal: author.terminalUid, actor: author.actor, at: this.clock.now() }),
      )
    } finally {
      client.release()
    }
  }

  /** A manager's change from a counter. A secret arrives sealed with that counter's pairing key (`pairingKey`, the request's own). */
  async publish(author: Author, pairingKey: string, change: Publish): Promise<number> {
    let body: unknown = change.body
    if (change.kind === 'secret') body = { sealed: sealText(this.sealKey, this.openFrom(pairingKey, change.body.sealed)) }
    return this.append(author, change.kind, keyOf(change), body)
  }

  /** The store's entries after `after`, each secret sealed for the counter holding `pairingKey`. */
  async pull(storeId: string, pairingKey: string, after: number, limit: number) {
    const rows = await entriesAfter(this.pool, storeId, after, limit)
    const forCounter = counterSealKey(pairingKey)
    return rows.map((r) => ({
      seq: r.seq,
      kind: r.kind,
      key: r.key,
      body: r.kind === 'secret' ? { sealed: sealText(forCounter, openText(this.sealKey, (r.body as { sealed: string }).sealed)) } : r.body,
      actor: r.actor,
      created_at: r.created_at.toISOString(),
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

  async catalogBegin(storeId: string, r: CatalogBegin): Promise<{ file_id: string; chunks: number }> {
    const fileId = randomUUID()
    const chunks = Math.ceil(r.bytes / CATALOG_CHUNK_BYTES)
    await insertCatalogFile(
      this.pool,
      { file_id: fileId, store_id: storeId, list: r.list, source_name: r.source_name, bytes: r.bytes, sha256: r.sha256, chunks },
      this.clock.now(),
    )
    return { file_id: fileId, chunks }
  }

  async catalogPut(storeId: string, fileId: string, n: number, data: Buffer): Promise<void> {
    const f = await catalogFile(this.pool, storeId, fileId)
    if (!f) throw new StoreNodeError('NOT_FOUND', '没有这个目录文件')
    if (f.committed_at) return
    if (n >= f.chunks || data.length > CATALOG_CHUNK_BYTES) throw new StoreNodeError('CATALOG_FILE_INVALID', `目录文件第 ${n} 块超出声明的大小`)
    await putChunk(this.pool, fileId, n, data)
  }

  /** Checks the whole file against its size and sha256, then appends the generation's entry; committing again answers the same seq. */
  async catalogCommit(author: Author, fileId: string): Promise<number> {
    const client = await this.pool.connect()
    try {
      return await inTransaction(client, async () => {
        const f = await catalogFile(client, author.storeId, fileId, true)
        if (!f) throw new StoreNodeError('NOT_FOUND', '没有这个目录文件')
        if (f.committed_at) {
          return catalogEntrySeq(client, fileId)
        }
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
        return appendEntry(client, {
          storeId: author.storeId,
          kind: 'catalog',
          key: f.list,
          body,
          byTerminal: author.terminalUid,
          actor: author.actor,
          at: this.clock.now(),
        })
      })
    } finally {
      client.release()
    }
  }

  async catalogChunk(storeId: string, fileId: string, n: number): Promise<Buffer> {
    const f = await catalogFile(this.pool, storeId, fileId)
    const data = f?.committed_at ? await chunk(this.pool, fileId, n) : undefined
    if (!data) throw new StoreNodeError('NOT_FOUND', `没有目录文件 ${fileId} 的第 ${n} 块`)
    return data
  }
}
