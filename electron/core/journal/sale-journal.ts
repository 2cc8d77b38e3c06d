import { PosError } from '../../../shared/contract'
import { toFen, toWireNumber, fromFen, yuan } from '../../../shared/money/money'
import type { Infno, ReadSetlinfo, SaleSent, TransactionInput } from '../../../shared/nhsa'
import type { Payment, SaleState } from '../../../shared/sale/schemas'
import type { AuditTrail } from '../audit'
import type { Clock } from '../../base/clock'
import { PlatformError, type PlatformClient, type MsgidSequence } from '../platform'
import { AnswerReviews } from './answer-reviews'
import type { Db } from '../../base/store/database'
import type { JournalHooks } from './hooks'
import { messageOpen, SaleLedger, type SaleRow } from '../ledger'
import { prepared } from '../../base/store/statements'
import { ReversalsUnderWay } from './reversals'
import { wireSource, type SettlementWire } from './settlement-wire'
import { storableRequest, withholdSealed, type CredentialKept } from './stored-credentials'
import { refusedIfRefundedElsewhere } from '../sale'

export interface MessageRow {
  msgid: string
  sale_id: string
  infno: string
  state: 'intent' | 'answered' | 'refused' | 'unknown' | 'reversed'
  request: string
  attempts: number
}

export interface RecoveryOutcome {
  saleId: string
  msgid: string
  infno: string
  /** reversed: the platform's part was undone and the sale is open again; unresolved: still being tried. */
  outcome: 'reversed' | 'unresolved'
  state: SaleState
}

export interface JournalOptions {
  terminalId: string
  /** Whether new sales are training sales (read at each open: the mode can change while running). */
  training?: () => boolean
  hooks?: JournalHooks
  /** Pause between reversal attempts; doubles up to maxBackoffMs. */
  backoffMs?: number
  maxBackoffMs?: number
  /** How many 2601 attempts a cashier waits for before the sale is left to background recovery. */
  inlineReversalAttempts?: number
  sleep?: (ms: number) => Promise<void>
  /**
   * Runs inside the transaction that records the platform's answer to a settlement or a refund: what
   * must follow the answer (the traceability uploads) commits with it, or neither does.
   */
  onAnswered?: (saleId: string, outcome: 'settled' | 'refunded') => void
  /** How each kind of sale this journal settles speaks to the platform (its concern's wire). */
  wires?: Partial<Record<SaleRow['kind'], SettlementWire>>
  /** The reversals under way on this database and the messages their senders hold; none given: the database's own. */
  reversals?: ReversalsUnderWay
}

const REVERSIBLE = new Set(['2102', '2103', '2207', '2208'])

/**
 * The sale journal: the exactly-once engine over `platform_messages`. Every money-moving message is
 * written before anything leaves the machine, and its answer (or refusal) is written with the sale's new
 * state in one transaction. A message whose answer is lost is reversed (2601) under its own msgid, never
 * sent again under a new one; the database itself refuses a second live settlement for one sale. What a
 * message says is its concern's (the wires handed in, a visit's or a queued sale's own messages); the
 * sales themselves are the ledger's, changed only through it.
 */
