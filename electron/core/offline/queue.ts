import { PosError } from '../../../shared/contract'
import { fromFen, toFen, yuan } from '../../../shared/money/money'
import type { Setlinfo, StockUploadAnswer, TransactionInput } from '../../../shared/nhsa'
import type { StockUploadInfno } from '../../../shared/nhsa/transactions'
import type { Payment } from '../../../shared/sale/schemas'
import type { AuditTrail } from '../audit'
import type { Clock } from '../../base/clock'
import { type SaleJournal, wireSource, sendableRequest, storableRequest } from '../journal'
import { type SaleRow, openQueuedOrders } from '../ledger'
import { settlementInput } from '../sale'
import { type PlatformClient, PlatformError, type MsgidSequence } from '../platform'
import type { Db } from '../../base/store/database'
import { evidenceOf, isMsgidCollision, isPlatformDecision, type Connectivity } from './connectivity'
import type { Estimate } from './estimate'
import { orderKeys, pickSendable, type PipelineOptions } from './forwarder'
import type { OfflineMode } from './offline-settings'
import { recordQueuedDecline, recordQueuedSettlement } from './queued-outcomes'
import { OfflineQueueStore, type HeldMessage, type Infno, type OfflineSaleRow, type QueueRow } from './queue-store'

export type { HeldMessage, OfflineSaleRow, QueueRow } from './queue-store'

export interface QueueDeps {
  db: Db
  clock: Clock
  audit: AuditTrail
  connectivity: Connectivity
  /** A journal over the database (no platform needed): the queue records outcomes through it. */
  journal: () => SaleJournal
  /** msgids are issued when a message is queued, offline too: the sequence lives in SQLite. */
  msgids: () => MsgidSequence
  /** The platform to forward to; may fail (not configured): the queue waits and tries again. */
  platform: () => Promise<PlatformClient>
  training: () => boolean
  /** Something changed for this sale (the screen shows it). */
  changed?: (saleId: string) => void
  /** The queue's counts changed. */
  status?: () => void
  backoffMs?: number
  maxBackoffMs?: number
  random?: () => number
  pipeline?: PipelineOptions
}

export interface QueueStatus {
  queued: number
  sales: number
  uploads: number
  oldestAt: string | null
  /** What the store has advanced and not yet got back: advance-mode sales waiting or declined. */
  outstandingFen: number
  forwarding: boolean
  nextAttemptAt: string | null
  lastError: string | null
  /** Messages held out of the order because their msgid was taken by another message (a manager looks into them). */
  held: number
}

/** A platform failure that leaves the message for another try (nothing decided). */
class Transient extends Error {}

/** What the platform decided about a message, not yet recorded. */
type Answer = { kind: 'answered'; output: unknown } | { kind: 'held'; reason: string } | { kind: 'declined'; reason: string }
interface Answered {
  m: QueueRow
  answer: Answer
}
/** Open messages not yet sent this round: settlements (person and quota orders) and uploads (sale order). */
interface Lanes {
  sales: { seq: number; keys: string[] }[]
  uploads: { seq: number; keys: string[] }[]
}

/**
 * The store-and-forward queue: durable in SQLite, forwarded strictly in order when the platform answers,
 * with exponential backoff and jitter between tries. Every message keeps the msgid it was given when it
 * was queued; a message whose answer was lost is sent again as the same message, which the platform
 * answers from its store without acting twice. A crash or restart anywhere simply resumes at the head.
 */
export class OfflineQueue {
  /** Since start: durable commits of answers, answers recorded, and time inside those commits (the bench's profile). */
  readonly forwarded = { commits: 0, answers: 0, commitMs: 0 }
  private running: Promise<void> | null = null
  private wake: (() => void) | null = null
  private timer: NodeJS.Timeout | undefined
  private closed = false
  private delay: number
  private nextAt: number | null = null
  private lastError: string | null = null
  private force = false
  private readonly backoffMs: number
  private readonly maxBackoffMs: number
  private readonly random: () => number
  private readonly window: number
  private readonly group: number
  private readonly groupWaitMs: number
  readonly store: OfflineQueueStore

