import { createHash, createHmac, randomBytes } from 'node:crypto'
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { rootCertificates } from 'node:tls'
import iconv from 'iconv-lite'
import { TIF_HEADERS, tifSignaturePlaintext } from '../../../shared/nhsa'
import { resolveProfile, TIF_SERVICE_ID_HEADER, XCA_HEADERS, xcaSignatureHead, type GatewayProfile } from '../../../shared/nhsa/profiles'
import type { Clock } from '../../base/clock'
import { AnswerTooLarge, createBodyReader, type BodyLimits } from './answer-body'
import { PlatformError } from './errors'
import { gatewayEndpoint } from './gateway-endpoint'

/**
 * How bytes reach a provincial gateway. Signing schemes differ by province; each is one adapter behind
 * this interface, and the rest of the client never sees headers or secrets.
 */
export interface PlatformTransport {
  /** Posts JSON and answers the parsed JSON body, or throws a PlatformError that says what is known. */
  post(path: string, body: unknown): Promise<unknown>
  /**
   * Fetches a file the platform announced (9102's `download_url`, or a path on the gateway) with a
   * signed GET. Refuses a URL on any other origin: the signature is never sent anywhere but the gateway.
   * `maxBytes`: the size the platform announced; a longer body is cut off and refused (DownloadTooLarge).
   * Optional: a transport that only relays messages (a test's or bench's wrapper) need not download.
   */
  download?(urlOrPath: string, opts?: { maxBytes?: number }): Promise<Buffer>
  /**
   * Posts a message whose answer may be a file (9102 on a gateway that answers the ZIP itself): the
   * ZIP's bytes, or the JSON envelope when the gateway answered with one (a refusal).
   */
  postForFile?(path: string, body: unknown): Promise<{ kind: 'zip'; bytes: Buffer } | { kind: 'json'; answer: unknown }>
  /** Lets go of idle connections (a transport left behind by a settings change); messages in flight finish. */
  close?(): void
}

export interface TifTransportOptions {
  baseUrl: string
  paasid: string
  secret: string
  timeoutMs: number
  clock: Clock
  /** The live gateway: `https` only (loopback excepted), see gatewayEndpoint. */
  live?: boolean
  /** The province's own CA certificates (PEM), trusted for this gateway's TLS besides the system's. */
  caPem?: string
  /** Answer size caps on the wire and once decompressed; the defaults suit every interface message. */
  answerLimits?: BodyLimits
  /** How this gateway signs and encodes (shared/nhsa/profiles); the national default without it. */
  profile?: GatewayProfile
}

/**
 * The largest message answer accepted, compressed and decompressed. The largest real answers (a 1101 with
 * every insurance record, a 2102 with its settlement details) are tens of kilobytes; files are fetched
 * with download(), capped by the size the platform announced.
 */
export const ANSWER_LIMITS: BodyLimits = { wireBytes: 4 * 1024 * 1024, decodedBytes: 4 * 1024 * 1024 }
/** Every ZIP starts with a local file header. */
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04])
/** A download without an announced size (a path on the gateway) is still capped. */
const DOWNLOAD_CAP = 512 * 1024 * 1024

/** Failures that happen before a connection exists: nothing can have reached the platform. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])
/** The gateway's certificate failed verification: the handshake stopped, so nothing was sent either. */
const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
])

/**
 * An idle connection is dropped after this long, and sooner when the gateway announces a shorter
 * keep-alive (Node's agent then closes it a second before the gateway would), so a message is never
 * written into a connection the gateway is closing: that message's fate would be unknown.
 */
const IDLE_MS = 4_000

class Deadline extends Error {}

/** A download's body grew past the size the platform announced for it. */
export class DownloadTooLarge extends PlatformError {
  constructor(readonly maxBytes: number) {
    super('malformed', `医保平台发来的文件超过它声明的 ${maxBytes} 字节，已停止下载`)
    this.name = 'DownloadTooLarge'
  }
}