export class SaleJournal {
  private readonly backoffMs: number
  private readonly maxBackoffMs: number
  private readonly inlineTries: number
  private readonly sleep: (ms: number) => Promise<void>
  /** Answers a manager should look at (odd, rejected, or committed but not recorded). */
  readonly reviews: AnswerReviews
  /** The sales the messages are about: every state change goes through it. */
  readonly ledger: SaleLedger
  private readonly reversals: ReversalsUnderWay

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /** null for a journal that only reads and records counter-only sales (no platform configured or needed). */
    private readonly link: { platform: PlatformClient; msgids: MsgidSequence } | null,
    private readonly audit: AuditTrail,
    private readonly opts: JournalOptions,
  ) {
    this.backoffMs = opts.backoffMs ?? 500
    this.maxBackoffMs = opts.maxBackoffMs ?? 30_000
    this.inlineTries = opts.inlineReversalAttempts ?? 4
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)))
    this.reviews = new AnswerReviews(db, clock, audit)
    this.ledger = new SaleLedger(db, clock, audit, { terminalId: () => opts.terminalId, training: opts.training })
    this.reversals = opts.reversals ?? ReversalsUnderWay.of(db)
  }

  private platformLink() {
    if (!this.link) throw new PosError('PLATFORM_NOT_CONFIGURED', { why: 'notConnected' })
    return this.link
  }

  private now(): string {
    return this.clock.now().toISOString()
  }

  private sql(text: string) {
    return prepared(this.db, text)
  }

  /** A named point in a message's life (the crash tests stop the process there). */
  async hook(step: Parameters<JournalHooks['at']>[0], saleId: string) {
    await this.opts.hooks?.at(step, saleId)
  }

  /** What a settlement was about, for checking that its answer describes it. */
  private saleSent(sale: SaleRow): SaleSent {
    return { psnNo: sale.psn_no ?? '', medfeeSumamt: toWireNumber(fromFen(sale.medfee_fen)) }
  }

  /** How this sale's kind settles on the wire, as its concern handed it in. */
  private wireOf(sale: SaleRow): SettlementWire {
    const wire = this.opts.wires?.[sale.kind]
    if (!wire) throw new PosError('SALE_WRONG_KIND', { why: sale.kind === 'clinic' ? 'isClinic' : 'isPharmacy' })
    return wire
  }

  /** The settlement's input as the sale's concern builds it, from the sale's lines and the credential held in memory. */
  private inputOf(sale: SaleRow, wire: SettlementWire) {
    return wire.input(sale, wireSource(this.db, this.ledger, sale.id))
  }

  /** One settlement message of the sale's kind: its pre-settlement, or (commit) its settlement. */
  private settlementCall(sale: SaleRow, commit: boolean, msgid?: string, input?: TransactionInput<'2102'> | TransactionInput<'2207'>) {
    const wire = this.wireOf(sale)
    const opts = { msgid, insuplcAdmdvs: sale.insuplc_admdvs ?? undefined, sale: this.saleSent(sale) }
    return this.platformLink().platform.call(commit ? wire.settle : wire.presettle, (input ?? this.inputOf(sale, wire)) as TransactionInput<'2102'>, opts)
  }

  /** 2101 (2206 for a visit): shows the split before anything is charged. Moves no money, so nothing to journal but the answer. */
  async presettle(saleId: string, actor: string) {
    const sale = this.ledger.get(saleId)
    if (sale.state !== 'draft' && sale.state !== 'presettled') {
      throw new PosError('SALE_WRONG_STATE', { why: 'cannotPresettle', state: sale.state })
    }
    const { output } = await this.settlementCall(sale, false)
    this.db.transaction(() => this.ledger.setState(saleId, 'presettled', actor, 'presettled', { presettle: JSON.stringify(output) }))()
    return output
  }

  /** 2102 exactly once: intent on disk first, answer on disk before anyone prints. */
  async settle(saleId: string, actor: string, payment?: Payment): Promise<ReadSetlinfo> {
    this.ledger.checkTendered(payment)
    await this.hook('before-intent', saleId)
    const { msgid, sale, input } = this.db.transaction(() => {
      const s = this.ledger.get(saleId)
      if (s.state !== 'presettled') throw new PosError('SALE_WRONG_STATE', { why: 'presettleFirst' })
      const wire = this.wireOf(s)
      const id = this.platformLink().msgids.next()
      const req = this.inputOf(s, wire)
      this.insertMessage(id, saleId, wire.settle, req)
      this.ledger.holdTraceCodes(saleId)
      this.ledger.setState(saleId, 'settling', actor, 'intent to settle', {})
      return { msgid: id, sale: s, input: req }
    })()
    // Held from the intent's commit (same turn) until decided: nobody else reverses it meanwhile.
    const release = this.reversals.hold(msgid)
    try {
      return await this.settleHeld(saleId, actor, payment, msgid, sale, input)
    } finally {
      release()
    }
  }

  private async settleHeld(
    saleId: string,
    actor: string,
    payment: Payment | undefined,
    msgid: string,
    sale: SaleRow,
    input: TransactionInput<'2102'> | TransactionInput<'2207'>,
  ): Promise<ReadSetlinfo> {
    await this.hook('after-intent', saleId)

    let answer: Awaited<ReturnType<PlatformClient['call']>> & { output: { setlinfo: ReadSetlinfo } }
    try {
      const call = this.settlementCall(sale, true, msgid, input)
      await this.hook('after-send', saleId)
      answer = await call
    } catch (e) {
      return this.settleFailed(e, saleId, msgid, actor)
    }
    await this.hook('after-answer', saleId)
    const setlinfo = answer.output.setlinfo
    // Every column is derived before the write: the answer was checked against the sale (cash ≤ total),
    // and the tendered amount was bounded before sending, so nothing below can fail on the answer's content.
    const columns = {
      setl_id: setlinfo.setl_id,
      mdtrt_id: setlinfo.mdtrt_id,
      settled_msgid: msgid,
      setlinfo: JSON.stringify(setlinfo),
      ...this.ledger.paymentColumns(sale, toFen(yuan(setlinfo.psn_cash_pay)), payment),
    }
    try {
      this.db.transaction(() => {
        this.markMessage(msgid, 'answered', { response: setlinfo, raw: answer.raw })
        this.ledger.setState(saleId, 'settled', actor, 'platform settled', columns)
        if (answer.oddities.length) this.reviews.note(msgid, saleId, answer.oddities, 'odd', answer.raw)
        this.opts.onAnswered?.(saleId, 'settled')
      })()
    } catch (e) {
      this.keepUnrecordedAnswer(msgid, saleId, answer.raw, e)
    }
    await this.hook('after-store', saleId)
    return setlinfo
  }

  /**
   * The platform committed but the answer's transaction failed (not on the answer's content, which was
   * checked before: a full disk, or what must follow the answer could not be queued). The message stays
   * open, so recovery reverses it as before; the raw answer is kept beside it and the manager told.
   */
  private keepUnrecordedAnswer(msgid: string, saleId: string, raw: unknown, e: unknown): never {
    try {
      this.db.transaction(() => {
        this.sql('UPDATE platform_messages SET raw_answer = ?, updated_at = ? WHERE msgid = ?').run(JSON.stringify(raw), this.now(), msgid)
        this.reviews.note(msgid, saleId, [`医保平台已结算，但本机未能记录结算结果：${(e as Error).message ?? String(e)}`], 'unrecorded', raw)
      })()
    } catch {
      // Nothing more can be written; the open message is reversed at start-up all the same.
    }
    throw e
  }

  private async settleFailed(e: unknown, saleId: string, msgid: string, actor: string): Promise<never> {
    if (e instanceof PlatformError && !e.outcomeUnknown) {
      this.db.transaction(() => {
        this.markMessage(msgid, 'refused', { error: e.message, raw: e.answer?.raw })
        this.ledger.releaseTraceCodes(saleId)
        this.ledger.setState(saleId, 'draft', actor, `platform refused: ${e.code}`)
      })()
      throw e
    }
    const reason = e instanceof Error ? e.message : String(e)
    const rejected = e instanceof PlatformError && e.failure === 'rejected' ? e : null
    this.db.transaction(() => {
      this.markMessage(msgid, 'unknown', { error: reason, raw: e instanceof PlatformError ? e.answer?.raw : undefined })
      if (rejected)
        this.reviews.note(msgid, saleId, [...(rejected.answer?.reasons ?? []), ...(rejected.answer?.oddities ?? [])], 'rejected', rejected.answer?.raw)
      this.ledger.setState(saleId, 'reversing', actor, rejected ? 'answer rejected; reversing' : 'answer lost; reversing')
    })()
    const outcome = await this.reverseHeld(msgid, this.inlineTries)
    if (rejected) {
      const why = rejected.answer?.reasons.join('；') ?? ''
      throw new PosError(outcome === 'reversed' ? 'SETTLEMENT_ANSWER_REJECTED' : 'SETTLEMENT_ANSWER_REJECTED_UNRESOLVED', { why })
    }
    if (outcome === 'reversed') {
      throw new PosError('SETTLEMENT_REVERSED')
    }
    throw new PosError('SETTLEMENT_UNRESOLVED')
  }

  /** Whole refund (2103): restores funds, account and the relative's quota. Needs a manager's approval. */
  async refund(saleId: string, actor: string, approvedBy: string): Promise<void> {
    const { msgid, sale, input } = this.db.transaction(() => {
      const s = this.ledger.get(saleId)
      if (s.state !== 'settled' || !s.setl_id || !s.mdtrt_id || !s.psn_no) throw new PosError('SALE_WRONG_STATE', { why: 'onlySettledInsured' })
      refusedIfRefundedElsewhere(this.db, saleId)
      const id = this.platformLink().msgids.next()
      const req: TransactionInput<'2103'> = { data: { setl_id: s.setl_id, mdtrt_id: s.mdtrt_id, psn_no: s.psn_no } }
      this.insertMessage(id, saleId, this.wireOf(s).refund, req)
      this.ledger.setState(saleId, 'refunding', actor, 'intent to refund', {})
      this.audit.append({ actor: approvedBy, action: 'refund.approved', subject: saleId, detail: { requestedBy: actor } })
      return { msgid: id, sale: s, input: req }
    })()
    const release = this.reversals.hold(msgid)
    try {
      await this.refundHeld(saleId, actor, msgid, sale, input)
    } finally {
      release()
    }
  }

  private async refundHeld(saleId: string, actor: string, msgid: string, sale: SaleRow, input: TransactionInput<'2103'>): Promise<void> {
    const infno = this.wireOf(sale).refund as '2103'
    try {
      const { output, raw, oddities } = await this.platformLink().platform.call(infno, input, {
        msgid,
        insuplcAdmdvs: sale.insuplc_admdvs ?? undefined,
        sale: this.saleSent(sale),
      })
      this.db.transaction(() => {
        this.markMessage(msgid, 'answered', { response: output.setlinfo, raw })
        if (oddities.length) this.reviews.note(msgid, saleId, oddities, 'odd', raw)
        this.ledger.releaseTraceCodes(saleId)
        this.ledger.setState(saleId, 'refunded', actor, 'platform refunded')
        this.opts.onAnswered?.(saleId, 'refunded')
      })()
    } catch (e) {
      if (e instanceof PlatformError && !e.outcomeUnknown) {
        this.db.transaction(() => {
          this.markMessage(msgid, 'refused', { error: e.message, raw: e.answer?.raw })
          this.ledger.setState(saleId, 'settled', actor, `refund refused: ${e.code}`)
        })()
        throw e
      }
      this.db.transaction(() => {
        this.markMessage(msgid, 'unknown', { error: String((e as Error).message ?? e), raw: e instanceof PlatformError ? e.answer?.raw : undefined })
        if (e instanceof PlatformError && e.failure === 'rejected') this.reviews.note(msgid, saleId, e.answer?.reasons ?? [], 'rejected', e.answer?.raw)
      })()
      const outcome = await this.reverseHeld(msgid, this.inlineTries)
      if (e instanceof PlatformError && e.failure === 'rejected') {
        throw new PosError('REFUND_ANSWER_REJECTED', { why: e.answer?.reasons.join('；') ?? '', reversed: outcome === 'reversed' })
      }
      if (outcome === 'reversed') throw new PosError('REFUND_REVERSED')
      throw new PosError('REFUND_UNRESOLVED')
    }
  }

  /**
   * Sends 2601 for a message whose outcome is unknown, under one 2601 msgid kept on disk, until the
   * platform answers or the attempts run out. Then the sale is open again (or, for a refund, settled).
   * A message its sender still holds is waited for first (reversals.ts); one its sender then decided
   * (answered or refused) is not reversed at all: `not_open`.
   */
  async reverse(omsgid: string, maxAttempts = Infinity): Promise<'reversed' | 'unresolved' | 'not_open'> {
    await this.reversals.released(omsgid)
    return this.reverseHeld(omsgid, maxAttempts)
  }

  /** Whether the message's own sender is still at work on it (nobody else may reverse it yet). */
  heldBySender(msgid: string): boolean {
    return this.reversals.held(msgid)
  }

  /** The reversal as the message's holder starts it (its sender, inline), or anyone once no sender holds it. */
  private reverseHeld(omsgid: string, maxAttempts: number) {
    return this.reversals.run(omsgid, () => this.reverseOnce(omsgid, maxAttempts))
  }

  private async reverseOnce(omsgid: string, maxAttempts: number): Promise<'reversed' | 'unresolved' | 'not_open'> {
    const original = this.sql('SELECT * FROM platform_messages WHERE msgid = ?').get(omsgid) as MessageRow | undefined
    if (!original) throw new PosError('MESSAGE_NOT_FOUND', { msgid: omsgid })
    if (original.state === 'reversed') return 'reversed'
    // Decided by its sender: the platform answered it or certainly did nothing; a 2601 would undo a paid sale or nothing.
    if (original.state === 'answered' || original.state === 'refused') return 'not_open'
    if (!REVERSIBLE.has(original.infno)) throw new PosError('NOT_REVERSIBLE', { infno: original.infno })
    const sale = this.ledger.get(original.sale_id)
    const reversal = this.db.transaction(() => {
      const existing = this.sql("SELECT * FROM platform_messages WHERE infno = '2601' AND json_extract(request, '$.data.omsgid') = ?").get(omsgid) as
        MessageRow | undefined
      if (existing) return existing
      const id = this.platformLink().msgids.next()
      const req: TransactionInput<'2601'> = { data: { psn_no: sale.psn_no ?? '', omsgid, oinfno: original.infno } }
      this.insertMessage(id, sale.id, '2601', req)
      return this.sql('SELECT * FROM platform_messages WHERE msgid = ?').get(id) as MessageRow
    })()
    let delay = this.backoffMs
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      this.countAttempt(reversal.msgid)
      try {
        const { output, raw } = await this.platformLink().platform.call('2601', JSON.parse(reversal.request) as TransactionInput<'2601'>, {
          msgid: reversal.msgid,
          insuplcAdmdvs: sale.insuplc_admdvs ?? undefined,
        })
        this.db.transaction(() => {
          this.markMessage(reversal.msgid, 'answered', { response: output, raw })
          this.markMessage(omsgid, 'reversed', {})
          const isRefund = original.infno === '2103' || original.infno === '2208'
          if (!isRefund) this.ledger.releaseTraceCodes(sale.id)
          this.ledger.setState(sale.id, isRefund ? 'settled' : 'draft', 'system', `reversed ${original.infno} ${omsgid} (${output.data.rslt ?? 'infcode 0'})`)
        })()
        return 'reversed'
      } catch (e) {
        if (e instanceof PlatformError && e.failure === 'refused') {
          // The platform will not reverse (it says why); a person has to look at it.
          this.sql('UPDATE platform_messages SET error = ?, updated_at = ? WHERE msgid = ?').run(e.message, this.now(), reversal.msgid)
        }
        if (attempt >= maxAttempts) break
        delay = await this.pause(delay)
      }
    }
    return 'unresolved'
  }

  /**
   * Every money-moving message left between intent and answer, of every kind, reversed (the recovery loop,
   * journal/recovery.ts, runs this each round). A message its sender still holds is its sender's (an
   * `intent` may not have left yet): skipped, and the next round finds it if the sender left it open. So
   * an `intent` recovery reverses is one no sender in this process will send: left by a run that ended
   * between intent and answer, or by a sender that could not write the outcome. Whether it left is not
   * known, so the 2601 under its msgid decides it (a platform that never saw it records the msgid as
   * reversed and refuses a late copy). A visit's own messages (2201-2205) are not reversible: the clinic
   * resends them instead.
   */
  async recover(maxAttemptsEach = Infinity): Promise<RecoveryOutcome[]> {
    const open = this.openMessages([...REVERSIBLE])
    const outcomes: RecoveryOutcome[] = []
    for (const m of open) {
      // Read again: an earlier reversal of this round awaited the platform, and the message may be decided since.
      const left = this.db.transaction(() => {
        if (this.reversals.held(m.msgid) || !this.stillOpen(m.msgid)) return false
        this.markMessage(m.msgid, 'unknown', { error: 'found unresolved at start-up' })
        const s = this.ledger.get(m.sale_id)
        if (s.state !== 'reversing') this.ledger.setState(s.id, 'reversing', 'system', 'recovery at start-up')
        return true
      })()
      if (!left) continue
      const outcome = await this.reverseHeld(m.msgid, maxAttemptsEach)
      if (outcome === 'not_open') continue
      outcomes.push({ saleId: m.sale_id, msgid: m.msgid, infno: m.infno, outcome, state: this.ledger.get(m.sale_id).state })
    }
    return outcomes
  }

  private stillOpen(msgid: string): boolean {
    return this.sql(`SELECT 1 FROM platform_messages WHERE msgid = ? AND ${messageOpen()}`).get(msgid) !== undefined
  }

  // ---- clinic visits: the registration, diagnosis and fee uploads live in the journal too

  // ---- the engine's steps, for the messages its callers journal themselves (a visit's, a queued sale's)

  /**
   * Writes a message's intent under its msgid, inside the caller's transaction. `keep` is what the stored
   * request keeps of its credential (stored-credentials.ts): a message resent as written keeps it sealed.
   */
  insertMessage(msgid: string, saleId: string, infno: string, request: unknown, keep: CredentialKept = 'none') {
    this.sql("INSERT INTO platform_messages (msgid, sale_id, infno, state, request, created_at, updated_at) VALUES (?, ?, ?, 'intent', ?, ?, ?)").run(
      msgid,
      saleId,
      infno,
      storableRequest(this.db, request, keep),
      this.now(),
      this.now(),
    )
  }

  /** The next msgid of the platform this journal speaks to. */
  nextMsgid(): string {
    return this.platformLink().msgids.next()
  }

  /** Counts one more send of a message, before it goes. */
  countAttempt(msgid: string) {
    this.sql('UPDATE platform_messages SET attempts = attempts + 1, updated_at = ? WHERE msgid = ?').run(this.now(), msgid)
  }

  /** Sends a message already on disk, under its own msgid. */
  send<I extends Infno>(infno: I, request: TransactionInput<I>, msgid: string, insuplcAdmdvs: string | null) {
    return this.platformLink().platform.call(infno, request, { msgid, insuplcAdmdvs: insuplcAdmdvs ?? undefined })
  }

  /** Waits before the next attempt and answers the pause after that (doubling, capped). */
  async pause(delay: number): Promise<number> {
    // Jitter keeps a room of terminals from retrying in step after an outage.
    await this.sleep(delay / 2 + Math.random() * (delay / 2))
    return Math.min(delay * 2, this.maxBackoffMs)
  }

  /** The first pause between attempts. */
  get firstPause(): number {
    return this.backoffMs
  }

  /** How many sends a person at the desk waits for before the rest is left to recovery. */
  get inlineAttempts(): number {
    return this.inlineTries
  }

  /** Stored requests of the messages still open among `infnos`, oldest first. */
  openMessages(infnos: readonly string[]): MessageRow[] {
    return this.sql(
      `SELECT * FROM platform_messages WHERE ${messageOpen()} AND infno IN (${infnos.map((i) => `'${i}'`).join(', ')}) ORDER BY created_at`,
    ).all() as MessageRow[]
  }

  /** How many of a sale's messages are still open. */
  openMessageCount(saleId: string): number {
    return (this.sql(`SELECT COUNT(*) AS n FROM platform_messages WHERE sale_id = ? AND ${messageOpen()}`).get(saleId) as { n: number }).n
  }

  /** raw is the answer as it came (kept first, so what the platform said survives any reading of it). */
  markMessage(msgid: string, state: MessageRow['state'], extra: { response?: unknown; error?: string; raw?: unknown }) {
    // Decided (answered, refused, reversed), the message is never resent: a credential kept sealed for a resend goes.
    if (state !== 'intent' && state !== 'unknown') this.sql(withholdSealed('platform_messages')).run(msgid)
    this.sql(
      'UPDATE platform_messages SET state = ?, raw_answer = COALESCE(?, raw_answer), response = COALESCE(?, response), error = COALESCE(?, error), updated_at = ? WHERE msgid = ?',
    ).run(
      state,
      extra.raw === undefined ? null : JSON.stringify(extra.raw),
      extra.response === undefined ? null : JSON.stringify(extra.response),
      extra.error ?? null,
      this.now(),
      msgid,
    )
  }
}
