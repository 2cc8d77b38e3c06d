import { PosError, terminalNoInUse, type Settings } from '../../../shared/contract'
import type { ConnectivityStatus, OfflineSaleView } from '../../../shared/contract/offline/schemas'
import type { PrintJobView } from '../../../shared/receipt'
import { fromFen, toFen, yuan } from '../../../shared/money/money'
import type { Setlinfo } from '../../../shared/nhsa'
import type { RegionPolicy } from '../../../shared/settlement/policy'
import type { AuditTrail } from '../audit'
import type { Clock } from '../../base/clock'
import type { EventBus } from '../events'
import { SaleJournal } from '../journal'
import { offlineSalesToResolve } from '../ledger'
import type { OfflinePendingSource } from '../manager'
import type { PrintService } from '../devices'
import { type PlatformClient, msgidSequenceFor } from '../platform'
import type { Db } from '../../base/store/database'
import { Connectivity, evidenceOf, type ConnectivityOptions } from './connectivity'
import type { Estimate } from './estimate'
import type { PipelineOptions } from './forwarder'
import { OfflineSettings } from './offline-settings'
import { OfflinePolicies } from './policies'
import { OfflineQueue, type OfflineSaleRow, type QueueRow } from './queue'
import { correctedReceipt, previewOf, receiptAsItStands } from './receipts'
import { MemberSnapshots } from './snapshots'

export interface OfflineServiceDeps {
  db: Db
  clock: Clock
  audit: AuditTrail
  events: EventBus
  settings: () => Settings
  /** The platform now (PlatformConnection in the app; any source of a client in tests and the bench). */
  connection: { current(): Promise<{ client: PlatformClient }> }
  /** The receipt printer: corrected receipts and reprints of offline sales. */
  printer?: Pick<PrintService, 'printCorrected' | 'reprint'>
  /** Display names of users, for receipts. */
  userName?: (id: string) => string
  /** Training mode's region policies, from the training platform (absent where the service only runs live). */
  trainingPolicies?: () => readonly RegionPolicy[]
  connectivity?: ConnectivityOptions
  /** Health probe: how often while online, and while degraded or offline. */
  probeOnlineMs?: number
  probeOfflineMs?: number
  backoffMs?: number
  maxBackoffMs?: number
  /** How many messages the forwarder keeps on the wire and how many answers share a commit. */
  pipeline?: PipelineOptions
}

const fen = (n: number) => fromFen(n).toFixed(2)

/**
 * Offline store-and-forward for one terminal: the connectivity evidence and its health probe, the
 * durable queue and its forwarder, the member snapshots and region policies for the estimate, the
 * store's mode and limits, and the views the counter, the banner and the manager see.
 */
export class OfflineService {
  readonly connectivity: Connectivity
  readonly queue: OfflineQueue
  readonly snapshots: MemberSnapshots
  readonly policies: OfflinePolicies
  readonly limits: OfflineSettings
  private probeTimer: NodeJS.Timeout | undefined
  private probing: Promise<void> | null = null
  private closed = false
  private statusTimer: NodeJS.Timeout | undefined
  private salesTimer: NodeJS.Timeout | undefined
  private readonly changedSales = new Set<string>()
  private readonly probeOnlineMs: number
  private readonly probeOfflineMs: number

  constructor(private readonly deps: OfflineServiceDeps) {
    this.connectivity = new Connectivity(deps.clock, deps.connectivity)
    this.snapshots = new MemberSnapshots(deps.db, deps.clock)
    this.policies = new OfflinePolicies(deps.db, deps.clock, deps.audit)
    this.limits = new OfflineSettings(deps.db, deps.clock, deps.audit)
    this.probeOnlineMs = deps.probeOnlineMs ?? 15_000
    this.probeOfflineMs = deps.probeOfflineMs ?? 2_000
    this.queue = new OfflineQueue({
      db: deps.db,
      clock: deps.clock,
      audit: deps.audit,
      connectivity: this.connectivity,
      journal: () => this.journal(),
      msgids: () => msgidSequenceFor(deps.db, deps.clock, deps.settings()),
      platform: async () => (await deps.connection.current()).client,
      training: () => deps.settings().trainingMode,
      changed: (saleId) => this.emitSaleSoon(saleId),
      status: () => this.emitStatusSoon(),
      backoffMs: deps.backoffMs,
      maxBackoffMs: deps.maxBackoffMs,
      pipeline: deps.pipeline,
    })
    this.connectivity.onChange((v) => {
      if (this.closed) return
      if (v.state === 'online') this.queue.resume()
      this.emitStatus()
      this.scheduleProbe(v.state === 'online' ? this.probeOnlineMs : this.probeOfflineMs)
    })
  }

