import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createHash } from 'node:crypto'
import type { Socket } from 'node:net'
import iconv from 'iconv-lite'
import { handleAdmin, type AdminDeps } from '../admin/routes'
import { decodeQr } from '../ec/decode'
import { AdminError } from '../errors'
import type { Faults } from '../faults'
import type { TransactionInput } from '../../../shared/nhsa/transactions'
import { execute, parseCall, refusal, type DispatchDeps } from '../national/dispatch'
import { FILE_DOWNLOAD_PATH, unzipUpload } from '../national/handlers/files'
import { acceptsPath, inDialect, isMessagePath, quirkProfile, QuirksSchema, uploadAsBase64, type Quirks } from '../quirks'
import type { GatewayVerifier, TifVerifier } from './signature'
import { BodyTooLarge, readCappedBody } from '../../base/http/read-body'
import { prepared } from '../../base/store/statements'

const MAX_BODY_BYTES = 32 * 1024 * 1024

/** The run's gateway quirks, changed at run time through `POST /sandbox/quirks`. */
export interface QuirksHolder {
  get(): Quirks
  set(q: Quirks): void
}

export interface ServerDeps extends Omit<DispatchDeps, 'clock'>, AdminDeps {
  faults: Faults
  verifier: TifVerifier
  /** Checks x-ca signatures, for a run whose gateway profile signs that way. */
  xcaVerifier: GatewayVerifier
  quirks: QuirksHolder
}

/** The signature check of the gateway profile this run speaks. */
function verifierFor(deps: ServerDeps): GatewayVerifier {
  return quirkProfile(deps.quirks.get()).signing.scheme === 'x-ca' ? deps.xcaVerifier : deps.verifier
}

/** The JSON text of a request, in the gateway's body encoding. */
function bodyText(deps: ServerDeps, raw: Buffer): string {
  return iconv.decode(raw, quirkProfile(deps.quirks.get()).bodyEncoding)
}

const readBody = (req: IncomingMessage): Promise<Buffer> => readCappedBody(req, MAX_BODY_BYTES)

