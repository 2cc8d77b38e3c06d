import type { Clock } from '../../base/clock'
import type { Db } from '../../base/store/database'
import type { PairingKeySlot } from '../secrets'
import type { Logger } from '../transport'
import { caughtUpAnswerSchema } from '../../../shared/contract/sync/store-day'
import { Outbox } from './outbox-store'
import { StoreLink, StoreLinkError } from './store-link'

export interface PusherOptions {
  batchRows?: number
  /** Between rounds when the outbox is empty. */
  idleMs?: number
  /** First wait after a failure; doubled per failure up to maxBackoffMs, each wait jittered. */
  backoffMs?: number
  maxBackoffMs?: number
  random?: () => number
  /**
   * How long rows the store node holds stay in the outbox: a store node restored from a backup younger than
   * this is pushed to again from the counter's own copy; an older one needs the counter paired again.
   */
  retainMs?: number
}

/** Rows pruned per drained round at most, so the delete stays a short write beside the sales. */
const PRUNE_ROWS = 5_000

/**
 * Pushes the outbox to the store node, oldest first, in batches, in the background. It is never on a
 * sale's path: it only reads the outbox and writes acked_seq, each in its own short statement. It runs
 * only while the counter is paired (a `sync_state` row), and a refusal it cannot fix by waiting (a
 * cloned data directory, a revoked key) stops it until the next start, with the reason kept in
 * `sync_state.last_error`.
 */
export class OutboxPusher {
  private readonly outbox: Outbox
  private readonly opts: Required<PusherOptions>
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined
  private stopped = true
  private failures = 0

  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly key: PairingKeySlot,
    opts: PusherOptions = {},
    /** After every push that emptied the outbox (push before pull): the store's commands to this counter. */
    private readonly afterDrain?: (link: StoreLink, key: string, terminalUid: string) => Promise<unknown>,
  ) {
    this.outbox = new Outbox(db, () => clock.now())
    this.opts = { batchRows: 1000, idleMs: 5_000, backoffMs: 1_000, maxBackoffMs: 5 * 60_000, random: Math.random, retainMs: 30 * 86_400_000, ...opts }
  }

  /** Starts the background loop if this counter is paired; a standalone counter keeps it off. */
  start(): void {
    if (!this.outbox.state() || !this.stopped) return
    this.stopped = false
    this.schedule(0)
  }

  /** The registration, while paired. */
  state() {
    return this.outbox.state()
  }

  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.timer)
    await this.running
  }

  /**
   * Pushes until the outbox is empty or a push fails; answers how far acked_seq moved up (from the store
   * node's own figure when it had to be rewound).
   * Throws the StoreLinkError of a failed push (after recording it).
   */
  async drain(): Promise<number> {
    const state = this.outbox.state()
    if (!state) return 0
    const link = new StoreLink(state.storeUrl)
    const key = this.openKey()
    let acked = state.ackedSeq
    let from = acked
    let rewound = false
    for (;;) {
      // Taken before the read: when nothing is pending, nothing was unsent at this moment.
      const observedAt = this.clock.now()
      const rows = this.outbox.pending(acked, this.opts.batchRows)
      if (rows.length === 0) {
        await this.reportCaughtUp(link, key, state.terminalUid, acked, observedAt)
        this.outbox.prune(acked, new Date(observedAt.getTime() - this.opts.retainMs), PRUNE_ROWS)
        await this.afterDrain?.(link, key, state.terminalUid).catch((e: unknown) =>
          this.log({ level: 'warn', msg: `sync commands: ${(e as Error).message}`, code: e instanceof StoreLinkError ? e.code : 'INTERNAL' }),
        )
        return acked - from
      }
      let answer
      try {
        answer = await link.push(key, state.terminalUid, rows)
      } catch (e) {
        this.outbox.failed(e instanceof Error ? e.message : String(e))
        throw e
      }
      const last = rows[rows.length - 1].seq
      if (answer.acked_seq < last) {
        // The store node misses rows below ours: restored from a backup older than our acked_seq. The
        // outbox still has them, so push again from where it is, once; a second shortfall would loop.
        if (rewound) {
          const err = new StoreLinkError('STORE_BAD_ANSWER', `门店服务器只确认到第 ${answer.acked_seq} 条，本机已发送到第 ${last} 条`)
          this.outbox.failed(err.message)
          throw err
        }
        const oldest = this.outbox.oldestSeq()
        if (oldest !== null && oldest > answer.acked_seq + 1) {
          // The rows it misses were pruned here after their retention: only a new pairing (a full snapshot) helps.
          const err = new StoreLinkError(
            'STORE_BAD_ANSWER',
            `门店服务器只保存到第 ${answer.acked_seq} 条，本机已按保留期清除第 ${oldest - 1} 条及以前的记录：请店长解除配对后重新配对`,
          )
          this.outbox.failed(err.message)
          throw err
        }
        rewound = true
        from = Math.min(from, answer.acked_seq)
        this.outbox.rewind(answer.acked_seq)
        acked = answer.acked_seq
        continue
      }
      this.outbox.acked(answer.acked_seq)
      acked = answer.acked_seq
    }
  }

  /**
   * Tells the store node this counter had nothing unsent at `at`: its completeness watermark for the
   * store's day ("T02 last reported 18:42"). Best effort: a store node that misses it only waits longer.
   */
  private async reportCaughtUp(link: StoreLink, key: string, terminalUid: string, acked: number, at: Date): Promise<void> {
    try {
      await link.call('/sync/v1/caught-up', key, terminalUid, { acked_seq: acked, at: at.toISOString() }, caughtUpAnswerSchema)
    } catch (e) {
      this.log({ level: 'warn', msg: `sync caught-up: ${(e as Error).message}`, code: e instanceof StoreLinkError ? e.code : 'INTERNAL' })
    }
  }

  /** A key this process cannot open (another keychain, wiped) is a refusal: only a new pairing helps. */
  private openKey(): string {
    let key: string | undefined
    try {
      key = this.key.open()
    } catch {
      key = undefined
    }
    if (key) return key
    const err = new StoreLinkError('UNAUTHORIZED', '本机无法读取与门店服务器配对的密钥（可能换了系统账户或钥匙串），请店长解除配对后重新配对')
    this.outbox.failed(err.message)
    throw err
  }

  private schedule(ms: number): void {
    if (this.stopped) return
    this.timer = setTimeout(() => {
      this.running = this.round().finally(() => (this.running = undefined))
    }, ms)
    this.timer.unref?.()
  }

  private async round(): Promise<void> {
    try {
      await this.drain()
      this.failures = 0
      this.schedule(this.opts.idleMs)
    } catch (e) {
      const err = e instanceof StoreLinkError ? e : new StoreLinkError('INTERNAL', String(e))
      this.log({ level: 'warn', msg: `sync push: ${err.message}`, code: err.code })
      if (!err.transient) {
        this.stopped = true
        return
      }
      this.failures += 1
      const ceiling = Math.min(this.opts.maxBackoffMs, this.opts.backoffMs * 2 ** (this.failures - 1))
      // Full jitter: counters that lost the store node together do not come back together.
      this.schedule(Math.round(ceiling * (0.5 + this.opts.random() / 2)))
    }
  }
}
