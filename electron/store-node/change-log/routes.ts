import type { IncomingMessage } from 'node:http'
import type { z } from 'zod'
import {
  catalogBeginRequestSchema,
  catalogCommitRequestSchema,
  catalogPutRequestSchema,
  chunkRequestSchema,
  publishRequestSchema,
  pullRequestSchema,
} from '../../../shared/contract/sync/master-data'
import type { ChangeLog } from './change-log'

/** A paired counter's call: its body parsed, its key checked, its institution and key at hand. */
export type PairedCall = <T extends { terminal_uid: string }>(req: IncomingMessage, schema: z.ZodType<T>) => Promise<T & { storeId: string; key: string }>

/** The change log's HTTP routes: counters pull (`/sync/v1/master/…`), a manager at any counter publishes (`/store/v1/master/…`). */
export function changeLogRoutes(log: ChangeLog, paired: PairedCall): Record<string, (req: IncomingMessage) => Promise<unknown>> {
  const author = (r: { storeId: string; terminal_uid: string; actor: string }) => ({ storeId: r.storeId, terminalUid: r.terminal_uid, actor: r.actor })
  return {
    'POST /sync/v1/master/pull': async (req) => {
      const r = await paired(req, pullRequestSchema)
      return { changes: await log.pull(r.storeId, r.key, r.after, r.limit) }
    },
    'POST /sync/v1/master/catalog-chunk': async (req) => {
      const r = await paired(req, chunkRequestSchema)
      return { data: (await log.catalogChunk(r.storeId, r.file_id, r.n)).toString('base64') }
    },
    'POST /store/v1/master/publish': async (req) => {
      const r = await paired(req, publishRequestSchema)
      return { seq: await log.publish(author(r), r.change, r.key) }
    },
    'POST /store/v1/master/catalog/begin': async (req) => {
      const r = await paired(req, catalogBeginRequestSchema)
      return log.catalogBegin(author(r), r)
    },
    'POST /store/v1/master/catalog/put': async (req) => {
      const r = await paired(req, catalogPutRequestSchema)
      await log.catalogPut(r.storeId, r.file_id, r.n, Buffer.from(r.data, 'base64'))
      return { ok: true }
    },
    'POST /store/v1/master/catalog/commit': async (req) => {
      const r = await paired(req, catalogCommitRequestSchema)
      return { seq: await log.catalogCommit(author(r), r.file_id) }
    },
  }
}