  journal(): SaleJournal {
    return new SaleJournal(this.deps.db, this.deps.clock, null, this.deps.audit, {
      terminalId: this.deps.settings().terminalId,
      training: () => this.deps.settings().trainingMode,
    })
  }

  start(): void {
    if (this.deps.settings().trainingMode && this.deps.trainingPolicies) this.policies.seedTraining(this.deps.trainingPolicies())
    this.queue.kick()
    this.scheduleProbe(0)
  }

  // ---- the health probe

  private scheduleProbe(ms: number) {
    if (this.closed) return
    clearTimeout(this.probeTimer)
    this.probeTimer = setTimeout(() => void this.probe(), ms)
    this.probeTimer.unref?.()
  }

  /** A cheap read (1312, one catalog row): its answer, or its failure, is evidence like any call's. */
  probe(): Promise<void> {
    if (this.closed) return Promise.resolve()
    this.probing ??= this.probeOnce().finally(() => (this.probing = null))
    return this.probing
  }

  private async probeOnce(): Promise<void> {
    const started = Date.now()
    let evidence
    try {
      const t = await this.deps.connection.current()
      await t.client.call('1312', { data: { page_num: 1, page_size: 1 } })
      evidence = { ok: true as const, ms: Date.now() - started }
    } catch (e) {
      evidence = evidenceOf(e, Date.now() - started)
    }
    // An answer that arrives after close changes nothing: the database may be closed by then.
    if (this.closed) return
    this.connectivity.report(evidence)
    if (evidence.ok && this.connectivity.current === 'online' && this.queue.status().queued > 0) this.queue.kick()
    this.scheduleProbe(this.connectivity.current === 'online' && evidence.ok ? this.probeOnlineMs : this.probeOfflineMs)
  }

  /** A call of the counter failed or answered: evidence. A failure brings the next probe forward. */
  observe(e: unknown | null, ms: number): void {
    if (e === null) {
      this.connectivity.report({ ok: true, ms })
      return
    }
    const ev = evidenceOf(e, ms)
    this.connectivity.report(ev)
    if (!ev.ok) this.scheduleProbe(200)
  }

  // ---- views

  status(): ConnectivityStatus {
    const v = this.connectivity.view()
    const q = this.queue.status()
    const toResolve = this.queue.store.unresolvedCount(this.deps.settings().trainingMode ? 1 : 0)
    return {
      ...v,
      mode: this.limits.get().mode,
      queue: {
        queued: q.queued,
        sales: q.sales,
        uploads: q.uploads,
        oldestAt: q.oldestAt,
        outstanding: fen(q.outstandingFen),
        forwarding: q.forwarding,
        nextAttemptAt: q.nextAttemptAt,
        lastError: q.lastError,
        held: q.held,
      },
      toResolve,
    }
  }

  private emitStatus() {
    clearTimeout(this.statusTimer)
    this.statusTimer = undefined
    if (this.closed) return
    this.deps.events.emit('connectivity', this.status())
  }

  /** Forwarding thousands of messages must not flood the screen: at most four updates a second. */
  private emitStatusSoon() {
    if (this.statusTimer || this.closed) return
    this.statusTimer = setTimeout(() => this.emitStatus(), 250)
    this.statusTimer.unref?.()
  }

