import { X509Certificate } from 'node:crypto'
import { isIP } from 'node:net'
import { PosError } from '../../../shared/contract'

/** Loopback: a gateway relay on the counter itself (and the tests) is not on any network to secure. */
function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase()
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  if (isIP(host) === 4) return host.startsWith('127.')
  return host === '::1'
}

/**
 * The gateway's URL, checked. The live gateway carries ID numbers and settles money: over plain http
 * anyone on the path could read and rewrite both (the x-tif signature covers neither body nor answer),
 * so live mode speaks https only, loopback excepted.
 */
export function gatewayEndpoint(baseUrl: string, opts: { live: boolean }): URL {
  let url: URL
  try {
    url = new URL(baseUrl.replace(/\/+$/, ''))
  } catch {
    throw new PosError('PLATFORM_URL_INVALID', { url: baseUrl })
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new PosError('PLATFORM_URL_INVALID', { why: 'notHttps' })
  }
  if (opts.live && url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new PosError('PLATFORM_URL_INSECURE')
  }
  return url
}

/** At most this much PEM text: a province's chain is a few certificates of a few KB each. */
export const CA_PEM_MAX_CHARS = 64 * 1024

/**
 * Checks a province's CA certificate(s) given as PEM text: each block must parse as an X.509
 * certificate, within its validity period. Answers the text normalised (blocks only, nothing around).
 */
export function validatedGatewayCa(pem: string, now: Date): string {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? []
  const outside = blocks.reduce((rest, b) => rest.replace(b, ''), pem).trim()
  if (!blocks.length || outside) {
    throw new PosError('PLATFORM_CA_INVALID', { why: 'notPem' })
  }
  for (const [i, block] of blocks.entries()) {
    let cert: X509Certificate
    try {
      cert = new X509Certificate(block)
    } catch {
      throw new PosError('PLATFORM_CA_INVALID', { why: 'unparsable', part: i + 1 })
    }
    if (new Date(cert.validTo) < now || new Date(cert.validFrom) > now) {
      throw new PosError('PLATFORM_CA_INVALID', {
        why: 'notValidNow',
        part: i + 1,
        subject: cert.subject.replace(/\n/g, ', '),
        from: cert.validFrom,
        to: cert.validTo,
      })
    }
  }
  return blocks.join('\n') + '\n'
}
