import { createHash, randomBytes } from 'node:crypto'
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
}

export interface TifTransportOptions {
  baseUrl: string
  paasid: string
  secret: string
  timeoutMs: number
  clock: Clock
}

const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT'])

function causeCode(e: unknown): string | undefined {
  const cause = (e as { cause?: { code?: string; cause?: { code?: string } } }).cause
  return cause?.code ?? cause?.cause?.code
}

/** The x-tif gateway scheme: paasid, timestamp, nonce and a SHA-256 signature over them and the secret. */
export function createTifTransport(opts: TifTransportOptions): PlatformTransport {
  const base = opts.baseUrl.replace(/\/+$/, '')
  return {
    async post(path, body) {
      const ts = String(Math.floor(opts.clock.now().getTime() / 1000))
      // A fresh nonce on every send, retries included: gateways refuse a replayed nonce.
      const nonce = randomBytes(16).toString('hex')
      const signature = createHash('sha256').update(tifSignaturePlaintext(ts, opts.secret, nonce)).digest('hex')
      let res: Response
      try {
        res = await fetch(base + path, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [TIF_HEADERS.paasid]: opts.paasid,
            [TIF_HEADERS.timestamp]: ts,
            [TIF_HEADERS.nonce]: nonce,
            [TIF_HEADERS.signature]: signature,
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(opts.timeoutMs),
        })
      } catch (e) {
        const code = causeCode(e)
        if (code && NOT_SENT.has(code)) {
          throw new PlatformError('unreachable', `医保平台无法连接（${code}），请求未发出`)
        }
        if ((e as Error).name === 'TimeoutError') {
          throw new PlatformError('lost', `医保平台 ${opts.timeoutMs / 1000} 秒内未应答，结果未知`)
        }
        throw new PlatformError('lost', `与医保平台的连接中断（${code ?? (e as Error).message}），结果未知`)
      }
      let text: string
      try {
        text = await res.text()
      } catch {
        throw new PlatformError('lost', '医保平台的应答在传输中中断，结果未知')
      }
      if (res.status === 401 || res.status === 403) {
        throw new PlatformError('refused', `医保平台网关拒绝了签名（HTTP ${res.status}），请检查平台接入参数`)
      }
      if (!res.ok) throw new PlatformError('lost', `医保平台返回 HTTP ${res.status}，结果未知`)
      try {
        return JSON.parse(text) as unknown
      } catch {
        throw new PlatformError('malformed', '医保平台的应答不是有效的 JSON，结果未知')
      }
    },
  }
}
