import { PosError } from '../../../shared/contract'
import type { MobilePaymentView } from '../../../shared/contract/sale/mobile'
import { fromFen } from '../../../shared/money/money'
import { AuthCodeSchema, maskAuthCode, walletOf } from '../../../shared/payment/auth-code'
import type { AuditTrail } from '../audit'
import type { Clock } from '../../base/clock'
import type { Db } from '../../base/store/database'
import type { EventBus } from '../events'
import type { Caller, Logger } from '../transport'
import type { MobilePaymentRow, MobilePayStore } from './mobile-pay-store'
import { PaymentUnanswered, type PaidTrade, type PayAnswer, type PaymentProvider, type TradeAnswer } from './provider-port'

/** What the sale side does for a mobile payment: how much is due, and recording the provider's confirmation. */
export interface MobileSaleSide {
  /** Fen still to pay by payment code; refuses a sale in no state to take one. */
  mobileDue(saleId: string): number
  /** Runs inside the transaction that records the provider's confirmation: both commit, or neither. */
  recordMobilePaid(saleId: string, actor: string, paidFen: number): void
  /** After that commit: the receipt. */
  mobilePaid(saleId: string, caller: Caller): void
}

export interface MobilePayTiming {
  /** Between two queries while the customer enters a password (WeChat suggests about 5 s, Alipay 3 s). */
  pollMs: number
  /** How long a customer may take before the counter gives up and cancels (撤销). */
  deadlineMs: number
  /** 撤销 attempts a cashier waits for before the rest is left to the background. */
  reverseAttempts: number
}

export const DEFAULT_TIMING: MobilePayTiming = { pollMs: 3_000, deadlineMs: 60_000, reverseAttempts: 3 }

export interface MobilePayDeps {
  db: Db
  clock: Clock
  events: EventBus
  audit: AuditTrail
  log: Logger
  store: MobilePayStore
  /** The provider of the moment (training: the sandbox); refuses with MOBILE_PAY_NOT_CONFIGURED when there is none. */
  provider: () => Promise<PaymentProvider>
  sale: MobileSaleSide
  timing?: Partial<MobilePayTiming>
  sleep?: (ms: number) => Promise<void>
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** A payment this process is driving: a cancel sets the flag and wakes the wait between two queries. */
interface InFlight {
  cancel: boolean
  wake: () => void
  done?: Promise<MobilePaymentView>
}

/** Something happened: null when no answer came. */
type Heard = PayAnswer | TradeAnswer | null

/**
 * 付款码 payments through a provider seam, with the same discipline as the platform journal: the trade
 * number is on disk before the provider hears of it; a lost answer is asked about (query), never resent
 * under a new number; a payment is recorded only when the provider's answer names our trade and amount;
 * whatever is not confirmed by the deadline is cancelled (撤销), so nothing stays charged unrecorded.
 */
export class MobilePayService {
  private readonly timing: MobilePayTiming
  private readonly sleep: (ms: number) => Promise<void>
  /** Payments this process is driving, by sale: a cancel wakes the loop instead of racing it. */
  private readonly inFlight = new Map<string, InFlight>()

  constructor(private readonly deps: MobilePayDeps) {
    this.timing = { ...DEFAULT_TIMING, ...deps.timing }
    this.sleep = deps.sleep ?? realSleep
  }

  view(row: MobilePaymentRow): MobilePaymentView {
    return {
      saleId: row.sale_id,
      outTradeNo: row.out_trade_no,
      provider: row.provider,
      wallet: row.wallet,
      codeMasked: row.code_masked,
      amount: fromFen(row.amount_fen).toFixed(2),
      state: row.state,
      reason: row.reason,
      transactionId: row.transaction_id,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      refunds: this.deps.store.refunds(row.out_trade_no).map((r) => ({
        outRefundNo: r.out_refund_no,
        amount: fromFen(r.refund_fen).toFixed(2),
        state: r.state,
        detail: r.detail,
        at: r.updated_at,
      })),
    }
  }

  list(saleId: string): MobilePaymentView[] {
    return this.deps.store.forSale(saleId).map((r) => this.view(r))
  }

