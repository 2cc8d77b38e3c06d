import type { Clock } from '../../base/clock'
import { PlatformError } from '../platform'

export type ConnectivityState = 'online' | 'degraded' | 'offline'

/** What one platform exchange tells about the line: answered (even a refusal is an answer), or not. */
export type Evidence = { ok: true; ms: number } | { ok: false; why: string }

export interface ConnectivityOptions {
  /** An answer slower than this counts against the line, though it arrived. */
  slowMs?: number
  /** Failures in a row before the counter goes offline (fewer make it degraded). */
  offlineAfter?: number
  /** Good answers in a row before a degraded or offline counter is online again. */
  onlineAfter?: number
  /** Slow answers in a row before an online counter is degraded. */
  degradedAfterSlow?: number
}

export interface ConnectivityView {
  state: ConnectivityState
  since: string
  /** The last failure, in words, while not online. */
  reason: string | null
  lastOkAt: string | null
}

/** Classifies what a platform call threw: only the platform's own answer proves the line works. */
export function evidenceOf(e: unknown, ms: number): Evidence {
  if (e instanceof PlatformError) {
    // A refusal the platform itself wrote (it names the transaction) proves the line works; a gateway's
    // refusal of the signature does not: nothing gets through until someone fixes the credentials.
    if (isPlatformDecision(e)) return { ok: true, ms }
    return { ok: false, why: e.message }
  }
  return { ok: false, why: e instanceof Error ? e.message : String(e) }
}

/** The platform's "busy, not processed" refusal: nothing was done, and the line is not healthy. */
export const BUSY = /繁忙|稍后重试|未处理/

/**
 * The platform's refusal of a msgid another, different message already took (electron/sandbox/national/
 * idempotency.ts). It says nothing about the message itself, which was never processed under it: the
 * fault is local (two counters of one institution issuing the same msgids).
 */
export const MSGID_TAKEN = /已被另一笔不同的报文使用/

export function isMsgidCollision(e: PlatformError): boolean {
  return e.failure === 'refused' && MSGID_TAKEN.test(e.message)
}

/** The platform read the message and refused it for what it says: final, not a reason to try again. */
export function isPlatformDecision(e: PlatformError, infno?: string): boolean {
  return e.failure === 'refused' && e.infno !== undefined && (infno === undefined || e.infno === infno) && !BUSY.test(e.message)
}

/**
 * The counter's view of the line to the platform, from evidence only (calls that answered or failed,
 * and the health probe), with hysteresis so one slow or lost answer never flips the screen: it takes
 * several failures in a row to go offline and several good answers in a row to come back.
 */
export class Connectivity {
  private state: ConnectivityState = 'online'
  private since: Date
  private reason: string | null = null
  private lastOk: Date | null = null
  private fails = 0
  private oks = 0
  private slows = 0
  private readonly listeners = new Set<(v: ConnectivityView) => void>()
  private readonly slowMs: number
  private readonly offlineAfter: number
  private readonly onlineAfter: number
  private readonly degradedAfterSlow: number

  constructor(
    private readonly clock: Clock,
    opts: ConnectivityOptions = {},
  ) {
    this.since = clock.now()
    this.slowMs = opts.slowMs ?? 5_000
    this.offlineAfter = opts.offlineAfter ?? 3
    this.onlineAfter = opts.onlineAfter ?? 2
    this.degradedAfterSlow = opts.degradedAfterSlow ?? 3
  }

  view(): ConnectivityView {
    return { state: this.state, since: this.since.toISOString(), reason: this.reason, lastOkAt: this.lastOk?.toISOString() ?? null }
  }

  get current(): ConnectivityState {
    return this.state
  }

  onChange(listener: (v: ConnectivityView) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  report(e: Evidence): void {
    if (e.ok) {
      this.lastOk = this.clock.now()
      this.fails = 0
      if (e.ms > this.slowMs) {
        this.slows += 1
        this.oks = 0
        if (this.state === 'online' && this.slows >= this.degradedAfterSlow) this.move('degraded', `医保平台应答缓慢（${Math.round(e.ms / 1000)} 秒）`)
        return
      }
      this.slows = 0
      this.oks += 1
      if (this.state !== 'online' && this.oks >= this.onlineAfter) this.move('online', null)
      return
    }
    this.oks = 0
    this.fails += 1
    if (this.fails >= this.offlineAfter) this.move('offline', e.why)
    else if (this.fails >= 2 && this.state === 'online') this.move('degraded', e.why)
    else if (this.state !== 'online') this.reason = e.why
  }

  private move(state: ConnectivityState, reason: string | null) {
    if (state === this.state) {
      this.reason = reason
      return
    }
    this.state = state
    this.since = this.clock.now()
    this.reason = reason
    const v = this.view()
    for (const l of this.listeners) l(v)
  }
}
