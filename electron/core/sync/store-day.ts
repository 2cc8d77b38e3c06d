import type { z } from 'zod'
import { PosError, type Settings } from '../../../shared/contract'
import type { ReconRun } from '../../../shared/contract/manager/schemas'
import {
  orphanPrepareAnswerSchema,
  reconPrepareAnswerSchema,
  StoreDayViewSchema,
  StoreReconRunSchema,
  storeMonthAnswerSchema,
  storeZAnswerSchema,
  StoreZSchema,
  type StoreDayView,
  type StoreReconRun,
  type StoreZ,
} from '../../../shared/contract/sync/store-day'
import type { TransactionInput } from '../../../shared/nhsa'
import type { DetailDifference } from '../../../shared/recon/detail-differences'
import type { MonthSide } from '../../../shared/recon/month-side'
import { totalReconData, totalsRow } from '../../../shared/recon/store-side'
import type { Clock } from '../../base/clock'
import type { Db } from '../../base/store/database'
import type { AuditTrail } from '../audit'
import { detailReconcile, acctPayIncludesMulaid } from '../manager'
import { type PlatformConnection, PlatformError } from '../platform'
import type { PairingKeySlot } from '../secrets'
import type { Caller } from '../transport'
import { pairedCall } from './paired-call'

export interface StoreDayDeps {
  db: Db
  clock: Clock
  settings: () => Settings
  audit: AuditTrail
  platform: PlatformConnection
  key: PairingKeySlot
  /** A manager's id and PIN, checked and audited by the session; answers who approved. */
  approve(approval: { userId: string; pin: string }, action: string, subject: string): Promise<string>
  /** Pushes this counter's own outbox (and its watermark) before the store's day is read. */
  pushOwn(): Promise<unknown>
  /** How long a reconciliation waits for every counter to report past the moment it started. */
  completenessWaitMs?: number
}

/** Twice the pusher's idle round: a counter that reported this recently is keeping up. */
const VIEW_FRESH_MS = 10_000

/**
 * The store's day from a paired counter's manager screens (store-node.md §5.6): the whole institution's
 * figures, the counters' watermarks, the store reconciliation, its differences, the store close and its
 * Z reports. The store node keeps all of it; this counter asks for it over its paired channel (its key) and
 * carries the store's messages to the platform under the msgids the store node issued (terminal 00).
 */
export class StoreDay {
  constructor(private readonly deps: StoreDayDeps) {}

  private call<T>(path: string, body: object, answer: z.ZodType<T>): Promise<T> {
    return pairedCall(this.deps.db, this.deps.key, '本收银台没有与门店服务器配对：门店日结与对账只在门店模式下可用（设置 → 门店节点）', path, body, answer)
  }

  private viewAsOf(day: string, asOf: Date): Promise<StoreDayView> {
    return this.call('/store/v1/day', { day, as_of: asOf.toISOString() }, StoreDayViewSchema)
  }

  /**
   * The screen's view: a counter counts as complete when it reported within the last VIEW_FRESH_MS (pushers
   * report every few seconds); the reconciliation and the close wait for a report after their own moment.
   */
  async view(day: string): Promise<StoreDayView> {
    await this.deps.pushOwn()
    return this.viewAsOf(day, new Date(this.deps.clock.now().getTime() - VIEW_FRESH_MS))
  }

  /**
   * The whole store's side of a month, for the clearing statement (3203) in store mode. Waits, as a
   * reconciliation does, until every counter has reported past this moment, so today's last sales are in it.
   */
  async month(span: { begin: string; end: string }): Promise<{ side: MonthSide; closed: Set<string> }> {
    await this.awaitCompleteness(span.end)
    const a = await this.call('/store/v1/month', { begin: span.begin, end: span.end, admdvs: this.deps.settings().admdvs }, storeMonthAnswerSchema)
    return { side: a.side, closed: new Set(a.closed_days) }
  }

  zReports(day: string): Promise<StoreZ[]> {
    return this.call('/store/v1/day/z', { day }, storeZAnswerSchema)
  }

  /**
   * Waits (a little) until every counter has reported past this moment, so a sale made just before the
   * run is in it; a counter that does not report in time is named in the run and holds its close back.
   */
  private async awaitCompleteness(day: string): Promise<Date> {
    const asOf = this.deps.clock.now()
    await this.deps.pushOwn()
    const until = asOf.getTime() + (this.deps.completenessWaitMs ?? 15_000)
    for (;;) {
      const v = await this.viewAsOf(day, asOf)
      if (v.terminals.every((t) => t.complete) || this.deps.clock.now().getTime() >= until) return asOf
      await new Promise((r) => setTimeout(r, 250))
    }
  }

