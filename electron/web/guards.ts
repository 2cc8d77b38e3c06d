import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/**
 * The browser shell's gatekeeping. Loopback alone is not enough: any web page the cashier opens can
 * make the browser send requests to 127.0.0.1 (cross-site requests, DNS rebinding), so every request
 * must name our own host, come from our own origin if it names one, and carry this run's token.
 */
export interface Gate {
  hostAllowed(req: IncomingMessage): boolean
  /** A request without Origin (curl, the tests' HTTP client) passes; a browser always sends one on POST. */
  originAllowed(req: IncomingMessage, required: boolean): boolean
  tokenValid(candidate: string | undefined): boolean
}

export function createGate(port: number, token: string): Gate {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  const origins = new Set([...hosts].map((h) => `http://${h}`))
  const expected = Buffer.from(token)
  return {
    hostAllowed: (req) => hosts.has(req.headers.host ?? ''),
    originAllowed: (req, required) => {
      const origin = req.headers.origin
      if (origin === undefined) return !required
      return origins.has(origin)
    },
    tokenValid: (candidate) => {
      if (!candidate) return false
      const given = Buffer.from(candidate)
      return given.length === expected.length && timingSafeEqual(given, expected)
    },
  }
}