  /**
   * The forwarder reports every message (a sale's 2102, then each of its uploads); building the view for
   * each would cost as much as forwarding. Changes are gathered and each sale's view is built once per
   * quarter second.
   */
  private emitSaleSoon(saleId: string) {
    this.changedSales.add(saleId)
    if (this.salesTimer || this.closed) return
    this.salesTimer = setTimeout(() => {
      this.salesTimer = undefined
      const ids = [...this.changedSales]
      this.changedSales.clear()
      for (const id of ids) this.emitSale(id)
    }, 250)
    this.salesTimer.unref?.()
  }

  private emitSale(saleId: string) {
    if (this.closed) return
    const off = this.queue.saleRow(saleId)
    if (!off) return
    // Without the receipt: laying it out was a fifth of the client's time per answer in a backlog, and only
    // a sale open on a screen shows it (that screen asks offlineSale for it when told the sale changed).
    this.deps.events.emit('offlineSaleChanged', { sale: this.viewOf(off, false) })
  }

  changed(saleId: string) {
    this.emitSale(saleId)
    this.emitStatusSoon()
  }

  /**
   * A manager sends a sale held on a taken msgid again under a new one. A live counter must have its own
   * terminal number first, or the new msgid would clash the same way.
   */
  reissueHeld(saleId: string, actor: string): OfflineSaleView {
    const s = this.deps.settings()
    if (!s.trainingMode && !terminalNoInUse(s).assigned) {
      throw new PosError('TERMINAL_NO_REQUIRED', { why: 'resend' })
    }
    this.queue.reissueHeld(saleId, actor)
    return this.view(saleId)
  }

  /** The sale as it stands, with its receipt laid out (offline, or corrected once the outcome is in). */
  view(saleId: string): OfflineSaleView {
    const off = this.queue.saleRow(saleId)
    if (!off) throw new PosError('OFFLINE_SALE_NOT_FOUND', { why: 'notQueued' })
    return this.viewOf(off, true)
  }

  private viewOf(off: OfflineSaleRow, withReceipt: boolean): OfflineSaleView {
    const j = this.journal()
    const sale = j.ledger.get(off.sale_id)
    const msgs = this.queue.messages(off.sale_id)
    const main = msgs.find((m) => m.msgid === off.msgid) as QueueRow
    const uploads = msgs.filter((m) => m.infno !== '2102')
    const est = JSON.parse(off.estimate) as Estimate
    const s = sale.setlinfo ? (JSON.parse(sale.setlinfo) as Setlinfo) : null
    const total = sale.medfee_fen + sale.goods_fen
    const y = (n: number) => yuan(String(n)).toFixed(2)
    const receipt = withReceipt
      ? receiptAsItStands(sale, j.ledger.lines(off.sale_id), off, this.deps.settings(), this.deps.userName?.(sale.cashier) ?? sale.cashier)
      : null
    return {
      saleId: off.sale_id,
      mode: off.mode,
      state: off.outcome ?? (this.queue.isHeld(off.msgid) ? 'held' : main.state === 'sending' || main.attempts > 0 ? 'forwarding' : 'queued'),
      resolution: off.resolution,
      queuedAt: off.queued_at,
      cashier: sale.cashier,
      terminalId: sale.terminal_id,
      memberNameMasked: sale.name_masked,
      total: fen(total),
      paid: fen(off.paid_fen),
      advanced: fen(off.advanced_fen),
      estimate: {
        medical: est.medical,
        fund: est.fund,
        account: est.account,
        mutualAid: est.mutualAid,
        personCash: est.personCash,
        goods: est.goods,
        cashDue: est.cashDue,
        quotaLeft: est.quotaLeft,
        policyRegion: est.policyRegion,
        policySource: est.policySource,
        snapshotSeenAt: est.snapshotSeenAt,
      },
      attempts: main.attempts,
      lastError: main.state === 'done' ? null : main.last_error,
      outcome: off.outcome
        ? {
            at: off.outcome_at!,
            settlementId: sale.setl_id,
            declineReason: off.decline_reason,
            fund: s ? y(s.fund_pay_sumamt) : '0.00',
            account: s ? y(s.acct_pay) : '0.00',
            mutualAid: s ? y(s.acct_mulaid_pay) : '0.00',
            personCash: s ? y(s.psn_cash_pay) : fen(sale.medfee_fen),
            customerShare: fen(s ? toFen(yuan(String(s.psn_cash_pay))) + sale.goods_fen : total),
            due: fen(off.due_fen ?? 0),
          }
        : null,
      resolvedAt: off.resolved_at,
      resolvedBy: off.resolved_by,
      uploads: {
        done: uploads.filter((u) => u.state === 'done').length,
        waiting: uploads.filter((u) => u.state === 'queued' || u.state === 'sending').length,
        // An upload sent again under a new msgid is not a refusal of the upload itself.
        declined: uploads.filter((u) => u.state === 'declined' && !this.queue.isReissued(u.msgid)).map((u) => u.last_error ?? ''),
      },
      receipt: receipt ? { kind: off.outcome ? 'corrected' : 'offline', lines: previewOf(receipt) } : null,
    }
  }