  /** Whether a payment of the sale is between intent and outcome: the sale may not be voided under it. */
  isOpen(saleId: string): boolean {
    return this.deps.store.openForSale(saleId) !== undefined
  }

  private changed(row: MobilePaymentRow): MobilePaymentView {
    const payment = this.view(row)
    this.deps.events.emit('mobilePayChanged', { payment })
    return payment
  }

  private async provider(): Promise<PaymentProvider> {
    return this.deps.provider()
  }

  // ---- paying

  async pay(saleId: string, rawCode: string, caller: Caller): Promise<MobilePaymentView> {
    const parsed = AuthCodeSchema.safeParse(rawCode)
    if (!parsed.success) throw new PosError('PAY_CODE_INVALID', { problem: parsed.error.issues[0]?.message })
    const code = parsed.data
    const provider = await this.provider()
    // Checked in the transaction that writes the intent: two scans sent at once make one payment.
    const row = this.deps.db.transaction(() => {
      if (this.deps.store.openForSale(saleId)) throw new PosError('MOBILE_PAY_IN_PROGRESS', { why: 'started' })
      if (this.deps.store.paidForSale(saleId)) throw new PosError('SALE_WRONG_STATE', { why: 'mobileAlreadyPaid' })
      const amountFen = this.deps.sale.mobileDue(saleId)
      if (amountFen <= 0) throw new PosError('MOBILE_PAY_NOTHING_DUE')
      const r = this.deps.store.begin({ saleId, provider: provider.name, wallet: walletOf(code)!, codeMasked: maskAuthCode(code), amountFen, actor: caller.id })
      this.deps.audit.append({
        actor: caller.id,
        action: 'mobile-pay.intent',
        subject: saleId,
        detail: { outTradeNo: r.out_trade_no, amount: fromFen(amountFen).toFixed(2), wallet: r.wallet },
      })
      return r
    })()
    this.changed(row)
    const live: InFlight = { cancel: false, wake: () => {} }
    this.inFlight.set(saleId, live)
    live.done = this.drive(row, provider, code, caller, live)
    try {
      return await live.done
    } finally {
      this.inFlight.delete(saleId)
    }
  }

  private async ask<T>(work: () => Promise<T>): Promise<T | null> {
    try {
      return await work()
    } catch (e) {
      if (e instanceof PaymentUnanswered) return null
      throw e
    }
  }

  private async drive(row: MobilePaymentRow, provider: PaymentProvider, code: string, caller: Caller, flags: InFlight): Promise<MobilePaymentView> {
    const trade = row.out_trade_no
    const deadline = this.deps.clock.now().getTime() + this.timing.deadlineMs
    let heard: Heard = await this.ask(() =>
      provider.micropay({ outTradeNo: trade, authCode: code, amountFen: row.amount_fen, description: '药店购药', terminalId: this.terminal(caller) }),
    )
    for (;;) {
      if (heard?.kind === 'paid') return this.confirm(trade, heard, caller, provider)
      if (heard?.kind === 'declined') return this.changed(this.deps.store.move(trade, 'declined', `${heard.message}（${heard.code}）`))
      if (heard?.kind === 'not-paid' || heard?.kind === 'not-found' || heard?.kind === 'refunded') break
      if (heard?.kind === 'user-paying' && this.deps.store.get(trade).state !== 'paying') this.changed(this.deps.store.move(trade, 'paying', null))
      if (flags.cancel || this.deps.clock.now().getTime() >= deadline) break
      await new Promise<void>((resolve) => {
        flags.wake = resolve
        void this.sleep(this.timing.pollMs).then(resolve)
      })
      if (flags.cancel) break
      heard = await this.ask(() => provider.query(trade))
    }
    const why = flags.cancel
      ? '收银员取消'
      : heard?.kind === 'not-found'
        ? '支付平台没有收到这笔付款'
        : heard?.kind === 'not-paid'
          ? `支付平台：${heard.state}`
          : '顾客未在时限内完成支付'
    return this.reverse(trade, why, caller, provider, this.timing.reverseAttempts)
  }

  private terminal(caller: Caller): string {
    return caller.id.slice(0, 32)
  }

