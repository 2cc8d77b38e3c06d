import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { TransportErrorCodes, type CallResult } from '../../shared/contract'
import { WEB_CALL_PATH, WEB_EVENTS_PATH, WEB_EVENTS_PROTOCOL, WEB_LAUNCH_PATH, WEB_TOKEN_HEADER } from '../../shared/contract/names'
import type { Core } from '../core/core'
import { createGate } from './guards'
import { LaunchCodes } from './launch-code'
import { readStatic, resolveStatic } from '../base/http/static-files'
import { PAGE_SECURITY_HEADERS as SECURITY_HEADERS } from '../base/http/security-headers'

const MAX_BODY = 1 << 20
const LAUNCH_REFUSALS = {
  unknown: '启动码无效，请从收银程序重新打开页面',
  used: '启动码已使用过，不能再次使用；请从收银程序重新打开页面',
  expired: '启动码已过期，请从收银程序重新打开页面',
} as const

export interface WebShellOptions {
  core: Core
  rendererDir: string
  port?: number
  token?: string
  /** How long one request, body included, may take (Node's default is 5 minutes). */
  requestTimeoutMs?: number
}

/** A call's body is at most 1 MiB on loopback: milliseconds. Longer is a client holding a connection open. */
const REQUEST_TIMEOUT_MS = 30_000

export interface WebShell {
  url: string
  /** What the cashier's browser opens: the URL with a one-time code the page trades for the token. */
  launchUrl: string
  /** A new launch URL (the previous code stops working): to open the counter again in a fresh browser. */
  newLaunchUrl(): string
  port: number
  token: string
  close(): Promise<void>
}

function send(res: ServerResponse, status: number, body: CallResult | string, type = 'application/json; charset=utf-8') {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store' })
  res.end(typeof body === 'string' ? body : JSON.stringify(body))
}

function refuse(res: ServerResponse, status: number, code: string, message: string) {
  send(res, status, { ok: false, error: { code, message } })
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    // An oversized body is drained, not cut, so the client still reads the 413.
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size <= MAX_BODY) chunks.push(c)
    })
    req.on('end', () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/** The browser shell: the core behind HTTP + WebSocket on 127.0.0.1, serving the built renderer. */
export async function startWebShell(opts: WebShellOptions): Promise<WebShell> {
  const token = opts.token ?? randomBytes(32).toString('hex')
  const requestTimeout = opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS
  const server = createServer({
    requestTimeout,
    headersTimeout: requestTimeout,
    // How often Node looks for requests past their time (30 s by default, longer than the limit itself).
    connectionsCheckingInterval: Math.min(5_000, requestTimeout),
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const gate = createGate(port, token)
  const launchCodes = new LaunchCodes(token)
  const { core } = opts

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'INTERNAL', TransportErrorCodes.INTERNAL)
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (!gate.hostAllowed(req)) return refuse(res, 421, 'FORBIDDEN_HOST', '主机名不正确，已拒绝')
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)
    if (url.pathname.startsWith('/api/')) {
      if (!gate.originAllowed(req, false)) return refuse(res, 403, 'FORBIDDEN_ORIGIN', '请求来自其他网站，已拒绝')
      if (url.pathname === WEB_LAUNCH_PATH) return launch(req, res)
      if (!gate.tokenValid(req.headers[WEB_TOKEN_HEADER] as string | undefined)) {
        return refuse(res, 401, 'UNAUTHORIZED', TransportErrorCodes.UNAUTHORIZED)
      }
      const match = url.pathname.startsWith(WEB_CALL_PATH) ? /^[A-Za-z]+$/.exec(url.pathname.slice(WEB_CALL_PATH.length)) : null
      if (!match || req.method !== 'POST') return refuse(res, 404, 'UNKNOWN_CALL', TransportErrorCodes.UNKNOWN_CALL)
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return refuse(res, 415, 'INVALID_INPUT', `${TransportErrorCodes.INVALID_INPUT}：需要 JSON`)
      }
      const body = await readBody(req)
      if (body === undefined) return refuse(res, 413, 'INVALID_INPUT', `${TransportErrorCodes.INVALID_INPUT}：内容过大`)
      let input: unknown
      try {
        input = body.length ? JSON.parse(body) : {}
      } catch {
        return refuse(res, 400, 'INVALID_INPUT', `${TransportErrorCodes.INVALID_INPUT}：不是有效的 JSON`)
      }
      const result = await core.dispatch(match[0], input)
      const status = result.ok ? 200 : result.error.code === 'INVALID_INPUT' || result.error.code === 'UNKNOWN_CALL' ? 400 : 200
      return send(res, status, result)
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'METHOD_NOT_ALLOWED', '不支持的请求方法')
    const found = await resolveStatic(opts.rendererDir, url.pathname)
    if (!found) return send(res, 404, 'Not found', 'text/plain; charset=utf-8')
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': found.type, 'Cache-Control': 'no-cache' })
    res.end(req.method === 'HEAD' ? undefined : await readStatic(found.file))
  }

  /** The page's first request: its one-time launch code for this run's token, in the answer's body. */
  async function launch(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== 'POST') return refuse(res, 405, 'METHOD_NOT_ALLOWED', '不支持的请求方法')
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return refuse(res, 415, 'INVALID_INPUT', `${TransportErrorCodes.INVALID_INPUT}：需要 JSON`)
    }
    const body = await readBody(req)
    let code: unknown
    try {
      code = (JSON.parse(body ?? '') as { code?: unknown } | null)?.code
    } catch {
      code = undefined
    }
    const exchanged = launchCodes.exchange(code)
    if (!exchanged.ok) return refuse(res, 401, 'LAUNCH_CODE_INVALID', LAUNCH_REFUSALS[exchanged.reason])
    return send(res, 200, { ok: true, value: { token: exchanged.token } })
  }

  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has(WEB_EVENTS_PROTOCOL) ? WEB_EVENTS_PROTOCOL : false),
  })
  const sockets = new Set<WebSocket>()
  server.on('upgrade', (req, socket, head) => {
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim())
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)
    const ok =
      url.pathname === WEB_EVENTS_PATH &&
      gate.hostAllowed(req) &&
      gate.originAllowed(req, true) &&
      offered.includes(WEB_EVENTS_PROTOCOL) &&
      offered.some((p) => gate.tokenValid(p))
    if (!ok) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws)
      ws.on('close', () => sockets.delete(ws))
    })
  })
  const unsubscribe = core.events.subscribe((event, payload) => {
    const message = JSON.stringify({ event, payload })
    for (const ws of sockets) ws.send(message)
  })

  const url = `http://127.0.0.1:${port}/`
  const newLaunchUrl = () => `${url}#code=${launchCodes.issue()}`
  return {
    url,
    launchUrl: newLaunchUrl(),
    newLaunchUrl,
    port,
    token,
    async close() {
      unsubscribe()
      for (const ws of sockets) ws.close(1001, 'shutting down')
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