  constructor(private readonly deps: QueueDeps) {
    this.store = new OfflineQueueStore(deps.db)
    this.window = deps.pipeline?.window ?? 16
    this.group = deps.pipeline?.group ?? 64
    // A durable commit costs 2-4 ms of disk flush (more on a busy disk) while the thread waits: answers
    // wait up to 20 ms to share one (bench: ~6 answers a commit at 5 ms, more at 20).
    this.groupWaitMs = deps.pipeline?.groupWaitMs ?? 20
    this.backoffMs = deps.backoffMs ?? 1_000
    this.maxBackoffMs = deps.maxBackoffMs ?? 5 * 60_000
    this.random = deps.random ?? Math.random
    this.delay = this.backoffMs
  }

  private now(): string {
    return this.deps.clock.now().toISOString()
  }

  // ---- what goes in

  /**
   * Queues an offline sale: its 2102 is built and fixed now, under a msgid chosen now, and the boxes are
   * sold now, all in one transaction with what the customer paid. Nothing is sent here.
   */
  enqueueSale(input: { saleId: string; mode: OfflineMode; payment: Payment; estimate: Estimate; actor: string }): OfflineSaleRow {
    const j = this.deps.journal()
    this.deps.db.transaction(() => {
      const sale = j.ledger.get(input.saleId)
      if (sale.kind !== 'pharmacy' || (sale.state !== 'draft' && sale.state !== 'presettled'))
        throw new PosError('SALE_WRONG_STATE', { why: 'cannotPayOffline', state: sale.state })
      if (!sale.psn_no) throw new PosError('SALE_NO_MEMBER', { why: 'offlineQueue' })
      if (this.saleRow(input.saleId)) throw new PosError('OFFLINE_ALREADY_QUEUED')
      const total = sale.medfee_fen + sale.goods_fen
      const payNow = input.mode === 'deposit' ? total : toFen(yuan(input.estimate.cashDue))
      const tendered = input.payment.method === 'cash' ? toFen(yuan(input.payment.tendered)) : payNow
      if (tendered < payNow)
        throw new PosError('TENDERED_TOO_LITTLE', { tendered: fromFen(tendered).toFixed(2), due: fromFen(payNow).toFixed(2), offline: true })
      const request = settlementInput(sale, wireSource(this.deps.db, j.ledger, sale.id))
      const msgid = this.insert(sale, '2102', request)
      j.ledger.holdTraceCodes(input.saleId)
      this.store.insertSale({
        saleId: input.saleId,
        msgid,
        mode: input.mode,
        training: sale.training,
        psnNo: sale.psn_no,
        mulaidId: sale.mulaid_id,
        queuedAt: this.now(),
        payMethod: payNow === 0 ? 'none' : input.payment.method,
        tenderedFen: tendered,
        paidFen: payNow,
        advancedFen: input.mode === 'advance' ? total - payNow : 0,
        acctFen: toFen(yuan(input.estimate.account)),
        mulaidFen: toFen(yuan(input.estimate.mutualAid)),
        estimate: JSON.stringify(input.estimate),
      })
      this.deps.audit.append({
        actor: input.actor,
        action: 'offline.queued',
        subject: input.saleId,
        detail: { msgid, mode: input.mode, paid: fromFen(payNow).toFixed(2), estimateFund: input.estimate.fund },
      })
    })()
    this.kick()
    this.deps.status?.()
    return this.saleRow(input.saleId)!
  }

  /**
   * The stock uploads of a settled sale (3505) or a refunded one (3506), built from the lots its boxes came
   * from by whoever registered (electron/core/stock/uploads/); call inside the transaction that records the
   * sale, so a crash cannot separate the two. Returns how many were queued.
   */
  enqueueUploads(saleId: string, infno: '3505' | '3506'): number {
    const n = this.saleUploads?.(saleId, infno) ?? 0
    if (n > 0) queueMicrotask(() => this.kick())
    return n
  }

  /** Who builds a sale's uploads (the stock concern registers itself at start). */
  private saleUploads: ((saleId: string, infno: '3505' | '3506') => number) | null = null
  /** Runs a group commit's outcomes so the uploads read what they share once (StockUploads.group). */
  private uploadsGroup: (fn: () => void) => number = (fn) => {
    fn()
    return 0
  }
  useSaleUploads(build: (saleId: string, infno: '3505' | '3506') => number, group?: (fn: () => void) => number): void {
    this.saleUploads = build
    if (group) this.uploadsGroup = group
  }

