import type { Pool } from 'pg'
import {
  hqCatalogBeginRequestSchema,
  hqCatalogChunkRequestSchema,
  hqCatalogCommitRequestSchema,
  hqCatalogPutRequestSchema,
  hqMasterLogRequestSchema,
  hqMasterLogSchema,
  hqMasterPullRequestSchema,
  hqPublishRequestSchema,
} from '../../../shared/contract/sync/hq-master'
import type { Clock } from '../../base/clock'
import type { ChangeLog } from '../change-log/change-log'
import { HqMasterData } from './hq-master'
import { HqRegistry } from './hq-registry'
import type { RouteTools, Routes } from './routes'

/**
 * HQ role: master data down. The head office's staff publish under the admin calls' own check (`/hq/v1/master/…`,
 * what HQ's page and `npm run store-node -- --role hq publish` send); a paired store pulls the chain's log and a
 * catalog generation's chunks under its HQ key.
 */
export function hqMasterRoutes(pool: Pool, clock: Clock, log: ChangeLog, t: RouteTools): Routes {
  const registry = new HqRegistry(pool, clock)
  const master = new HqMasterData(pool, clock, log)
  return {
    'POST /hq/v1/master/publish': async (req) => {
      t.requireAdmin(req)
      const r = await t.body(req, hqPublishRequestSchema)
      return { seq: await master.publish(r.actor, r.change) }
    },
    'POST /hq/v1/master/catalog/begin': async (req) => {
      t.requireAdmin(req)
      const r = await t.body(req, hqCatalogBeginRequestSchema)
      return log.catalogBegin(HqMasterData.author(r.actor), r)
    },
    'POST /hq/v1/master/catalog/put': async (req) => {
      t.requireAdmin(req)
      const r = await t.body(req, hqCatalogPutRequestSchema)
      await log.catalogPut(null, r.file_id, r.n, Buffer.from(r.data, 'base64'))
      return { ok: true }
    },
    'POST /hq/v1/master/catalog/commit': async (req) => {
      t.requireAdmin(req)
      const r = await t.body(req, hqCatalogCommitRequestSchema)
      return { seq: await log.catalogCommit(HqMasterData.author(r.actor), r.file_id) }
    },
    'POST /hq/v1/master/log': async (req) => {
      t.requireAdmin(req)
      const r = await t.body(req, hqMasterLogRequestSchema)
      return hqMasterLogSchema.parse(await master.view(r.after, r.limit))
    },
    'POST /hq/v1/master/pull': async (req) => {
      const key = t.bearer(req)
      const r = await t.body(req, hqMasterPullRequestSchema)
      const store = await registry.authenticate(r.store_uid, key)
      return { changes: await master.pullFor(store.storeUid, r.after, r.limit) }
    },
    'POST /hq/v1/master/catalog-chunk': async (req) => {
      const key = t.bearer(req)
      const r = await t.body(req, hqCatalogChunkRequestSchema)
      await registry.authenticate(r.store_uid, key)
      return { data: (await log.catalogChunk(null, r.file_id, r.n)).toString('base64') }
    },
  }
}