  async reconcile(day: string, caller: Caller): Promise<StoreReconRun> {
    const target = await this.deps.platform.background()
    if (target.training) throw new PosError('STORE_DAY_TRAINING', { brief: false })
    const asOf = await this.awaitCompleteness(day)
    const s = this.deps.settings()
    const includesMulaid = acctPayIncludesMulaid(s)
    const prep = await this.call('/store/v1/recon/prepare', { day, setl_optins: s.admdvs }, reconPrepareAnswerSchema)
    const totals: ReconRun['totals'] = []
    for (const { msgid, ...g } of prep.totals) {
      const { output } = await target.client.call('3201', { data: totalReconData(day, g, includesMulaid) }, { msgid })
      totals.push(totalsRow(g, output.stmtinfo))
    }
    const agreed = totals.every((t) => t.agreed)
    // Quiet combinations (nothing on either side) only clutter the screen once they have agreed.
    const shown = totals.filter((t) => !t.agreed || t.count !== 0 || t.medical !== '0.00')
    let detail: StoreReconRun['detail'] = null
    let differences: DetailDifference[] = []
    if (!agreed) {
      const d = prep.detail
      ;({ detail, differences } = await detailReconcile(target.client, {
        day,
        optins: s.admdvs,
        file: d.file,
        count: d.count,
        medicalFen: d.medfee_fen,
        fundFen: d.fund_fen,
        cashFen: d.cash_fen,
        msgids: { upload: d.upload_msgid, detail: d.msgid },
      }))
    }
    const run = await this.call(
      '/store/v1/recon/record',
      { day, as_of: asOf.toISOString(), actor: caller.id, fingerprint: prep.fingerprint, totals: shown, detail, differences },
      StoreReconRunSchema,
    )
    this.deps.audit.append({
      actor: caller.id,
      action: 'store.recon.run',
      subject: `store-day:${day}`,
      detail: { run: run.id, status: run.status, complete: run.complete, differences: run.differences.length },
    })
    return run
  }

  async explain(runId: number, seq: number, note: string, caller: Caller): Promise<StoreReconRun> {
    const run = await this.call('/store/v1/recon/explain', { run_id: runId, seq, actor: caller.id, note }, StoreReconRunSchema)
    this.deps.audit.append({ actor: caller.id, action: 'store.recon.explain', subject: `store-day:${run.day}`, detail: { run: runId, seq, note } })
    return run
  }

  /**
   * Revokes a settlement only the platform has, for the store: the store node says whether it may (every
   * counter reported, nothing in the store explains it) and keeps the 2103 and its msgid (00) before it
   * is sent; a second manager approves at this counter with their own PIN.
   */
  async reverseOrphan(
    input: { day: string; runId: number; seq: number; approval: { userId: string; pin: string }; note?: string },
    caller: Caller,
  ): Promise<StoreReconRun> {
    const target = await this.deps.platform.background()
    if (target.training) throw new PosError('STORE_DAY_TRAINING', { brief: true })
    if (input.approval.userId === caller.id) throw new PosError('SECOND_MANAGER_REQUIRED')
    const approver = await this.deps.approve(input.approval, '撤销孤立结算', `store-recon:${input.runId}:${input.seq}`)
    const asOf = await this.awaitCompleteness(input.day)
    const entry = await this.call(
      '/store/v1/recon/orphan/prepare',
      { as_of: asOf.toISOString(), run_id: input.runId, seq: input.seq, actor: caller.id, approver, note: input.note ?? null },
      orphanPrepareAnswerSchema,
    )
    const outcome = (o: 'answered' | 'unknown' | 'refused', setlinfo: Record<string, unknown> | null) =>
      this.call('/store/v1/recon/orphan/outcome', { run_id: input.runId, seq: input.seq, entry_id: entry.entry_id, outcome: o, setlinfo }, StoreReconRunSchema)
    let run: StoreReconRun
    try {
      // The same msgid and the same input: a platform that already revoked it answers the stored result again.
      const { output } = await target.client.call('2103', entry.request as TransactionInput<'2103'>, {
        msgid: entry.msgid,
        insuplcAdmdvs: this.deps.settings().admdvs,
      })
      run = await outcome('answered', output.setlinfo as unknown as Record<string, unknown>)
    } catch (e) {
      if (!(e instanceof PlatformError)) throw e
      await outcome(e.outcomeUnknown ? 'unknown' : 'refused', null)
      if (!e.outcomeUnknown) throw e
      throw new PosError('ORPHAN_UNRESOLVED')
    }
    this.deps.audit.append({
      actor: caller.id,
      action: 'store.recon.reverse-orphan',
      subject: `store-day:${run.day}`,
      detail: { run: input.runId, seq: input.seq, msgid: entry.msgid, approvedBy: approver },
    })
    return run
  }

  async close(day: string, incompleteNote: string | undefined, caller: Caller): Promise<StoreZ> {
    const asOf = await this.awaitCompleteness(day)
    const z = await this.call(
      '/store/v1/day/close',
      { day, as_of: asOf.toISOString(), actor: caller.id, incomplete_note: incompleteNote ?? null },
      StoreZSchema,
    )
    this.deps.audit.append({
      actor: caller.id,
      action: 'store.day.close',
      subject: `store-day:${day}`,
      detail: { part: z.part, run: z.reconRunId, note: z.note, medical: z.report.figures.medical },
    })
    return z
  }
}