function sendJson(res: ServerResponse, status: number, body: unknown, encoding: 'utf-8' | 'gb2312' | 'gbk' = 'utf-8'): void {
  const bytes = iconv.encode(JSON.stringify(body), encoding)
  res.writeHead(status, { 'content-type': `application/json; charset=${encoding}`, 'content-length': bytes.length })
  res.end(bytes)
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

async function national(deps: ServerDeps, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const received = deps.clock.now()
  const quirks = deps.quirks.get()
  const profile = quirkProfile(quirks)
  const answer = (body: Parameters<typeof inDialect>[2], infno: string) => sendJson(res, 200, inDialect(quirks, infno, body), profile.bodyEncoding)
  const raw = await readBody(req)
  // x-ca covers the body's bytes, so the body is read before the check; nothing is parsed or acted on until it passes.
  const refusedSig = verifierFor(deps).verify(req.headers, received, raw)
  if (refusedSig) return sendJson(res, 401, { code: 401, message: refusedSig })
  let body: unknown
  try {
    body = JSON.parse(bodyText(deps, raw))
  } catch {
    return answer(refusal('报文不是合法的 JSON', received, deps.clock.now()), '')
  }
  // cainfo covers the input as sent, before its bytes are read back into base64.
  const sent = body
  if (profile.fileUpload === 'byte-array') {
    const read = uploadAsBase64(body)
    if (!read.ok) return answer(refusal(read.message, received, deps.clock.now()), '9101')
    body = read.body
  }
  const parsed = parseCall(deps, body)
  if (!parsed.ok) return answer(refusal(parsed.message, received, deps.clock.now()), '')
  const { infno } = parsed.call
  // A gateway routes by path: a message on another transaction's path never reaches the platform.
  if (!acceptsPath(quirks, path, infno)) return sendJson(res, 404, { code: 404, message: `此路径不受理 ${infno}` })
  if (profile.envelopeSign === 'sm3') {
    const env = sent as { signtype?: unknown; cainfo?: unknown; input?: unknown }
    const expected = createHash('sm3').update(JSON.stringify(env.input)).digest('hex')
    if (env.signtype !== 'SM3' || env.cainfo !== expected) return answer(refusal('cainfo 与 input 的 SM3 不符（未处理）', received, deps.clock.now()), infno)
  }
  const latency = deps.faults.latencyFor(infno)
  if (latency > 0) await sleep(latency)
  if (deps.faults.isDown()) return drop(res)
  if (deps.faults.refuseBeforeCommit(infno)) {
    return answer(refusal('平台繁忙，请稍后重试（未处理）', received, deps.clock.now()), infno)
  }
  if (parsed.call.infno === '9101') {
    const unzipped = await unzipUpload(parsed.call.input as TransactionInput<'9101'>)
    if (!unzipped.ok) return answer(refusal(unzipped.message, received, deps.clock.now()), infno)
    parsed.call.input = unzipped.input
  }
  const done = execute(deps, parsed.call, received)
  if (done.infcode === 0 && deps.faults.dropAfterCommit(infno)) return drop(res)
  if (infno === '9102' && done.infcode === 0 && !quirks.linkDownload)
    return sendZip(deps, res, (done.output as { data: { file_qury_no: string } }).data.file_qury_no)
  answer(done, infno)
}

/** 9102 as real gateways answer it: the file, zipped, as the body. */
async function sendZip(deps: ServerDeps, res: ServerResponse, fileNo: string): Promise<void> {
  const f = prepared(deps.db, 'SELECT filename, content FROM files WHERE file_qury_no = ?').get(fileNo) as { filename: string; content: Buffer }
  // Loaded when a quirk set asks for a raw ZIP, not at start (the app starts the sandbox for training).
  const { default: JSZip } = await import('jszip')
  const zip = new JSZip().file(f.filename, f.content)
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
  res.writeHead(200, { 'content-type': 'application/zip', 'content-length': bytes.length })
  res.end(bytes)
}

async function download(deps: ServerDeps, req: IncomingMessage, res: ServerResponse, fileNo: string): Promise<void> {
  const refusedSig = verifierFor(deps).verify(req.headers, deps.clock.now(), Buffer.alloc(0))
  if (refusedSig) return sendJson(res, 401, { code: 401, message: refusedSig })
  const f = prepared(deps.db, 'SELECT filename, content, sha256 FROM files WHERE file_qury_no = ?').get(fileNo) as
    { filename: string; content: Buffer; sha256: string } | undefined
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

/** `GET /sandbox/quirks` answers the run's quirks; `POST` with a body QuirksSchema reads sets them (loopback only, as all admin). */
async function quirksRoute(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!isLoopback(req.socket) || !adminRequestAllowed(req)) return sendJson(res, 403, { error: '管理接口只接受本机、本服务地址的请求' })
  if (req.method === 'GET') return sendJson(res, 200, deps.quirks.get())
  if (req.method !== 'POST') return sendJson(res, 405, { error: 'GET 或 POST' })
  let body: unknown
  try {
    body = JSON.parse((await readBody(req)).toString('utf8'))
  } catch {
    return sendJson(res, 400, { error: '请求体不是合法的 JSON' })
  }
  const q = QuirksSchema.safeParse(body)
  if (!q.success) return sendJson(res, 400, { error: `quirks 不正确：${q.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}` })
  deps.quirks.set(q.data)
  sendJson(res, 200, q.data)
}

export function createSandboxServer(deps: ServerDeps): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const route = async () => {
      const quirks = deps.quirks.get()
      const ecPath = quirkProfile(quirks).ecQueryPath
      const isMessage = isMessagePath(quirks, url.pathname)
      const isNational = isMessage || url.pathname === ecPath || url.pathname.startsWith(FILE_DOWNLOAD_PATH)
      if (isNational && deps.faults.isDown()) return drop(res)
      if (req.method === 'POST' && isMessage) return national(deps, req, res, url.pathname)
      if (req.method === 'POST' && url.pathname === ecPath) {
        const raw = await readBody(req)
        let body: unknown
        try {
          body = JSON.parse(bodyText(deps, raw))
        } catch {
          body = undefined
        }
        return sendJson(res, 200, decodeQr(deps.db, body, deps.clock.now()), quirkProfile(quirks).bodyEncoding)
      }
      if (url.pathname === '/sandbox/quirks') return quirksRoute(deps, req, res)
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
