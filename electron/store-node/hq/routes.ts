import type { IncomingMessage } from 'node:http'
import type { Pool } from 'pg'
import type { z } from 'zod'
import {
  hqBoardRequestSchema,
  hqBoardSchema,
  hqReportSchema,
  hqCaughtUpRequestSchema,
  hqLinkRequestSchema,
  hqNewPairingCodeRequestSchema,
  hqPairRequestSchema,
  hqPushRequestSchema,
  hqReportRequestSchema,
} from '../../../shared/contract/sync/hq'
import type { Clock } from '../../base/clock'
import type { IngestHooks } from '../ingest'
import { chainBoard } from './board'
import { ingestFromStore } from './hq-ingest'
import { HqRegistry } from './hq-registry'
import { chainReport } from './reports'
import type { HqUplink } from './uplink'

/** What the HTTP face lends the chain's routes: reading a checked body, and the two ways a caller proves who it is. */
export interface RouteTools {
  body<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T>
  bearer(req: IncomingMessage): string
  requireAdmin(req: IncomingMessage): void
}

export type Routes = Record<string, (req: IncomingMessage) => Promise<unknown>>

/** HQ role: stores pair and push here; the head office's manager adds stores and reads the board and reports. */
export function hqRoutes(pool: Pool, clock: Clock, t: RouteTools, hooks?: IngestHooks): Routes {
  const registry = new HqRegistry(pool, clock)
  return {
    'POST /hq/v1/pair': async (req) => {
      const r = await t.body(req, hqPairRequestSchema)
      return registry.pair(r.code, r.store_id)
    },
    'POST /hq/v1/push': async (req) => {
      const key = t.bearer(req)
      const r = await t.body(req, hqPushRequestSchema)
      const store = await registry.authenticate(r.store_uid, key)
      return { acked_seq: await ingestFromStore(pool, clock, registry, store, r, hooks) }
    },
    'POST /hq/v1/caught-up': async (req) => {
      const key = t.bearer(req)
      const r = await t.body(req, hqCaughtUpRequestSchema)
      const store = await registry.authenticate(r.store_uid, key)
      const through = await registry.caughtUp(store, new Date(r.at), r.through)
      return { reported_through: through?.toISOString() ?? null }
    },
    'POST /admin/v1/hq/pairing-codes': async (req) => {
      t.requireAdmin(req)
      const r = await t.body(req, hqNewPairingCodeRequestSchema)
      const { code, expiresAt } = await registry.newPairingCode(r.store_id, r.name, r.admdvs)
      return { code, expires_at: expiresAt.toISOString() }
    },
    'POST /hq/v1/board': async (req) => {
      t.requireAdmin(req)
      const r = await t.body(req, hqBoardRequestSchema)
      // The answer is checked against the shape the head office's side parses, as every input is.
      return hqBoardSchema.parse(await chainBoard(pool, r.day, clock.now()))
    },
    'POST /hq/v1/report': async (req) => {
      t.requireAdmin(req)
      const r = await t.body(req, hqReportRequestSchema)
      return hqReportSchema.parse(await chainReport(pool, r.from, r.to, r.store_ids))
    },
  }
}

/** Store role: the manager pairs an institution with HQ and sees its push; the uplink runs in the background. */
export function storeChainRoutes(uplink: HqUplink, t: RouteTools): Routes {
  return {
    'POST /admin/v1/hq/link': async (req) => {
      t.requireAdmin(req)
      const r = await t.body(req, hqLinkRequestSchema)
      const status = await uplink.link(r.store_id, r.url, r.code)
      uplink.start()
      return status
    },
    'POST /admin/v1/hq/status': async (req) => {
      t.requireAdmin(req)
      return uplink.status()
    },
  }
}
