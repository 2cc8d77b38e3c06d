import { randomBytes, timingSafeEqual } from 'node:crypto'

/** Long enough to open a slow browser by hand, short enough that a code read later is useless. */
export const LAUNCH_CODE_TTL_MS = 10 * 60_000

export type LaunchExchange = { ok: true; token: string } | { ok: false; reason: 'unknown' | 'used' | 'expired' }

/**
 * The browser is opened with a one-time code, never the token: a process's command line is readable by
 * every local user (/proc/<pid>/cmdline), for as long as the window is open. The page trades the code
 * for the token once, at its first load; after that, or after the TTL, the code opens nothing.
 */
export class LaunchCodes {
  private code: Buffer | undefined
  private issuedAt = 0
  private used = false

  constructor(
    private readonly token: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** A fresh code; the one before it stops working. */
  issue(): string {
    const code = randomBytes(32).toString('hex')
    this.code = Buffer.from(code)
    this.issuedAt = this.now()
    this.used = false
    return code
  }

  exchange(candidate: unknown): LaunchExchange {
    if (typeof candidate !== 'string' || !this.code) return { ok: false, reason: 'unknown' }
    const given = Buffer.from(candidate)
    if (given.length !== this.code.length || !timingSafeEqual(given, this.code)) return { ok: false, reason: 'unknown' }
    if (this.used) return { ok: false, reason: 'used' }
    this.used = true
    if (this.now() - this.issuedAt > LAUNCH_CODE_TTL_MS) return { ok: false, reason: 'expired' }
    return { ok: true, token: this.token }
  }
}
