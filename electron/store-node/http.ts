import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Pool } from 'pg'
import { z } from 'zod'
import { fixmedinsCodeSchema, newPairingCodeRequestSchema, pairRequestSchema, pushRequestSchema, type SyncErrorCode } from '../../shared/contract/sync/wire'
import type { Clock } from '../base/clock'
import { BodyTooLarge, readCappedBody } from '../base/http/read-body'
import {
  caughtUpRequestSchema,
  commandDoneRequestSchema,
  commandsRequestSchema,
  closeRequestSchema,
  explainRequestSchema,
  orphanOutcomeRequestSchema,
  orphanRequestSchema,
  reconPrepareRequestSchema,
  reconRecordRequestSchema,
  storeDayRequestSchema,
  storeMonthRequestSchema,
} from '../../shared/contract/sync/store-day'
import {
  findSalesRequestSchema,
  leaseRequestSchema,
  ownLeaseRequestSchema,
  releaseRequestSchema,
  traceCodesRequestSchema,
  offlineAdvanceRequestSchema,
  offlinePromisesRequestSchema,
  snapshotKeyRequestSchema,
  snapshotPutRequestSchema,
  snapshotGetRequestSchema,
} from '../../shared/contract/sync/across'
import { findStoreSales, releaseRefundLease, takeOwnRefundLease, takeRefundLease } from './across/sales'
import { offlineAdvance } from './across/offline-pool-store'
import { offlinePromises } from './across/offline-promises-store'
import { getSnapshot, putSnapshot, snapshotKey } from './across/snapshots-store'
import { soldInStore } from './across/trace-codes-store'
import { ChangeLog } from './change-log/change-log'
import { changeLogRoutes } from './change-log/routes'
import { StoreNodeError } from './errors'
import { ingestBatch, type IngestHooks } from './ingest'
import { TerminalRegistry } from './registry'
import { registryRoutes } from './registry-routes'
import { StoreDayClose } from './store-day/day-close'
import { storeMonthSide } from './store-day/month'
import { StoreReconciliation } from './store-day/reconciliation'
import { recordCaughtUp } from './store-day/watermarks'
import { freshStatistics } from './statistics-store'
import { markCommandDone, pendingCommands } from './commands-store'
import { hqRoutes, storeChainRoutes, type RouteTools } from './hq/routes'
import { HqUplink, type UplinkOptions } from './hq/uplink'
import { anyHqLink } from './hq/uplink-store'
import type { SealBox } from './hq/seal'
import { hqPage, type HqPageOptions } from './hq/page'
import { HqMasterPuller } from './hq/hq-master-puller'
import { refuseHqOwned } from './hq/hq-owned'
import { hqMasterRoutes } from './hq/master-routes'

const MAX_BODY_BYTES = 32 * 1024 * 1024

export interface StoreNodeOptions {
  pool: Pool
  clock: Clock
  /** The manager's token for /admin calls (adding a store, a pairing code). */
  adminToken: string
  host?: string
  port?: number
  hooks?: IngestHooks
  /**
   * The chain (store-node.md §5.8): `store` (the default) may pair its institutions with a head office and
   * pushes their facts up when given a seal for the key; `hq` takes stores' pushes and answers the board
   * and the consolidated reports. Both keep every store route: a small chain's counters may pair with HQ.
   */
  role?: 'store' | 'hq'
  seal?: SealBox
  uplink?: UplinkOptions
  /**
   * The store node's own key (32 bytes) sealing the platform secret in its change log; kept outside
   * PostgreSQL (main.ts: a key file). Without one a key for this process only is made.
   */
  sealKey?: Buffer
  /** HQ role: where the head office's page is built and which host names it answers to (hq/page.ts). */
  page?: HqPageOptions
}

export interface StoreNodeServer {
  readonly url: string
  readonly server: Server
  /** The push to HQ (store role with a seal). */
  readonly uplink?: HqUplink
  close(): Promise<void>
}

const addStoreSchema = z.object({ store_id: fixmedinsCodeSchema, name: z.string().min(1).max(100) })

async function readBody(req: IncomingMessage): Promise<unknown> {
  let raw: Buffer
  try {
    raw = await readCappedBody(req, MAX_BODY_BYTES)
  } catch (e) {
    throw e instanceof BodyTooLarge ? new StoreNodeError('BAD_REQUEST', '请求过大') : e
  }
  try {
    return JSON.parse(raw.toString('utf8'))
  } catch {
    throw new StoreNodeError('BAD_REQUEST', '请求不是 JSON')
  }
}

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input)
  if (!r.success) throw new StoreNodeError('BAD_REQUEST', `请求格式不符：${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`)
  return r.data
}

const digest = (s: string) => createHash('sha256').update(s).digest()

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

/**
 * The store node's HTTP face: counters pair and push here, the manager adds stores and pairing codes.
 * Every input is parsed with the wire's zod schemas; every refusal is `{error: {code, message}}`.
 */
