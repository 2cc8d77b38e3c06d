import type { JournalStatus } from '../../../shared/contract/sale/schemas'
import type { Clock } from '../../base/clock'
import type { SaleLedger } from '../ledger'
import type { Logger } from '../transport'
import type { RecoveryOutcome, SaleJournal } from './sale-journal'

/** The kinds a recovery round reports on: the counter's sales, the front desk's visits, refunds of either, the offline queue. */
export type RecoveryKind = 'pharmacy' | 'clinic' | 'refund' | 'offline'

/** What a concern adds to the recovery loop; each step runs once a round, on the journal of the platform now in use. */
export interface RecoveryPart {
  kind: RecoveryKind
  /** Before the reversals: messages resolved by sending them again under their own msgid (a visit's). */
  resend?(journal: SaleJournal): Promise<void>
  /** After them: what the outcomes change for this concern (screens told, cancellations finished). */
  after?(journal: SaleJournal, outcomes: RecoveryOutcome[]): Promise<void>
  /** What is still left for this kind; `retry` parts keep the loop coming back while anything is. */
  left(): number
  retry?: boolean
}

export interface KindReport {
  reversed: number
  unresolved: number
  left: number
}

export interface RecoveryDeps {
  clock: Clock
  ledger: SaleLedger
  log: Logger
  /** A journal on the platform now in use (fails while it cannot be reached); it only reverses and resends. */
  journal: () => Promise<SaleJournal>
  /** A person waits for this many 2601 attempts of each message before the rest is left to the next round. */
  attemptsEach: number
  retryMs: number
}

/**
 * The one recovery loop of the core, for every kind: started once by the composition root, it resends
 * the visit messages left open, reverses (2601) every money-moving message left between intent and
 * answer, lets each concern act on what came out, and reports per kind. While anything is left it comes
 * back every `retryMs`. Insured sales and visits wait while a round runs (`running`).
 */
export class Recovery {
  private readonly parts: RecoveryPart[] = []
  private readonly listeners: ((phase: 'started' | 'finished') => void)[] = []
  private timer: NodeJS.Timeout | undefined
  private closed = false
  private round: Promise<void> | undefined
  /** True from construction until the first round ends: nothing insured is taken before it. */
  running = true
  /** Every reversal's outcome, newest first. */
  recovered: JournalStatus['recovered'] = []
  /** Why the last round could not reach the platform, or null. */
  error: string | null = null
  private last: Record<RecoveryKind, KindReport> = emptyReport()

  constructor(private readonly deps: RecoveryDeps) {}

  add(part: RecoveryPart): void {
    this.parts.push(part)
  }

  /** Called at the start and the end of every round. */
  onRound(listener: (phase: 'started' | 'finished') => void): void {
    this.listeners.push(listener)
  }

  /** The first round, in the background so the window opens at once. */
  start(): void {
    void this.run()
  }

  /** The last round's outcomes and what each kind still has left. */
  report(): Record<RecoveryKind, KindReport> {
    const r = structuredClone(this.last)
    for (const p of this.parts) r[p.kind].left = p.left()
    return r
  }

  run(): Promise<void> {
    this.round ??= this.once().finally(() => (this.round = undefined))
    return this.round
  }

  private async once(): Promise<void> {
    this.running = true
    this.tell('started')
    try {
      const journal = await this.deps.journal()
      for (const p of this.parts) await p.resend?.(journal)
      const outcomes = await journal.recover(this.deps.attemptsEach)
      const at = this.deps.clock.now().toISOString()
      this.recovered = [...outcomes.map((o) => ({ saleId: o.saleId, infno: o.infno, outcome: o.outcome, state: o.state, at })), ...this.recovered]
      this.last = this.tally(outcomes)
      for (const p of this.parts) await p.after?.(journal, outcomes)
      this.error = null
    } catch (e) {
      // The platform is out of reach: the next round tries again.
      this.error = (e as Error).message
    } finally {
      this.running = false
      this.tell('finished')
    }
    const report = this.report()
    if (outcomesOrLeft(report)) this.deps.log({ level: 'warn', msg: `recovery: ${JSON.stringify(report)}`, code: 'RECOVERY' })
    if (!this.closed && this.parts.some((p) => p.retry && p.left() > 0)) {
      this.timer = setTimeout(() => void this.run(), this.deps.retryMs)
      this.timer.unref()
    }
  }

  private tally(outcomes: RecoveryOutcome[]): Record<RecoveryKind, KindReport> {
    const r = emptyReport()
    for (const o of outcomes) {
      const kind: RecoveryKind = o.infno === '2103' || o.infno === '2208' ? 'refund' : this.deps.ledger.get(o.saleId).kind
      r[kind][o.outcome === 'reversed' ? 'reversed' : 'unresolved'] += 1
    }
    return r
  }

  private tell(phase: 'started' | 'finished') {
    for (const l of this.listeners) l(phase)
  }

  close(): void {
    this.closed = true
    clearTimeout(this.timer)
  }
}

function emptyReport(): Record<RecoveryKind, KindReport> {
  const zero = (): KindReport => ({ reversed: 0, unresolved: 0, left: 0 })
  return { pharmacy: zero(), clinic: zero(), refund: zero(), offline: zero() }
}

function outcomesOrLeft(r: Record<RecoveryKind, KindReport>): boolean {
  return Object.values(r).some((k) => k.reversed + k.unresolved + k.left > 0)
}