  /**
   * One stock upload (3501–3507), fixed now under its msgid, behind everything queued before it; call
   * inside the transaction that made it. Its item keeps the item's uploads in order on the wire.
   */
  enqueueStock(u: {
    infno: StockUploadInfno
    saleId: string | null
    itemCode: string
    request: unknown
    training: number
    insuplcAdmdvs: string | null
  }): string {
    const msgid = this.deps.msgids().next()
    this.store.insertMessage(
      {
        msgid,
        saleId: u.saleId,
        infno: u.infno,
        request: JSON.stringify(u.request),
        insuplcAdmdvs: u.insuplcAdmdvs,
        training: u.training,
        itemCode: u.itemCode,
      },
      this.now(),
    )
    queueMicrotask(() => this.kick())
    return msgid
  }

  private insert(sale: SaleRow, infno: Infno, request: unknown): string {
    const msgid = this.deps.msgids().next()
    this.store.insertMessage(
      {
        msgid,
        saleId: sale.id,
        infno,
        request: storableRequest(this.deps.db, request, 'id'),
        insuplcAdmdvs: sale.insuplc_admdvs,
        training: sale.training,
      },
      this.now(),
    )
    return msgid
  }

  // ---- what is in it

  saleRow(saleId: string): OfflineSaleRow | undefined {
    return this.store.saleRow(saleId)
  }

  /** Whether the sale is an offline one still waiting for the platform's answer. */
  isWaiting(saleId: string): boolean {
    const r = this.saleRow(saleId)
    return r !== undefined && r.outcome === null
  }

  messages(saleId: string): QueueRow[] {
    return this.store.messages(saleId)
  }

  /** Account and quota this person's queued sales already promised (the snapshot does not know them). */
  promised(psnNo: string, mulaidId: string | null): { accountFen: number; quotaFen: number } {
    const row = this.store.promised(psnNo, mulaidId)
    return { accountFen: row.acct, quotaFen: row.quota }
  }

  /** What the store has lent and not got back: advance-mode sales still queued, and declined ones unpaid. */
  outstandingFen(): number {
    return this.store.outstandingFen(this.deps.training() ? 1 : 0)
  }

  /** The oldest offline sale the platform has not answered yet. */
  oldestWaitingAt(): string | null {
    return this.store.oldestWaitingAt(this.deps.training() ? 1 : 0)
  }

  status(): QueueStatus {
    const counts = this.store.openCounts(this.deps.training() ? 1 : 0)
    return {
      held: counts.held,
      queued: counts.n,
      sales: counts.sales,
      uploads: counts.n - counts.sales,
      oldestAt: counts.oldest,
      outstandingFen: this.outstandingFen(),
      forwarding: this.running !== null,
      nextAttemptAt: this.nextAt === null ? null : new Date(this.nextAt).toISOString(),
      lastError: this.lastError,
    }
  }

  // ---- forwarding

  /** Starts (or nudges) the forwarder. It runs until the queue is empty or the platform stops answering. */
  kick(): void {
    if (this.closed) return
    if (this.wake) {
      this.wake()
      return
    }
    if (this.running) return
    this.running = this.loop().finally(() => {
      this.running = null
      this.deps.status?.()
    })
  }

  /** The cashier's "forward now": tries at once, whatever the backoff or the connectivity says. */
  /** The line is back: forget the backoff and start from the head. */
  resume(): void {
    this.delay = this.backoffMs
    this.nextAt = null
    this.kick()
  }

  forwardNow(): void {
    this.force = true
    this.delay = this.backoffMs
    this.nextAt = null
    this.kick()
  }

