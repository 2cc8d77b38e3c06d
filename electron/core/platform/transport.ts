import { createHash, randomBytes } from 'node:crypto'
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib'
import { TIF_HEADERS, tifSignaturePlaintext } from '../../../shared/nhsa'
import type { Clock } from '../clock'
import { PlatformError } from './errors'

/**
 * How bytes reach a provincial gateway. Signing schemes differ by province; each is one adapter behind
 * this interface, and the rest of the client never sees headers or secrets.
 */
export interface PlatformTransport {
  /** Posts JSON and answers the parsed JSON body, or throws a PlatformError that says what is known. */
  post(path: string, body: unknown): Promise<unknown>
  /** Lets go of idle connections (a transport left behind by a settings change); messages in flight finish. */
  close?(): void
}

export interface TifTransportOptions {
  baseUrl: string
  paasid: string
  secret: string
  timeoutMs: number
  clock: Clock
}

/** Failures that happen before a connection exists: nothing can have reached the platform. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])

/**
 * An idle connection is dropped after this long, and sooner when the gateway announces a shorter
 * keep-alive (Node's agent then closes it a second before the gateway would), so a message is never
 * written into a connection the gateway is closing: that message's fate would be unknown.
 */
const IDLE_MS = 4_000

class Deadline extends Error {}

/** We ask for no compression; a gateway that compresses anyway is still understood. */
function decoded(body: Buffer, encoding: string | undefined): Buffer {
  switch (encoding?.trim().toLowerCase()) {
    case undefined:
    case '':
    case 'identity':
      return body
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(body)
    case 'deflate':
      return inflateSync(body)
    case 'br':
      return brotliDecompressSync(body)
    default:
      throw new Error(`unknown content-encoding ${encoding}`)
  }
}

/**
 * The x-tif gateway scheme: paasid, timestamp, nonce and a SHA-256 signature over them and the secret.
 * One kept-alive connection carries message after message: a fresh TCP (and TLS) handshake and the
 * fetch machinery cost more than a whole platform answer on a local gateway.
 */
export function createTifTransport(opts: TifTransportOptions): PlatformTransport {
  const base = new URL(opts.baseUrl.replace(/\/+$/, ''))
  const secure = base.protocol === 'https:'
  const agentOptions = { keepAlive: true, maxSockets: 8, maxFreeSockets: 2, timeout: IDLE_MS }
  const agent = secure ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions)
  const send = secure ? httpsRequest : httpRequest
  const prefix = base.pathname === '/' ? '' : base.pathname

  function exchange(path: string, headers: Record<string, string>, payload: Buffer): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      // Whether the request may have left: not until a connection (and, for TLS, its handshake) exists.
      let connected = false
      let req: ClientRequest | undefined = undefined
      const timer = setTimeout(() => req?.destroy(new Deadline()), opts.timeoutMs)
      const fail = (e: unknown) => {
        clearTimeout(timer)
        reject(classify(e, connected))
      }
      req = send(
        {
          protocol: base.protocol,
          hostname: base.hostname.replace(/^\[(.*)\]$/, '$1'),
          port: base.port || undefined,
          path: prefix + path,
          method: 'POST',
          agent,
          headers: { ...headers, 'content-length': String(payload.length) },
        },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('error', () => fail(new PlatformError('lost', '医保平台的应答在传输中中断，结果未知')))
          res.on('close', () => {
            if (!res.complete) fail(new PlatformError('lost', '医保平台的应答在传输中中断，结果未知'))
          })
          res.on('end', () => {
            clearTimeout(timer)
            if (!res.complete) return reject(new PlatformError('lost', '医保平台的应答在传输中中断，结果未知'))
            try {
              resolve({ status: res.statusCode ?? 0, text: decoded(Buffer.concat(chunks), res.headers['content-encoding']).toString('utf8') })
            } catch {
              reject(new PlatformError('malformed', '医保平台的应答无法解压，结果未知'))
            }
          })
        },
      )
      req.on('socket', (socket) => {
        // A kept-alive connection is already up; a new one is not until its handshake is done.
        if (!socket.connecting) connected = true
        else socket.once(secure ? 'secureConnect' : 'connect', () => (connected = true))
      })
      req.on('error', fail)
      req.end(payload)
    })
  }

  function classify(e: unknown, connected: boolean): PlatformError {
    if (e instanceof PlatformError) return e
    if (e instanceof Deadline) {
      if (!connected) return new PlatformError('unreachable', `医保平台 ${opts.timeoutMs / 1000} 秒内无法连接，请求未发出`)
      return new PlatformError('lost', `医保平台 ${opts.timeoutMs / 1000} 秒内未应答，结果未知`)
    }
    const code = (e as { code?: string }).code
    if (!connected && code && NOT_SENT.has(code)) return new PlatformError('unreachable', `医保平台无法连接（${code}），请求未发出`)
    return new PlatformError('lost', `与医保平台的连接中断（${code ?? (e as Error).message}），结果未知`)
  }

  return {
    async post(path, body) {
      const ts = String(Math.floor(opts.clock.now().getTime() / 1000))
      // A fresh nonce on every send, retries included: gateways refuse a replayed nonce.
      const nonce = randomBytes(16).toString('hex')
      const signature = createHash('sha256').update(tifSignaturePlaintext(ts, opts.secret, nonce)).digest('hex')
      // Past one poll of the event loop first: a gateway's close that arrived while the loop was busy
      // (a long synchronous stretch) is read, and that connection dropped, before a message could be
      // written into it and its fate become unknown. Two turns: the first may end before the next poll.
      for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve))
      const { status, text } = await exchange(
        path,
        {
          'content-type': 'application/json',
          [TIF_HEADERS.paasid]: opts.paasid,
          [TIF_HEADERS.timestamp]: ts,
          [TIF_HEADERS.nonce]: nonce,
          [TIF_HEADERS.signature]: signature,
        },
        Buffer.from(JSON.stringify(body), 'utf8'),
      )
      if (status === 401 || status === 403) {
        throw new PlatformError('refused', `医保平台网关拒绝了签名（HTTP ${status}），请检查平台接入参数`)
      }
      if (status < 200 || status > 299) throw new PlatformError('lost', `医保平台返回 HTTP ${status}，结果未知`)
      try {
        return JSON.parse(text) as unknown
      } catch {
        throw new PlatformError('malformed', '医保平台的应答不是有效的 JSON，结果未知')
      }
    },
    close() {
      // Idle connections only: a message in flight finishes (its connection then times out idle).
      for (const sockets of Object.values(agent.freeSockets)) for (const socket of sockets ?? []) socket.destroy()
    },
  }
}
