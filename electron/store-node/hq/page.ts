import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Pool } from 'pg'
import {
  HQ_PAGE_API,
  HQ_PAGE_PATH,
  HQ_SESSION_COOKIE,
  hqPageBoardRequestSchema,
  hqPageBoardSchema,
  hqPageReportRequestSchema,
  hqPageReportSchema,
  hqSignInRequestSchema,
  inRegions,
  type HqUser,
} from '../../../shared/contract/hq/page'
import { hqNewPairingCodeRequestSchema } from '../../../shared/contract/sync/hq'
import type { Clock } from '../../base/clock'
import { readStatic, resolveStatic } from '../../base/http/static-files'
import { StoreNodeError } from '../errors'
import { chainBoard } from './board'
import { HqRegistry } from './hq-registry'
import { chainReport } from './reports'
import { chainStores } from './reports-store'
import type { RouteTools } from './routes'
import { HqUsers } from './users'
import { PAGE_SECURITY_HEADERS as SECURITY_HEADERS } from '../../base/http/security-headers'

export interface HqPageOptions {
  /** The built renderer (out/renderer): `hq.html` and its `assets/`. Without it the page answers 404. */
  pageDir?: string
  /**
   * Host names (with the port) the staff's browsers may use besides the address they connected to, e.g. a
   * name in the chain's DNS. Anything else is refused: a page elsewhere cannot reach the API by rebinding a name.
   */
  hosts?: readonly string[]
}

type PageCall = (req: IncomingMessage, res: ServerResponse, user: HqUser | undefined, token: string | undefined) => Promise<unknown>

function cookieOf(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=')
    if (name === HQ_SESSION_COOKIE) return value.join('=') || undefined
  }
  return undefined
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end(text)
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end(text)
}

/** Secure too when a TLS proxy in front says the browser came over HTTPS (a forged header only makes it stricter). */
const session = (req: IncomingMessage, token: string, maxAge: number) =>
  `${HQ_SESSION_COOKIE}=${token}; Path=${HQ_PAGE_PATH}; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${req.headers['x-forwarded-proto'] === 'https' ? '; Secure' : ''}`

/**
 * The head office's page on the HQ node (store-node.md, "The head office's page"): the built page as static
 * files under /hq/, and its calls under /hq/page/v1/ behind a sign-in of HQ's own users. Every request must
 * name a host the node answers to; a call must also come from the page's own origin as JSON, with the
 * session cookie (HttpOnly, SameSite=Strict). A regional manager sees only the stores of their regions; only
 * an admin issues pairing codes. Answers `false` for a path that is not the page's, for the node's routes.
 */