  /** Resolves when the forwarder has stopped (queue empty, or waiting on the line). For tests and the bench. */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve()
  }

  /** Messages held for a manager, oldest first (training or live). */
  held(training: boolean): HeldMessage[] {
    return this.store.held(training)
  }

  isHeld(msgid: string): boolean {
    return this.store.isHeld(msgid)
  }

  isReissued(msgid: string): boolean {
    return this.store.isReissued(msgid)
  }

  /**
   * Sends a sale's held messages again under new msgids, at the end of the queue. Safe for exactly-once:
   * the platform's refusal proves it never processed the message under the old msgid (it holds a different
   * message there), and the message never went out under any other. The old row ends refused by the
   * platform ('declined'), its hold pointing at the new one; the sale now waits on the new msgid.
   */
  reissueHeld(saleId: string, actor: string): string[] {
    const db = this.deps.db
    const moved = db.transaction(() => {
      const held = this.store.heldOfSale(saleId)
      if (held.length === 0) throw new PosError('OFFLINE_NOT_HELD')
      return held.map((m) => {
        const msgid = this.deps.msgids().next()
        this.store.reissue(m, msgid, actor, this.now())
        this.deps.audit.append({ actor, action: 'offline.reissued', subject: saleId, detail: { infno: m.infno, from: m.msgid, to: msgid } })
        return msgid
      })
    })()
    this.kick()
    this.deps.changed?.(saleId)
    this.deps.status?.()
    return moved
  }

  private head(): QueueRow | undefined {
    return this.store.head()
  }

  private async loop(): Promise<void> {
    this.deps.status?.()
    while (!this.closed) {
      if (!this.head()) {
        this.lastError = null
        return
      }
      if (!this.force && this.deps.connectivity.current === 'offline') {
        // The probe brings the line back; the connectivity change kicks the queue again.
        return
      }
      if (!this.force && this.nextAt !== null && this.deps.clock.now().getTime() < this.nextAt) {
        await this.pause(this.nextAt - this.deps.clock.now().getTime())
        continue
      }
      const failure = await this.pipeline()
      if (failure === null) {
        this.delay = this.backoffMs
        this.nextAt = null
        this.lastError = null
        continue
      }
      this.lastError = failure
      // Full jitter on the upper half: terminals of one store never retry in step after an outage.
      const wait = this.delay / 2 + this.random() * (this.delay / 2)
      this.nextAt = this.deps.clock.now().getTime() + wait
      this.delay = Math.min(this.delay * 2, this.maxBackoffMs)
      this.deps.status?.()
    }
  }

  /** The open messages after `afterSeq`, in order, split into the two lanes whose order keys never meet. */
  private loadLanes(lanes: Lanes, afterSeq: number): number {
    const rows = openQueuedOrders(this.deps.db, afterSeq)
    for (const r of rows) (r.infno === '2102' ? lanes.sales : lanes.uploads).push({ seq: r.seq, keys: orderKeys(r) })
    return rows.length > 0 ? rows[rows.length - 1].seq : afterSeq
  }

  /**
   * One forwarding round: up to `window` messages on the wire, each order (orderKeys) kept; answers are
   * recorded a group per durable commit, and nothing is acted on (screens told, uploads queued) before its
   * commit. A person's next sale may leave once the platform has answered the previous one: the platform's
   * order is then fixed, and after a crash both are sent again under their msgids and answered from its
   * store. Returns null when the queue is empty, or the first failure that decided nothing (the round stops
   * sending, lets what is on the wire land and records it, and the caller backs off).
   */
  private async pipeline(): Promise<string | null> {
    const lanes: Lanes = { sales: [], uploads: [] }
    let lastSeq = this.loadLanes(lanes, 0)
    const busy = new Map<string, number>()
    const inflight = new Set<Promise<void>>()
    let answered: Answered[] = []
    let firstAnswerAt = 0
    let failure: string | null = null
    let fatal: unknown = null
    let forced = this.force
    this.force = false
    const take = (key: string, by: number) => {
      const n = (busy.get(key) ?? 0) + by
      if (n === 0) busy.delete(key)
      else busy.set(key, n)
    }
    for (;;) {
      const mayStart = !this.closed && failure === null && fatal === null && (forced || this.deps.connectivity.current !== 'offline')
      // "Upload now" while offline sends one message; its answer decides whether the line is back.
      let room = mayStart ? (forced ? 1 : this.window - inflight.size) : 0
      for (const lane of [lanes.sales, lanes.uploads]) {
        if (room <= 0) break
        const go = pickSendable(lane, new Set(busy.keys()), room)
        for (const c of go) {
          lane.splice(lane.indexOf(c), 1)
          const m = this.store.openAt(c.seq)
          if (!m) continue
          for (const k of c.keys) take(k, 1)
          const p: Promise<void> = this.send(m)
            .then(
              (answer) => {
                // Answered: the platform's order is fixed, the next message of these orders may go.
                for (const k of c.keys) take(k, -1)
                if (answered.length === 0) firstAnswerAt = Date.now()
                answered.push({ m, answer })
              },
              (e: unknown) => {
                // Undecided: its orders stay taken, so nothing behind it leaves in this round.
                if (e instanceof Transient) failure ??= e.message
                else fatal ??= e
              },
            )
            .finally(() => inflight.delete(p))
          inflight.add(p)
          room -= 1
        }
      }
      if (inflight.size > 0) forced = false
      const full = answered.length >= this.group || (answered.length > 0 && (inflight.size === 0 || Date.now() - firstAnswerAt >= this.groupWaitMs))
      if (full) {
        const group = answered
        answered = []
        this.commit(group)
        lastSeq = this.loadLanes(lanes, lastSeq)
        continue
      }
      if (inflight.size === 0) break
      const waits: Promise<unknown>[] = [...inflight]
      let timer: NodeJS.Timeout | undefined
      if (answered.length > 0) waits.push(new Promise((r) => (timer = setTimeout(r, Math.max(0, firstAnswerAt + this.groupWaitMs - Date.now())))))
      await Promise.race(waits)
      clearTimeout(timer)
    }
    if (fatal !== null) throw fatal
    return failure
  }

  /** Records a group of answers in one durable commit, then tells the screens: never before it is on disk. */
  private commit(group: Answered[]) {
    const started = process.hrtime.bigint()
    // One journal for the group, and the audit trail's head kept in memory across its rows (audit.batch).
    const j = this.deps.journal()
    // The uploads' group: what the sales share is read once, their movements converted once at its end.
    const uploads = this.deps.db.transaction(() =>
      this.deps.audit.batch(() =>
        this.uploadsGroup(() => {
          for (const { m, answer } of group) {
            if (answer.kind === 'held') this.hold(m, answer.reason)
            else if (answer.kind === 'declined') this.declined(m, answer.reason)
            else if (m.infno === '2102' && m.sale_id) this.settled({ ...m, sale_id: m.sale_id }, (answer.output as { setlinfo: Setlinfo }).setlinfo, j)
            else if ((answer.output as StockUploadAnswer).refusal) this.declined(m, (answer.output as StockUploadAnswer).refusal!)
            else this.markDone(m, (answer.output as StockUploadAnswer).output ?? null)
          }
        }),
      ),
    )()
    if (uploads > 0) queueMicrotask(() => this.kick())
    this.forwarded.commits += 1
    this.forwarded.answers += group.length
    this.forwarded.commitMs += Number(process.hrtime.bigint() - started) / 1e6
    for (const { m } of group) if (m.sale_id) this.deps.changed?.(m.sale_id)
    if (group.some((a) => a.answer.kind === 'held')) this.deps.status?.()
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        clearTimeout(this.timer)
        this.wake = null
        resolve()
      }
      this.timer = setTimeout(() => this.wake?.(), Math.max(0, ms))
      this.timer.unref?.()
    })
  }

  /** Sends one message and says what the platform decided; a failure that decided nothing throws Transient. */
  private async send(m: QueueRow): Promise<Answer> {
    let platform: PlatformClient
    try {
      platform = await this.deps.platform()
    } catch (e) {
      throw new Transient((e as Error).message)
    }
    // Attempts are counted with the result, in the same commit: one disk flush per message, not two.
    const started = Date.now()
    // Only a sale's messages carry a credential to open; a stock upload goes as it was stored.
    const request = (m.sale_id ? sendableRequest(this.deps.db, m.sale_id, m.request) : JSON.parse(m.request)) as TransactionInput<Infno>
    let output: unknown
    try {
      output = (await platform.call(m.infno, request as TransactionInput<'2102'>, { msgid: m.msgid, insuplcAdmdvs: m.insuplc_admdvs ?? undefined })).output
    } catch (e) {
      if (!this.closed) this.deps.connectivity.report(evidenceOf(e, Date.now() - started))
      if (e instanceof PlatformError && isMsgidCollision(e)) return { kind: 'held', reason: e.message }
      if (e instanceof PlatformError && isPlatformDecision(e, m.infno)) return { kind: 'declined', reason: e.message }
      const err = e instanceof Error ? e.message : String(e)
      // Sent and unanswered (or answered garbled): from now on it is the same message sent again.
      const sent = e instanceof PlatformError && e.outcomeUnknown
      this.store.failedTry(m.seq, sent, err, this.now())
      throw new Transient(err)
    }
    if (!this.closed) this.deps.connectivity.report({ ok: true, ms: Date.now() - started })
    return { kind: 'answered', output }
  }

  private markDone(m: QueueRow, response: unknown) {
    this.store.markDone(m.seq, JSON.stringify(response), this.now())
  }

  /** The platform settled an offline sale: the journal gets its settlement, the customer what is due. */
  private settled(m: QueueRow & { sale_id: string }, setlinfo: Setlinfo, j: SaleJournal) {
    this.deps.db.transaction(() => {
      const off = this.saleRow(m.sale_id)!
      this.markDone(m, { setlinfo })
      const share = recordQueuedSettlement(
        this.deps.db,
        j,
        m.sale_id,
        'system',
        { msgid: m.msgid, request: JSON.parse(m.request), setlinfo },
        { method: off.pay_method, tenderedFen: off.paid_fen },
      )
      const due = off.paid_fen - share
      const resolution = due > 0 ? 'refund_due' : due < 0 ? 'receivable' : 'closed'
      this.store.settledSale(m.sale_id, due, resolution, this.now())
      this.enqueueUploads(m.sale_id, '3505')
      this.deps.audit.append({
        actor: 'system',
        action: 'offline.settled',
        subject: m.sale_id,
        detail: { msgid: m.msgid, setlId: setlinfo.setl_id, due: fromFen(due).toFixed(2), resolution },
      })
    })()
  }

  /**
   * The msgid was taken by a different message, most likely another counter's sharing this terminal
   * number: the platform never looked at this message, so it is not the customer's decline. It stays
   * queued, out of the order, and the manager is alarmed (pending view, offlineSaleChanged, audit).
   */
  private hold(m: QueueRow, reason: string) {
    this.deps.db.transaction(() => {
      this.store.hold(m, reason, this.now())
      this.deps.audit.append({
        actor: 'system',
        action: 'offline.msgid-taken',
        subject: m.sale_id ?? m.msgid,
        detail: { msgid: m.msgid, infno: m.infno, reason },
      })
    })()
  }

  /** A business refusal: final. Nothing disappears: the sale becomes a receivable or closes as self-paid. */
  private declined(m: QueueRow, reason: string) {
    const j = this.deps.journal()
    this.deps.db.transaction(() => {
      this.store.markDeclined(m.seq, reason, this.now())
      if (m.infno === '2102' && m.sale_id) {
        const off = this.saleRow(m.sale_id)!
        const sale = j.ledger.get(m.sale_id)
        recordQueuedDecline(
          this.deps.db,
          j,
          m.sale_id,
          'system',
          { msgid: m.msgid, request: JSON.parse(m.request), reason },
          { method: off.pay_method, paidFen: off.paid_fen },
        )
        // Without the platform the customer owes the whole price; they paid paid_fen of it.
        const due = off.paid_fen - (sale.medfee_fen + sale.goods_fen)
        const resolution = due < 0 ? 'receivable' : 'closed'
        this.store.declinedSale(m.sale_id, reason, due, resolution, this.now())
        // The boxes left with the customer all the same: their uploads go as a self-paid sale.
        this.enqueueUploads(m.sale_id, '3505')
      }
      this.deps.audit.append({ actor: 'system', action: 'offline.declined', subject: m.sale_id ?? m.msgid, detail: { msgid: m.msgid, infno: m.infno, reason } })
    })()
  }

  // ---- after the outcome

  /** A person settles what the outcome left open: the refund handed over, or the receivable collected or written off. */
  resolve(saleId: string, action: 'refunded' | 'collected' | 'written_off', actor: string, note?: string): OfflineSaleRow {
    this.deps.db.transaction(() => {
      const r = this.saleRow(saleId)
      if (!r) throw new PosError('OFFLINE_SALE_NOT_FOUND', { why: 'notOffline' })
      const fits = (r.resolution === 'refund_due' && action === 'refunded') || (r.resolution === 'receivable' && action !== 'refunded')
      if (!fits) throw new PosError('OFFLINE_NOTHING_TO_RESOLVE', { why: r.resolution === 'closed' ? 'closed' : 'waiting' })
      // Collected money is the sale's like any cash taken at the counter: the journal records it too.
      const j = this.deps.journal()
      const owed = -(j.ledger.get(saleId).change_fen ?? 0)
      if (action === 'collected' && owed > 0) j.ledger.collectMore(saleId, actor, fromFen(owed).toFixed(2))
      this.store.resolved(saleId, action, actor, note ?? action, this.now())
      this.deps.audit.append({
        actor,
        action: `offline.${action}`,
        subject: saleId,
        detail: { amount: fromFen(Math.abs(r.due_fen ?? 0)).toFixed(2), note: note ?? null },
      })
    })()
    this.deps.changed?.(saleId)
    this.deps.status?.()
    return this.saleRow(saleId)!
  }

  close(): void {
    this.closed = true
    this.wake?.()
    clearTimeout(this.timer)
  }
}
