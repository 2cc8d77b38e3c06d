import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import { TIF_HEADERS, tifSignaturePlaintext } from '../../../shared/nhsa/envelope'
import { XCA_HEADERS, xcaSignatureHead } from '../../../shared/nhsa/profiles'

const WINDOW_S = 300

export function tifSignature(timestamp: string, secret: string, nonce: string): string {
  return createHash('sha256')
    .update(tifSignaturePlaintext(timestamp, secret, nonce))
    .digest('hex')
}

/** The x-tif headers for a request signed now: what a client adapter sends. */
export function signTifHeaders(paasid: string, secret: string, now: Date, nonce: string): Record<string, string> {
  const ts = String(Math.floor(now.getTime() / 1000))
  return {
    [TIF_HEADERS.paasid]: paasid,
    [TIF_HEADERS.timestamp]: ts,
    [TIF_HEADERS.nonce]: nonce,
    [TIF_HEADERS.signature]: tifSignature(ts, secret, nonce),
  }
}

/** A gateway's signature check: the refusal reason, or null. `body` is the request's bytes as received. */
export interface GatewayVerifier {
  verify(headers: IncomingHttpHeaders, now: Date, body?: Buffer): string | null
}

const header = (headers: IncomingHttpHeaders, name: string) => {
  const v = headers[name]
  return typeof v === 'string' ? v : undefined
}

/** hex HMAC-SM3(secret, key \n timestamp \n nonce \n body bytes): the x-ca scheme (Zhejiang-like). */
export function xcaSignature(key: string, secret: string, timestamp: string, nonce: string, body: Buffer): string {
  return createHmac('sm3', secret)
    .update(xcaSignatureHead(key, timestamp, nonce))
    .update(body)
    .digest('hex')
}

/** Remembers nonces inside the window, so a captured request cannot be replayed. */
class NonceWindow {
  private readonly seen = new Map<string, number>()

  /** False when this nonce was already used. */
  fresh(key: string, nowS: number): boolean {
    if (this.seen.size >= 10_000) for (const [k, t] of this.seen) if (nowS - t > WINDOW_S * 2) this.seen.delete(k)
    if (this.seen.has(key)) return false
    this.seen.set(key, nowS)
    return true
  }
}

/**
 * The x-ca gateway check: the known key, a millisecond timestamp within 300 s, a fresh nonce, and an
 * HMAC-SM3 over the body's bytes exactly as sent (GB2312 on such a gateway): a body re-encoded on the way fails.
 */
export class XcaVerifier implements GatewayVerifier {
  private readonly nonces = new NonceWindow()

  constructor(
    private readonly key: string,
    private readonly secret: string,
  ) {}

  verify(headers: IncomingHttpHeaders, now: Date, body: Buffer = Buffer.alloc(0)): string | null {
    const key = header(headers, XCA_HEADERS.key)
    const ts = header(headers, XCA_HEADERS.timestamp)
    const nonce = header(headers, XCA_HEADERS.nonce)
    const sig = header(headers, XCA_HEADERS.signature)
    if (!key || !ts || !nonce || !sig) return '缺少 x-ca-key / x-ca-timestamp / x-ca-nonce / x-ca-signature'
    if (key !== this.key) return 'x-ca-key 未注册'
    if (!/^\d{1,15}$/.test(ts)) return 'x-ca-timestamp 须为 unix 毫秒'
    const nowS = Math.floor(now.getTime() / 1000)
    if (Math.abs(now.getTime() - Number(ts)) > WINDOW_S * 1000) return 'x-ca-timestamp 超出 300 秒'
    const expected = Buffer.from(xcaSignature(key, this.secret, ts, nonce, body), 'utf8')
    const given = Buffer.from(sig.toLowerCase(), 'utf8')
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'x-ca-signature 签名错误'
    if (!this.nonces.fresh(`${key}|${nonce}`, nowS)) return 'x-ca-nonce 已使用（重放）'
    return null
  }
}

/**
 * The gateway check: known paasid, timestamp within 300 s of the sandbox clock, a nonce not seen in
 * that window (a captured request cannot be replayed), and the signature. Returns the refusal reason.
 */
export class TifVerifier implements GatewayVerifier {
  private readonly seen = new Map<string, number>()

  constructor(
    private readonly paasid: string,
    private readonly secret: string,
  ) {}

  verify(headers: IncomingHttpHeaders, now: Date): string | null {
    const h = (name: string) => {
      const v = headers[name]
      return typeof v === 'string' ? v : undefined
    }
    const paasid = h(TIF_HEADERS.paasid)
    const ts = h(TIF_HEADERS.timestamp)
    const nonce = h(TIF_HEADERS.nonce)
    const sig = h(TIF_HEADERS.signature)
    if (!paasid || !ts || !nonce || !sig) return '缺少 x-tif-paasid / x-tif-timestamp / x-tif-nonce / x-tif-signature'
    if (paasid !== this.paasid) return 'x-tif-paasid 未注册'
    if (!/^\d{1,12}$/.test(ts)) return 'x-tif-timestamp 须为 unix 秒'
    const nowS = Math.floor(now.getTime() / 1000)
    if (Math.abs(nowS - Number(ts)) > WINDOW_S) return 'x-tif-timestamp 超出 300 秒'
    const expected = Buffer.from(tifSignature(ts, this.secret, nonce), 'utf8')
    const given = Buffer.from(sig.toLowerCase(), 'utf8')
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'x-tif-signature 签名错误'
    this.forgetOld(nowS)
    const key = `${paasid}|${nonce}`
    if (this.seen.has(key)) return 'x-tif-nonce 已使用（重放）'
    this.seen.set(key, nowS)
    return null
  }

  private forgetOld(nowS: number): void {
    if (this.seen.size < 10_000) return
    for (const [k, t] of this.seen) if (nowS - t > WINDOW_S * 2) this.seen.delete(k)
  }
}