  /**
   * The provider says this trade is paid. Recorded only if the answer is about our trade and amount, and
   * the sale still takes it; otherwise the money goes back (撤销) and nothing is recorded as paid.
   */
  private async confirm(trade: string, paid: PaidTrade, caller: Caller, provider: PaymentProvider): Promise<MobilePaymentView> {
    const row = this.deps.store.get(trade)
    if (paid.outTradeNo !== trade || paid.amountFen !== row.amount_fen) {
      this.deps.log({
        level: 'error',
        msg: `mobile payment ${trade}: answer names ${paid.outTradeNo} for ${paid.amountFen} fen, expected ${row.amount_fen}`,
        code: 'MOBILE_PAY_MISMATCH',
      })
      return this.reverse(trade, '支付平台的答复与本笔交易不符，已撤销', caller, provider, this.timing.reverseAttempts)
    }
    try {
      const done = this.deps.db.transaction(() => {
        const r = this.deps.store.paid(trade, paid.transactionId, paid.amountFen)
        this.deps.sale.recordMobilePaid(row.sale_id, caller.id, paid.amountFen)
        this.deps.audit.append({
          actor: caller.id,
          action: 'mobile-pay.paid',
          subject: row.sale_id,
          detail: { outTradeNo: trade, transactionId: paid.transactionId, amount: fromFen(paid.amountFen).toFixed(2) },
        })
        return r
      })()
      const view = this.changed(done)
      this.deps.sale.mobilePaid(row.sale_id, caller)
      return view
    } catch (e) {
      // The sale no longer takes this money (changed meanwhile): the customer gets it back.
      this.deps.log({ level: 'error', msg: `mobile payment ${trade} not recordable: ${(e as Error).message}`, code: 'MOBILE_PAY_UNRECORDABLE' })
      return this.reverse(trade, `销售单不能记录这笔付款（${(e as Error).message}），已撤销`, caller, provider, this.timing.reverseAttempts)
    }
  }

  /** 撤销: the trade is marked as owed a cancel first (durable), then the provider is asked until it confirms. */
  private async reverse(trade: string, why: string, caller: Caller, provider: PaymentProvider, attempts: number): Promise<MobilePaymentView> {
    let row = this.deps.store.get(trade)
    if (row.state !== 'cancelling') {
      row = this.deps.store.move(trade, 'cancelling', why)
      this.changed(row)
    }
    for (let i = 0; i < attempts; i++) {
      const answer = await this.ask(() => provider.reverse(trade))
      if (answer?.kind === 'reversed') {
        this.deps.audit.append({ actor: caller.id, action: 'mobile-pay.cancelled', subject: row.sale_id, detail: { outTradeNo: trade, reason: row.reason } })
        return this.changed(this.deps.store.move(trade, 'cancelled', null))
      }
      if (answer?.kind === 'refused') {
        // The provider will not cancel (e.g. past its window): what it says of the trade decides.
        const now = await this.ask(() => provider.query(trade))
        if (now?.kind === 'paid') return this.confirm(trade, now, caller, provider)
        if (now?.kind === 'not-paid' || now?.kind === 'not-found') return this.changed(this.deps.store.move(trade, 'cancelled', `${why}；${answer.message}`))
      }
      if (i + 1 < attempts) await this.sleep(this.timing.pollMs)
    }
    this.deps.log({ level: 'warn', msg: `mobile payment ${trade}: cancel not confirmed yet, left to recovery`, code: 'MOBILE_PAY_CANCEL_PENDING' })
    return this.view(this.deps.store.get(trade))
  }

  /** The cashier stops waiting: the loop in flight wakes and cancels; a payment left open by a restart is cancelled here. */
  async cancel(saleId: string, caller: Caller): Promise<MobilePaymentView> {
    const live = this.inFlight.get(saleId)
    if (live) {
      live.cancel = true
      live.wake()
      return live.done!
    }
    const open = this.deps.store.openForSale(saleId)
    if (!open) throw new PosError('MOBILE_PAY_NONE')
    const provider = await this.provider()
    return this.resolve(open, provider, caller, '收银员取消')
  }