export function hqPage(pool: Pool, clock: Clock, tools: RouteTools, opts: HqPageOptions) {
  const users = new HqUsers(pool, clock)
  const registry = new HqRegistry(pool, clock)
  const extraHosts = new Set(opts.hosts ?? [])

  const hostAllowed = (req: IncomingMessage): boolean => {
    const host = req.headers.host ?? ''
    if (extraHosts.has(host)) return true
    const { localAddress, localPort } = req.socket
    if (!localAddress) return false
    const v4 = localAddress.replace(/^::ffff:/, '')
    const names = [v4.includes(':') ? `[${v4}]` : v4]
    if (v4 === '127.0.0.1' || v4 === '::1') names.push('localhost')
    return names.some((n) => host === `${n}:${localPort}`)
  }

  const signedIn = (user: HqUser | undefined): HqUser => {
    if (!user) throw new StoreNodeError('UNAUTHORIZED', '请先登录')
    return user
  }

  const calls: Record<string, PageCall> = {
    'sign-in': async (req, res) => {
      const r = await tools.body(req, hqSignInRequestSchema)
      const { user, token } = await users.signIn(r.user_id, r.password)
      res.setHeader('Set-Cookie', session(req, token, 12 * 3600))
      return { user }
    },
    'sign-out': async (req, res, _user, token) => {
      await users.signOut(token)
      res.setHeader('Set-Cookie', session(req, '', 0))
      return { signed_out: true }
    },
    me: async (_req, _res, user) => ({ user: signedIn(user) }),
    board: async (req, _res, user) => {
      const me = signedIn(user)
      const r = await tools.body(req, hqPageBoardRequestSchema)
      const now = clock.now()
      const board = await chainBoard(pool, r.day, now, (admdvs) => inRegions(admdvs, me) && (!r.region || admdvs.startsWith(r.region)))
      return hqPageBoardSchema.parse({ asOf: now.toISOString(), board })
    },
    report: async (req, _res, user) => {
      const me = signedIn(user)
      const r = await tools.body(req, hqPageReportRequestSchema)
      const ids = (await chainStores(pool, r.store_ids))
        .filter((s) => inRegions(s.admdvs, me) && (!r.region || s.admdvs.startsWith(r.region)))
        .map((s) => s.storeId)
      return hqPageReportSchema.parse(await chainReport(pool, r.from, r.to, ids))
    },
    'pairing-codes': async (req, _res, user) => {
      if (signedIn(user).role !== 'admin') throw new StoreNodeError('HQ_FORBIDDEN', '只有总部管理员可以生成门店配对码')
      const r = await tools.body(req, hqNewPairingCodeRequestSchema)
      const { code, expiresAt } = await registry.newPairingCode(r.store_id, r.name, r.admdvs)
      return { code, expires_at: expiresAt.toISOString() }
    },
  }

  async function call(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    const handler = Object.hasOwn(calls, name) ? calls[name] : undefined
    if (!handler || req.method !== 'POST') return sendJson(res, 404, { error: { code: 'NOT_FOUND', message: '没有这个接口' } })
    // A browser sends Origin with every POST; a form or a page elsewhere cannot name ours (https: behind a TLS proxy).
    const origin = req.headers.origin
    if (origin !== `http://${req.headers.host}` && origin !== `https://${req.headers.host}`)
      return sendJson(res, 403, { error: { code: 'HQ_FORBIDDEN', message: '请求来自其他网站，已拒绝' } })
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(res, 415, { error: { code: 'BAD_REQUEST', message: '请求须为 JSON' } })
    }
    try {
      const token = cookieOf(req)
      const user = name === 'sign-in' ? undefined : await users.session(token)
      sendJson(res, 200, await handler(req, res, user, token))
    } catch (e) {
      if (e instanceof StoreNodeError) return sendJson(res, e.status, { error: { code: e.code, message: e.message } })
      process.stderr.write(`总部页面：${(e as Error).message}\n`)
      sendJson(res, 500, { error: { code: 'INTERNAL', message: '总部服务器内部错误，请稍后重试' } })
    }
  }

  async function file(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed')
    const wanted = path === HQ_PAGE_PATH ? '/hq.html' : path.startsWith(`${HQ_PAGE_PATH}assets/`) ? path.slice(HQ_PAGE_PATH.length - 1) : undefined
    const found = opts.pageDir && wanted ? await resolveStatic(opts.pageDir, wanted) : undefined
    if (!found) return sendText(res, 404, opts.pageDir ? 'Not found' : '总部页面尚未构建：请先运行 npm run build')
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': found.type, 'Cache-Control': wanted === '/hq.html' ? 'no-cache' : 'max-age=31536000, immutable' })
    res.end(req.method === 'HEAD' ? undefined : await readStatic(found.file))
  }

  /** Serves the page's path and answers true; anything else is the node's (false). */
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    let path: string
    try {
      path = new URL(req.url ?? '/', 'http://x').pathname
    } catch {
      return false
    }
    const isCall = path.startsWith(HQ_PAGE_API)
    const isPage = path === '/' || path === '/hq' || path === HQ_PAGE_PATH || path.startsWith(`${HQ_PAGE_PATH}assets/`)
    if (!isCall && !isPage) return false
    if (!hostAllowed(req)) {
      sendText(res, 421, '主机名不正确，已拒绝')
      return true
    }
    if (isCall) await call(req, res, path.slice(HQ_PAGE_API.length))
    else if (path === '/' || path === '/hq') {
      res.writeHead(302, { ...SECURITY_HEADERS, Location: HQ_PAGE_PATH })
      res.end()
    } else await file(req, res, path)
    return true
  }
}
