import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import { TIF_HEADERS, tifSignaturePlaintext } from '../../../shared/nhsa/envelope'

const WINDOW_S = 300

export function tifSignature(timestamp: string, secret: string, nonce: string): string {
  return createHash('sha256').update(tifSignaturePlaintext(timestamp, secret, nonce)).digest('hex')
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

/**
 * The gateway check: known paasid, timestamp within 300 s of the sandbox clock, a nonce not seen in
 * that window (a captured request cannot be replayed), and the signature. Returns the refusal reason.
 */
export class TifVerifier {
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