  /**
   * A payment found between intent and outcome with nobody driving it (a crash, a restart): the provider
   * is asked. Paid for this amount → recorded; anything else → cancelled, so the customer is never
   * charged without the sale knowing it.
   */
  private async resolve(row: MobilePaymentRow, provider: PaymentProvider, caller: Caller, why: string): Promise<MobilePaymentView> {
    if (row.state === 'cancelling') return this.reverse(row.out_trade_no, row.reason ?? why, caller, provider, this.timing.reverseAttempts)
    const heard = await this.ask(() => provider.query(row.out_trade_no))
    if (heard === null) return this.view(row)
    if (heard.kind === 'paid') return this.confirm(row.out_trade_no, heard, caller, provider)
    return this.reverse(row.out_trade_no, why, caller, provider, this.timing.reverseAttempts)
  }

  // ---- refunds

  /**
   * Gives back (原路退回) what a sale's payment took, all of it or `fen`, under our own refund number,
   * written before the provider hears of it; a lost answer is resent under the same number by recovery.
   * Answers null when the sale was not paid by payment code.
   */
  async refund(saleId: string, reason: string, caller: Caller, fen?: number): Promise<MobilePaymentView | null> {
    const paid = this.deps.store.paidForSale(saleId)
    if (!paid) return null
    const left = paid.amount_fen - this.deps.store.committedRefundFen(paid.out_trade_no)
    const amount = fen ?? left
    if (amount <= 0 || amount > left) throw new PosError('MOBILE_REFUND_TOO_MUCH', { left: fromFen(left).toFixed(2) })
    const r = this.deps.db.transaction(() => {
      const started = this.deps.store.beginRefund({ trade: paid.out_trade_no, refundFen: amount, reason, actor: caller.id })
      this.deps.audit.append({
        actor: caller.id,
        action: 'mobile-pay.refund-intent',
        subject: saleId,
        detail: { outRefundNo: started.out_refund_no, amount: fromFen(amount).toFixed(2) },
      })
      return started
    })()
    try {
      await this.sendRefund(r.out_refund_no, await this.provider())
    } catch (e) {
      // The refund is owed and on disk: recovery sends it when the provider can be reached again.
      this.deps.log({ level: 'error', msg: `mobile refund ${r.out_refund_no}: ${(e as Error).message}`, code: 'MOBILE_REFUND_PENDING' })
    }
    return this.changed(this.deps.store.get(paid.out_trade_no))
  }

  private async sendRefund(refundNo: string, provider: PaymentProvider): Promise<void> {
    const r = this.deps.store.unfinishedRefunds().find((x) => x.out_refund_no === refundNo)
    if (!r) return
    const trade = this.deps.store.get(r.out_trade_no)
    const answer = await this.ask(() =>
      provider.refund({ outTradeNo: r.out_trade_no, outRefundNo: refundNo, totalFen: trade.amount_fen, refundFen: r.refund_fen, reason: r.reason }),
    )
    if (answer?.kind === 'refunded' && answer.outRefundNo === refundNo && answer.refundFen === r.refund_fen) {
      this.deps.store.refundDone(refundNo, 'refunded', answer.refundId, null)
    } else if (answer?.kind === 'declined') {
      this.deps.store.refundDone(refundNo, 'declined', null, `${answer.message}（${answer.code}）`)
    } else {
      this.deps.log({ level: 'warn', msg: `mobile refund ${refundNo}: no confirmation yet, resent by recovery`, code: 'MOBILE_REFUND_PENDING' })
    }
  }

  // ---- recovery

  /** Start-up: every payment and refund left in flight is settled with the provider before it is forgotten. */
  async recover(): Promise<{ resolved: MobilePaymentView[]; pending: number }> {
    const rows = this.deps.store.unfinished()
    const refunds = this.deps.store.unfinishedRefunds()
    if (!rows.length && !refunds.length) return { resolved: [], pending: 0 }
    const provider = await this.provider()
    const resolved: MobilePaymentView[] = []
    for (const row of rows) {
      if (this.inFlight.has(row.sale_id)) continue
      const actor = { id: row.actor, name: row.actor, role: null }
      resolved.push(await this.resolve(row, provider, actor, '程序重启时未完成，已撤销'))
    }
    for (const r of refunds) await this.sendRefund(r.out_refund_no, provider)
    const pending = this.deps.store.unfinished().length + this.deps.store.unfinishedRefunds().length
    return { resolved, pending }
  }
}
