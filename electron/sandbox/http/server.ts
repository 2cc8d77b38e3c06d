import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { EC_QUERY_PATH, NATIONAL_PATH } from '../../../shared/nhsa/envelope'
import { handleAdmin, type AdminDeps } from '../admin/routes'
import { decodeQr } from '../ec/decode'
import { AdminError } from '../errors'
import type { Faults } from '../faults'
import { execute, parseCall, refusal, type DispatchDeps } from '../national/dispatch'
import { FILE_DOWNLOAD_PATH } from '../national/handlers/files'
import type { TifVerifier } from './signature'
import { prepared } from '../../base/store/statements'

const MAX_BODY_BYTES = 32 * 1024 * 1024

export interface ServerDeps extends Omit<DispatchDeps, 'clock'>, AdminDeps {
  faults: Faults
  verifier: TifVerifier
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge())
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

function isLoopback(socket: Socket): boolean {
  const a = socket.remoteAddress ?? ''
  return a === '127.0.0.1' || a === '::1' || a === '::ffff:127.0.0.1'
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Drops the connection with no answer, as a gateway whose reply is lost in the network. */
function drop(res: ServerResponse): void {
  res.socket?.destroy()
}

async function national(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const received = deps.clock.now()
  const refusedSig = deps.verifier.verify(req.headers, received)
  if (refusedSig) return sendJson(res, 401, { code: 401, message: refusedSig })
  const raw = await readBody(req)
  let body: unknown
  try {
    body = JSON.parse(raw.toString('utf8'))
  } catch {
    return sendJson(res, 200, refusal('报文不是合法的 JSON', received, deps.clock.now()))
  }
  const parsed = parseCall(deps, body)
  if (!parsed.ok) return sendJson(res, 200, refusal(parsed.message, received, deps.clock.now()))
  const { infno } = parsed.call
  const latency = deps.faults.latencyFor(infno)
  if (latency > 0) await sleep(latency)
  if (deps.faults.isDown()) return drop(res)
  if (deps.faults.refuseBeforeCommit(infno)) {
    return sendJson(res, 200, refusal('平台繁忙，请稍后重试（未处理）', received, deps.clock.now()))
  }
  const answer = execute(deps, parsed.call, received)
  if (answer.infcode === 0 && deps.faults.dropAfterCommit(infno)) return drop(res)
  sendJson(res, 200, answer)
}

async function download(deps: ServerDeps, req: IncomingMessage, res: ServerResponse, fileNo: string): Promise<void> {
  const refusedSig = deps.verifier.verify(req.headers, deps.clock.now())
  if (refusedSig) return sendJson(res, 401, { code: 401, message: refusedSig })
  const f = prepared(deps.db, 'SELECT filename, content, sha256 FROM files WHERE file_qury_no = ?').get(fileNo) as
    | { filename: string; content: Buffer; sha256: string }
    | undefined
  if (!f) return sendJson(res, 404, { code: 404, message: `文件 ${fileNo} 不存在` })
  res.writeHead(200, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': f.content.length,
    'content-disposition': `attachment; filename="${encodeURIComponent(f.filename)}"`,
    'x-content-sha256': f.sha256,
  })
  res.end(f.content)
}

/**
 * Loopback is not enough for the admin API: a web page in the trainer's browser is on loopback too. The
 * Host must name this server (a DNS-rebound name does not), and an Origin, which browsers send with
 * every cross-site POST, must be this server's own: no page elsewhere can issue codes or inject faults.
 */
function adminRequestAllowed(req: IncomingMessage): boolean {
  const port = req.socket.localPort
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]
  if (!hosts.includes((req.headers.host ?? '').toLowerCase())) return false
  const origin = req.headers.origin
  return origin === undefined || hosts.some((h) => origin === `http://${h}`)
}

async function admin(deps: ServerDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (!isLoopback(req.socket)) return sendJson(res, 403, { error: '管理接口只接受本机访问' })
  if (!adminRequestAllowed(req)) return sendJson(res, 403, { error: '管理接口只接受本机、本服务地址的请求，已拒绝跨站请求' })
  const raw = await readBody(req)
  let body: unknown = undefined
  if (raw.length > 0) {
    try {
      body = JSON.parse(raw.toString('utf8'))
    } catch {
      return sendJson(res, 400, { error: '请求体不是合法的 JSON' })
    }
  }
  try {
    const [status, out] = handleAdmin(deps, { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body })
    sendJson(res, status, out)
  } catch (e) {
    if (e instanceof AdminError) return sendJson(res, e.status, { error: e.message })
    throw e
  }
}

export function createSandboxServer(deps: ServerDeps): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const route = async () => {
      const isNational = url.pathname === NATIONAL_PATH || url.pathname === EC_QUERY_PATH || url.pathname.startsWith(FILE_DOWNLOAD_PATH)
      if (isNational && deps.faults.isDown()) return drop(res)
      if (req.method === 'POST' && url.pathname === NATIONAL_PATH) return national(deps, req, res)
      if (req.method === 'POST' && url.pathname === EC_QUERY_PATH) {
        const raw = await readBody(req)
        let body: unknown
        try {
          body = JSON.parse(raw.toString('utf8'))
        } catch {
          body = undefined
        }
        return sendJson(res, 200, decodeQr(deps.db, body, deps.clock.now()))
      }
      if (req.method === 'GET' && url.pathname.startsWith(FILE_DOWNLOAD_PATH + '/')) {
        return download(deps, req, res, decodeURIComponent(url.pathname.slice(FILE_DOWNLOAD_PATH.length + 1)))
      }
      if (url.pathname === '/sandbox' || url.pathname.startsWith('/sandbox/')) return admin(deps, req, res, url)
      sendJson(res, 404, { error: `not found: ${req.method} ${url.pathname}` })
    }
    route().catch((e: unknown) => {
      if (e instanceof BodyTooLarge) return
      // Internal faults are reported without request data: bodies may hold names and ID numbers.
      process.stderr.write(`sandbox: internal error on ${req.method} ${url.pathname}: ${(e as Error).message}\n`)
      if (!res.headersSent) sendJson(res, 500, { error: 'sandbox internal error' })
      else res.destroy()
    })
  })
}