export async function startStoreNode(opts: StoreNodeOptions): Promise<StoreNodeServer> {
  const registry = new TerminalRegistry(opts.pool, opts.clock)
  const admin = digest(opts.adminToken)

  const bearer = (req: IncomingMessage): string => {
    const m = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')
    if (!m) throw new StoreNodeError('UNAUTHORIZED', '缺少收银台密钥')
    return m[1]
  }
  const requireAdmin = (req: IncomingMessage) => {
    const given = req.headers['x-admin-token']
    if (typeof given !== 'string' || !timingSafeEqual(digest(given), admin)) throw new StoreNodeError('UNAUTHORIZED', '需要店长令牌')
  }

  const recon = new StoreReconciliation(opts.pool, opts.clock)
  const dayClose = new StoreDayClose(opts.pool, opts.clock, recon)
  /** The moment a question is about, never past the store node's own clock. */
  const asOf = (given: string | undefined): Date => {
    const now = opts.clock.now()
    const at = given ? new Date(given) : now
    return at < now ? at : now
  }
  /** A paired counter's call about its store's day: its key, then the institution it belongs to. */
  const storeCall = async <T extends { terminal_uid: string }>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T & { storeId: string; key: string }> => {
    const key = bearer(req)
    const r = parse(schema, await readBody(req))
    await registry.authenticate(r.terminal_uid, key)
    return { ...r, storeId: await registry.storeOf(r.terminal_uid), key }
  }
  // A store paired with a head office may not change what HQ owns; HQ's own log has no such guard.
  const changeLog = new ChangeLog(opts.pool, opts.clock, opts.sealKey ?? randomBytes(32), opts.role === 'hq' ? undefined : refuseHqOwned)

  const routes: Record<string, (req: IncomingMessage) => Promise<unknown>> = {
    ...changeLogRoutes(changeLog, storeCall),
    ...registryRoutes(opts.pool, opts.clock, registry, storeCall),
    'POST /sync/v1/pair': async (req) => {
      const r = parse(pairRequestSchema, await readBody(req))
      return registry.pair(r.code, r.label)
    },
    'POST /sync/v1/push': async (req) => {
      const key = bearer(req)
      const r = parse(pushRequestSchema, await readBody(req))
      await registry.authenticate(r.terminal_uid, key)
      return { acked_seq: await ingestBatch(opts.pool, opts.clock, r, opts.hooks) }
    },
    'POST /sync/v1/caught-up': async (req) => {
      const r = await storeCall(req, caughtUpRequestSchema)
      const through = await recordCaughtUp(opts.pool, r.terminal_uid, r.acked_seq, new Date(r.at), opts.clock.now())
      await freshStatistics(opts.pool)
      return { reported_through: through?.toISOString() ?? null }
    },
    'POST /sync/v1/commands': async (req) => {
      const r = await storeCall(req, commandsRequestSchema)
      const c = await pendingCommands(opts.pool, r.terminal_uid)
      return c.map(({ sale_id, by_terminal_no, ...rest }) => (rest.kind === 'refunded_elsewhere' ? { ...rest, sale_id, by_terminal_no } : rest))
    },
    'POST /sync/v1/commands/done': async (req) => {
      const r = await storeCall(req, commandDoneRequestSchema)
      return { done: await markCommandDone(opts.pool, r.command_id, r.terminal_uid, opts.clock.now(), r.outcome) }
    },
    'POST /store/v1/sales/find': async (req) => {
      const r = await storeCall(req, findSalesRequestSchema)
      return findStoreSales(opts.pool, r.storeId, r.query)
    },
    'POST /store/v1/sales/lease': async (req) => {
      const r = await storeCall(req, leaseRequestSchema)
      return takeRefundLease(opts.pool, opts.clock, r.storeId, r.terminal_uid, r.sale_id)
    },
    'POST /store/v1/sales/lease-own': async (req) => {
      const r = await storeCall(req, ownLeaseRequestSchema)
      return takeOwnRefundLease(opts.pool, opts.clock, r.storeId, r.terminal_uid, r.sale_id)
    },
    'POST /store/v1/sales/release': async (req) => {
      const r = await storeCall(req, releaseRequestSchema)
      return { released: await releaseRefundLease(opts.pool, opts.clock, r.storeId, r.terminal_uid, r) }
    },
    'POST /store/v1/trace-codes/sold': async (req) => {
      const r = await storeCall(req, traceCodesRequestSchema)
      return soldInStore(opts.pool, r.storeId, r.codes, r.training)
    },
    'POST /store/v1/offline/advance': async (req) => {
      const r = await storeCall(req, offlineAdvanceRequestSchema)
      return offlineAdvance(opts.pool, opts.clock, r.storeId, r.terminal_uid, r)
    },
    'POST /store/v1/offline/promises': async (req) => {
      const r = await storeCall(req, offlinePromisesRequestSchema)
      return offlinePromises(opts.pool, opts.clock, r.storeId, r.terminal_uid, r)
    },
    'POST /store/v1/snapshots/key': async (req) => {
      const r = await storeCall(req, snapshotKeyRequestSchema)
      return { key: await snapshotKey(opts.pool, r.storeId) }
    },
    'POST /store/v1/snapshots/put': async (req) => {
      const r = await storeCall(req, snapshotPutRequestSchema)
      return putSnapshot(opts.pool, r.storeId, r)
    },
    'POST /store/v1/snapshots/get': async (req) => {
      const r = await storeCall(req, snapshotGetRequestSchema)
      return getSnapshot(opts.pool, r.storeId, r.cert_hash)
    },
    'POST /store/v1/day': async (req) => {
      const r = await storeCall(req, storeDayRequestSchema)
      return dayClose.view(r.storeId, r.day, asOf(r.as_of))
    },
    'POST /store/v1/recon/prepare': async (req) => {
      const r = await storeCall(req, reconPrepareRequestSchema)
      return recon.prepare(r.storeId, r.day, r.setl_optins)
    },
    'POST /store/v1/recon/record': async (req) => {
      const r = await storeCall(req, reconRecordRequestSchema)
      return recon.record(r.storeId, r.terminal_uid, r, asOf(r.as_of))
    },
    'POST /store/v1/recon/explain': async (req) => {
      const r = await storeCall(req, explainRequestSchema)
      return recon.explain(r.storeId, r.run_id, r.seq, r.actor, r.note)
    },
    'POST /store/v1/recon/orphan/prepare': async (req) => {
      const r = await storeCall(req, orphanRequestSchema)
      return recon.orphanPrepare(r.storeId, r.run_id, r.seq, r.actor, r.approver, r.note, asOf(r.as_of))
    },
    'POST /store/v1/recon/orphan/outcome': async (req) => {
      const r = await storeCall(req, orphanOutcomeRequestSchema)
      return recon.orphanOutcome(r.storeId, r.run_id, r.seq, r)
    },
    'POST /store/v1/day/close': async (req) => {
      const r = await storeCall(req, closeRequestSchema)
      return dayClose.close(r.storeId, r.day, r.actor, r.incomplete_note, asOf(r.as_of))
    },
    'POST /store/v1/month': async (req) => {
      const r = await storeCall(req, storeMonthRequestSchema)
      const { side, closedDays } = await storeMonthSide(opts.pool, r.storeId, r.begin, r.end, r.admdvs)
      return { side, closed_days: closedDays }
    },
    'POST /store/v1/day/z': async (req) => {
      const r = await storeCall(req, storeDayRequestSchema)
      return dayClose.zReports(r.storeId, r.day)
    },
    'POST /admin/v1/stores': async (req) => {
      requireAdmin(req)
      const r = parse(addStoreSchema, await readBody(req))
      await registry.addStore(r.store_id, r.name)
      return { store_id: r.store_id }
    },
    'POST /admin/v1/pairing-codes': async (req) => {
      requireAdmin(req)
      const r = parse(newPairingCodeRequestSchema, await readBody(req))
      const { code, expiresAt } = await registry.newPairingCode(r.store_id, r.label)
      return { code, expires_at: expiresAt.toISOString() }
    },
    'GET /health': async () => ({ ok: true }),
  }
  const tools: RouteTools = { body: async (req, schema) => parse(schema, await readBody(req)), bearer, requireAdmin }
  const uplink =
    opts.role !== 'hq' && opts.seal
      ? new HqUplink(opts.pool, opts.clock, opts.seal, opts.uplink, new HqMasterPuller(opts.pool, opts.clock, changeLog))
      : undefined
  if (opts.role === 'hq') Object.assign(routes, hqRoutes(opts.pool, opts.clock, tools, opts.hooks), hqMasterRoutes(opts.pool, opts.clock, changeLog, tools))
  else if (uplink) Object.assign(routes, storeChainRoutes(uplink, tools))

  const page = opts.role === 'hq' ? hqPage(opts.pool, opts.clock, tools, opts.page ?? {}) : undefined
  const server = createServer((req, res) => {
    if (!page) return answer(req, res)
    page(req, res).then(
      (served) => served || answer(req, res),
      () => {
        if (!res.headersSent) send(res, 500, { error: { code: 'INTERNAL', message: '门店服务器内部错误，请稍后重试' } })
      },
    )
  })
  function answer(req: IncomingMessage, res: ServerResponse): void {
    const route = routes[`${req.method} ${new URL(req.url ?? '/', 'http://x').pathname}`]
    if (!route) return send(res, 404, { error: { code: 'NOT_FOUND' satisfies SyncErrorCode, message: '没有这个接口' } })
    route(req).then(
      (value) => send(res, 200, value),
      (e: unknown) => {
        if (e instanceof StoreNodeError) return send(res, e.status, { error: { code: e.code, message: e.message } })
        // Only the code and message of a failure are logged, never a request (it may carry personal data).
        process.stderr.write(`store node: ${(e as Error).message}\n`)
        send(res, 500, { error: { code: 'INTERNAL', message: '门店服务器内部错误，请稍后重试' } })
      },
    )
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve())
  })
  const { address, port } = server.address() as AddressInfo
  const host = address.includes(':') ? `[${address}]` : address
  // A store already paired with HQ pushes from start-up; one paired later starts when it pairs.
  if (uplink && (await anyHqLink(opts.pool))) uplink.start()
  return {
    url: `http://${host}:${port}`,
    server,
    uplink,
    close: async () => {
      await uplink?.stop()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}
