import { createHash } from 'node:crypto'
import type { Pool, PoolClient } from 'pg'
import type { z } from 'zod'
import { chunkAnswerSchema, MAX_PULL, pullAnswerSchema, type MasterChange, type publishBodySchema } from '../../../shared/contract/sync/master-data'
import { SYNC_API_VERSION } from '../../../shared/contract/sync/wire'
import type { Clock } from '../../base/clock'
import { keyOf, type Author, type ChangeLog } from '../change-log/change-log'
import { appendEntry } from '../change-log/change-log-store'
import { StoreNodeError } from '../errors'
import { callHq } from './hq-client'
import { advanceMasterCursor, masterPulled } from './hq-master-store'
import { capsFor } from './hq-owned'
import type { LinkRow } from './uplink-store'

type Publish = z.infer<typeof publishBodySchema>

/**
 * The store's own id for its copy of HQ's catalog file: the same on every attempt (a copy resumed after a crash
 * finds its chunks), different per store (one store node may serve two institutions of a chain).
 */
export function copiedFileId(storeId: string, hqFileId: string): string {
  const h = createHash('sha256').update(`${storeId}|${hqFileId}`).digest('hex')
  // A version-5-shaped UUID, as every reader's z.uuid() wants one.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/**
 * The store's pull of its head office's master data (store role), after each push to HQ: HQ's chain-wide entries
 * after the store's cursor, each copied into the store's own change log as the store's entry of origin `hq`, with
 * the cursor in the same transaction. The store's counters then receive it by their own pull, unchanged. A copy
 * keeps HQ's seq (`hq_seq`, unique per store), so a replay from 0 adds nothing; a catalog generation's file is
 * copied chunk by chunk first (the chunks already held are not fetched again) and checked whole at its commit. A
 * chain price caps the store's markdowns dated after it that it leaves above the chain (hq-owned.ts `capsFor`).
 */
export class HqMasterPuller {
  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
    private readonly log: ChangeLog,
  ) {}

  /** Everything HQ has after the link's cursor; answers the entries copied. */
  async pull(link: LinkRow, key: string, opts: { timeoutMs: number; beforeMasterCommit: (hqSeq: number) => void }): Promise<number> {
    const call = <T>(path: string, body: object, schema: z.ZodType<T>) =>
      callHq(`${link.hq_url}${path}`, key, { version: SYNC_API_VERSION, store_uid: link.store_uid, ...body }, schema, opts.timeoutMs)
    let cursor = Number(link.master_cursor)
    let copied = 0
    for (;;) {
      const { changes } = await call('/hq/v1/master/pull', { after: cursor, limit: MAX_PULL }, pullAnswerSchema)
      for (const c of changes as MasterChange[]) {
        const author: Author = { storeId: link.store_id, terminalUid: null, actor: c.actor, origin: 'hq', hqSeq: c.seq }
        const advance = async (client: PoolClient) => {
          if (c.kind === 'price')
            for (const cap of await capsFor(client, link.store_id, c.body)) {
              const change = { kind: 'price' as const, body: cap }
              await appendEntry(client, {
                storeId: link.store_id,
                kind: 'price',
                key: keyOf(change),
                body: cap,
                byTerminal: null,
                actor: c.actor,
                at: this.clock.now(),
                origin: 'hq',
              })
            }
          await advanceMasterCursor(client, link.store_id, c.seq)
          opts.beforeMasterCommit(c.seq)
        }
        if (c.kind === 'catalog') {
          const fileId = copiedFileId(link.store_id, c.body.file_id)
          await this.log.catalogBegin(author, c.body, fileId)
          const held = new Set(await this.log.catalogChunksHeld(fileId))
          for (let n = 0; n < c.body.chunks; n++) {
            if (held.has(n)) continue
            const { data } = await call('/hq/v1/master/catalog-chunk', { file_id: c.body.file_id, n }, chunkAnswerSchema)
            await this.log.catalogPut(link.store_id, fileId, n, Buffer.from(data, 'base64'))
          }
          await this.log.catalogCommit(author, fileId, advance)
        } else if (c.kind === 'secret') {
          // Each store's platform secret is its own: HQ never publishes one, and a store would not take it.
          throw new StoreNodeError('HQ_REFUSED', `总部的变更 ${c.seq} 是接入密钥：接入密钥由门店自己保管，未应用`)
        } else {
          await this.log.publish(author, { kind: c.kind, body: c.body } as Publish, undefined, advance)
        }
        cursor = c.seq
        copied += 1
      }
      if (changes.length < MAX_PULL) break
    }
    await masterPulled(this.pool, link.store_id, this.clock.now())
    return copied
  }
}