  /**
   * Prints what the sale says now: the corrected receipt once the platform has answered (with what was
   * refunded or is still owed), else another copy of the offline receipt.
   */
  printReceipt(saleId: string, actor: string): PrintJobView {
    const off = this.queue.saleRow(saleId)
    if (!off) throw new PosError('OFFLINE_SALE_NOT_FOUND', { why: 'notQueued' })
    const printer = this.deps.printer
    if (!printer) throw new PosError('PRINTER_DISABLED', { why: 'offlineReceipt' })
    const j = this.journal()
    const sale = j.ledger.get(saleId)
    const corrected = correctedReceipt(sale, j.ledger.lines(saleId), off, this.deps.settings(), this.deps.userName?.(actor) ?? actor)
    const job = corrected ? printer.printCorrected({ saleCommitted: true, receipt: corrected }) : printer.reprint(saleId)
    this.deps.audit.append({
      actor,
      action: corrected ? 'offline.corrected-receipt' : 'receipt.reprinted',
      subject: saleId,
      detail: { jobId: job.id, copy: job.copy },
    })
    return job
  }

  list(open: boolean, limit: number): OfflineSaleView[] {
    const rows = this.queue.store.list(this.deps.settings().trainingMode ? 1 : 0, open, limit)
    // A list's rows show no receipt; the one opened is fetched with it (offlineSale).
    return rows.map((r) => this.viewOf(r, false))
  }

  /** What the manager's pending view and day close see of the queue. */
  pendingSource(): OfflinePendingSource {
    return {
      pending: (training) => {
        const rows = offlineSalesToResolve(this.deps.db, training)
        const item = (r: (typeof rows)[number]) => ({
          saleId: r.sale_id,
          state: `offline-${r.outcome}`,
          since: r.outcome_at ?? r.queued_at,
          cashier: r.cashier,
          terminalId: r.terminal_id,
          total: fen(r.medfee_fen + r.goods_fen),
          memberNameMasked: r.name_masked,
          infno: '2102',
          amount: fen(Math.abs(r.due_fen ?? 0)),
        })
        const queued = this.queue.store.waitingCount(training ? 1 : 0)
        const sales = this.journal()
        const held = this.queue.held(training).map((h) => {
          const s = sales.ledger.get(h.sale_id)
          return {
            saleId: h.sale_id,
            state: 'offline-held',
            since: h.held_at,
            cashier: s.cashier,
            terminalId: s.terminal_id,
            total: fen(s.medfee_fen + s.goods_fen),
            memberNameMasked: s.name_masked,
            infno: h.infno,
            msgid: h.msgid,
            reason: h.reason,
          }
        })
        return {
          receivables: rows.filter((r) => r.resolution === 'receivable').map(item),
          refundsOwed: rows.filter((r) => r.resolution === 'refund_due').map(item),
          queued,
          held,
        }
      },
    }
  }

  /** Stops probing and forwarding; the message in flight finishes and is recorded before this resolves. */
  async close(): Promise<void> {
    this.closed = true
    clearTimeout(this.probeTimer)
    clearTimeout(this.statusTimer)
    clearTimeout(this.salesTimer)
    this.queue.close()
    await Promise.allSettled([this.queue.idle(), this.probing])
  }
}