interface Exchange {
  method: 'POST' | 'GET'
  path: string
  headers: Record<string, string>
  payload?: Buffer
  /** The deadline restarts on every chunk received: a large file that keeps arriving is not cut off. */
  idleDeadline?: boolean
  limits: BodyLimits
  /** A download's announced size: a body past it is refused as DownloadTooLarge. */
  announcedBytes?: number
}

/** Names the settings to check in a transport error: the manager fixes it under 设置, not in code. */
function checkHint(profile: GatewayProfile): string {
  return `请店长在「设置」中核对平台地址和网关配置「${profile.name}」`
}

/**
 * A provincial gateway as its profile describes it: the x-tif scheme (paasid, timestamp, nonce and a
 * SHA-256 signature over them and the secret) or x-ca (an HMAC-SM3 over the body's bytes), bodies in
 * UTF-8 or GB2312/GBK. One kept-alive connection carries message after message: a fresh TCP (and TLS) handshake and the
 * fetch machinery cost more than a whole platform answer on a local gateway.
 */
export function createTifTransport(opts: TifTransportOptions): PlatformTransport {
  const profile = opts.profile ?? resolveProfile()
  const hint = checkHint(profile)
  const base = gatewayEndpoint(opts.baseUrl, { live: opts.live ?? false })
  const secure = base.protocol === 'https:'
  const agentOptions = { keepAlive: true, maxSockets: 16, maxFreeSockets: 16, timeout: IDLE_MS }
  // Node's `ca` replaces the system roots; the province's CA is added to them, not put in their place.
  const agent = secure ? new HttpsAgent({ ...agentOptions, ...(opts.caPem ? { ca: [...rootCertificates, opts.caPem] } : {}) }) : new HttpAgent(agentOptions)
  const send = secure ? httpsRequest : httpRequest
  const prefix = base.pathname === '/' ? '' : base.pathname

  function exchange(x: Exchange): Promise<{ status: number; body: Buffer }> {
    return new Promise((resolve, reject) => {
      // Whether the request may have left: not until a connection (and, for TLS, its handshake) exists.
      let connected = false
      let req: ClientRequest | undefined = undefined
      /** Set when we cut the answer off ourselves: that, not the broken stream, is what to report. */
      let cutOff: PlatformError | undefined
      const timer = setTimeout(() => req?.destroy(new Deadline()), opts.timeoutMs)
      const fail = (e: unknown) => {
        clearTimeout(timer)
        reject(classify(cutOff ?? e, connected))
      }
      req = send(
        {
          protocol: base.protocol,
          hostname: base.hostname.replace(/^\[(.*)\]$/, '$1'),
          port: base.port || undefined,
          path: x.path,
          method: x.method,
          agent,
          headers: x.payload ? { ...x.headers, 'content-length': String(x.payload.length) } : x.headers,
        },
        (res: IncomingMessage) => {
          const cut = (e: PlatformError) => {
            cutOff ??= e
            req?.destroy(cutOff)
          }
          let body: ReturnType<typeof createBodyReader>
          try {
            body = createBodyReader(res.headers['content-encoding'], x.limits)
          } catch (e) {
            return cut(e as PlatformError)
          }
          body.onTooLarge(cut)
          let received = 0
          res.on('data', (c: Buffer) => {
            if (cutOff) return
            received += c.length
            if (x.announcedBytes !== undefined && received > x.announcedBytes) return cut(new DownloadTooLarge(x.announcedBytes))
            const problem = body.write(c)
            if (problem) return cut(problem)
            if (x.idleDeadline) timer.refresh()
          })
          res.on('error', () => fail(new PlatformError('lost', '医保平台的应答在传输中中断，结果未知')))
          res.on('close', () => {
            if (!res.complete) fail(new PlatformError('lost', '医保平台的应答在传输中中断，结果未知'))
          })
          res.on('end', () => {
            if (cutOff) return fail(cutOff)
            if (!res.complete) return fail(new PlatformError('lost', '医保平台的应答在传输中中断，结果未知'))
            body.end().then(
              (decoded) => {
                clearTimeout(timer)
                resolve({ status: res.statusCode ?? 0, body: decoded })
              },
              (e: unknown) => fail(e),
            )
          })
        },
      )
      req.on('socket', (socket) => {
        // A kept-alive connection is already up; a new one is not until its handshake is done.
        if (!socket.connecting) connected = true
        else socket.once(secure ? 'secureConnect' : 'connect', () => (connected = true))
      })
      req.on('error', fail)
      req.end(x.payload)
    })
  }

  /** The signature headers for one request; x-ca covers the body's bytes, x-tif does not. */
  function signed(payload: Buffer = Buffer.alloc(0)): Record<string, string> {
    // A fresh nonce on every send, retries included: gateways refuse a replayed nonce.
    const nonce = randomBytes(16).toString('hex')
    if (profile.signing.scheme === 'x-ca') {
      const ts = String(opts.clock.now().getTime())
      const signature = createHmac('sm3', opts.secret)
        .update(xcaSignatureHead(opts.paasid, ts, nonce))
        .update(payload)
        .digest('hex')
      return { [XCA_HEADERS.key]: opts.paasid, [XCA_HEADERS.timestamp]: ts, [XCA_HEADERS.nonce]: nonce, [XCA_HEADERS.signature]: signature }
    }
    const ts = String(Math.floor(opts.clock.now().getTime() / 1000))
    const signature = createHash('sha256')
      .update(tifSignaturePlaintext(ts, opts.secret, nonce))
      .digest('hex')
    return {
      [TIF_HEADERS.paasid]: opts.paasid,
      [TIF_HEADERS.timestamp]: ts,
      [TIF_HEADERS.nonce]: nonce,
      [TIF_HEADERS.signature]: signature,
      ...(profile.signing.serviceId ? { [TIF_SERVICE_ID_HEADER]: profile.signing.serviceId } : {}),
    }
  }

  /** An answer's text: JSON in the profile's encoding, or a clear word on what came instead. */
  function answerJson(answer: Buffer): unknown {
    const text = iconv
      .decode(answer, profile.bodyEncoding)
      .replace(/^\uFEFF/, '')
      .trim()
    if (!text) throw new PlatformError('malformed', `医保平台返回了空的应答，结果未知；${hint}的路径方式`)
    if (text.startsWith('<')) throw new PlatformError('malformed', `医保平台地址返回的是网页而不是接口应答，结果未知；${hint}的路径方式`)
    try {
      return JSON.parse(text) as unknown
    } catch {
      throw new PlatformError('malformed', `医保平台的应答不是有效的 JSON，结果未知；${hint}的报文编码（${profile.bodyEncoding}）`)
    }
  }

  /** Posts a message signed and encoded per the profile; answers the body of a 2xx answer. */
  async function postBytes(path: string, body: unknown, limits: BodyLimits, idleDeadline: boolean): Promise<Buffer> {
    const payload = iconv.encode(JSON.stringify(body), profile.bodyEncoding)
    const headers = signed(payload)
    // Past one poll of the event loop first: a gateway's close that arrived while the loop was busy
    // (a long synchronous stretch) is read, and that connection dropped, before a message could be
    // written into it and its fate become unknown. Two turns: the first may end before the next poll.
    await settle()
    const { status, body: answer } = await exchange({
      method: 'POST',
      path: prefix + path,
      headers: { 'content-type': `application/json; charset=${profile.bodyEncoding === 'utf-8' ? 'UTF-8' : profile.bodyEncoding.toUpperCase()}`, ...headers },
      payload,
      idleDeadline,
      limits,
    })
    if (status === 401 || status === 403) {
      throw new PlatformError(
        'refused',
        `医保平台网关拒绝了签名（HTTP ${status}），请检查平台接入参数：${hint}的签名方式（${profile.signing.scheme}）、接入账号和密钥`,
      )
    }
    // The gateway has no such service: nothing was routed to the platform, so nothing can have happened.
    if (status === 404 || status === 405) throw new PlatformError('refused', `医保平台网关没有这个接口（HTTP ${status}），请求未处理；${hint}的路径方式`)
    if (status < 200 || status > 299) throw new PlatformError('lost', `医保平台返回 HTTP ${status}，结果未知；若一直如此，${hint}`)
    return answer
  }

  /** Past one poll of the event loop (see post). */
  async function settle(): Promise<void> {
    for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve))
  }

  /** The request path of a download: a path on the gateway, or an absolute URL on the gateway's origin only. */
  function downloadPath(urlOrPath: string): string {
    if (urlOrPath.startsWith('/') && !urlOrPath.startsWith('//')) return prefix + urlOrPath
    let url: URL
    try {
      url = new URL(urlOrPath)
    } catch {
      throw new PlatformError('malformed', '医保平台给出的下载地址无效，未下载')
    }
    if (url.origin !== base.origin) {
      throw new PlatformError('malformed', `医保平台给出的下载地址不在平台网关（${base.origin}）上，已拒绝下载：接入凭证只发往网关`)
    }
    return url.pathname + url.search
  }

  function classify(e: unknown, connected: boolean): PlatformError {
    if (e instanceof PlatformError) return e
    if (e instanceof Deadline) {
      if (!connected) return new PlatformError('unreachable', `医保平台 ${opts.timeoutMs / 1000} 秒内无法连接，请求未发出`)
      return new PlatformError('lost', `医保平台 ${opts.timeoutMs / 1000} 秒内未应答，结果未知`)
    }
    const code = (e as { code?: string }).code
    if (!connected && code && UNTRUSTED.has(code)) {
      return new PlatformError('unreachable', `医保平台的证书无法验证（${code}），请求未发出；省平台若使用自己的 CA，请店长在「设置」中添加其 CA 证书`)
    }
    if (!connected && code && NOT_SENT.has(code)) return new PlatformError('unreachable', `医保平台无法连接（${code}），请求未发出`)
    return new PlatformError('lost', `与医保平台的连接中断（${code ?? (e as Error).message}），结果未知`)
  }

  return {
    async post(path, body) {
      return answerJson(await postBytes(path, body, opts.answerLimits ?? ANSWER_LIMITS, false))
    },
    async postForFile(path, body) {
      // A file keeps arriving for as long as it is long: the deadline restarts on every chunk.
      const bytes = await postBytes(path, body, { wireBytes: DOWNLOAD_CAP, decodedBytes: DOWNLOAD_CAP }, true)
      if (bytes.subarray(0, 4).equals(ZIP_MAGIC)) return { kind: 'zip', bytes }
      return { kind: 'json', answer: answerJson(bytes) }
    },
    async download(urlOrPath, dl = {}) {
      const path = downloadPath(urlOrPath)
      const headers = signed()
      await settle()
      let status: number
      let body: Buffer
      try {
        const cap = dl.maxBytes ?? DOWNLOAD_CAP
        ;({ status, body } = await exchange({
          method: 'GET',
          path,
          headers,
          idleDeadline: true,
          announcedBytes: dl.maxBytes,
          limits: { wireBytes: cap, decodedBytes: cap },
        }))
      } catch (e) {
        // A GET changes nothing on the platform: whatever broke, downloading again is safe.
        if (e instanceof PlatformError && !(e instanceof DownloadTooLarge) && !(e instanceof AnswerTooLarge) && e.failure !== 'unreachable') {
          throw new PlatformError(e.failure, e.message.replace(/，结果未知$/, '，文件未下载完，请重新下载'))
        }
        throw e
      }
      if (status === 401 || status === 403) {
        throw new PlatformError('refused', `医保平台网关拒绝了下载的签名（HTTP ${status}），请检查平台接入参数：${hint}的签名方式（${profile.signing.scheme}）`)
      }
      if (status === 404 || status === 410) {
        throw new PlatformError('refused', `医保平台上找不到要下载的文件（HTTP ${status}），可能已过期，请重新下载`)
      }
      if (status < 200 || status > 299) throw new PlatformError('lost', `医保平台返回 HTTP ${status}，文件未下载，请稍后重新下载`)
      return body
    },
    close() {
      // Idle connections only: a message in flight finishes (its connection then times out idle).
      for (const sockets of Object.values(agent.freeSockets)) for (const socket of sockets ?? []) socket.destroy()
    },
  }
}
