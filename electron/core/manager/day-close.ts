import { PosError } from '../../../shared/contract'
import type { DayReport, ZReport } from '../../../shared/contract/manager/schemas'
import { formatHead, advanceAnchor } from '../audit'
import type { Caller } from '../transport'
import { notFuture, type ManagerDeps } from './context'
import { DayEvents, type DayItem } from './day-events'
import type { PendingView } from './pending'
import type { Reconciliation } from './reconciliation'
import { StoreSide } from './store-side'
import { recordClosePart } from './supplementary-z'
import { DayStore, type CloseRow } from './day-store'

/**
 * The day close (Z report). It is refused until nothing is left between intent and answer (or the
 * manager acknowledges what is), and the latest reconciliation agrees or explains every difference and
 * still describes the day. The figures are then copied into day_closes, which triggers keep unchanged.
 */
export class DayClose {
  constructor(
    private readonly deps: ManagerDeps,
    private readonly recon: Reconciliation,
    private readonly pending: PendingView,
    private readonly report: (day: string, training: boolean, items: DayItem[]) => DayReport,
    private readonly events = new DayEvents(deps.db),
  ) {}

  private row(day: string, training: boolean): CloseRow | undefined {
    return new DayStore(this.deps.db).close(day, training ? 1 : 0)
  }

  close(day: string, acknowledgeQueue: boolean, note: string | undefined, caller: Caller): ZReport {
    notFuture(this.deps, day)
    const training = this.deps.settings().trainingMode
    if (this.row(day, training)) throw new PosError('DAY_ALREADY_CLOSED', { day })
    const queue = this.pending.queue(training)
    if ((queue.sales.length > 0 || queue.offlineQueued > 0) && !acknowledgeQueue) {
      throw new PosError('QUEUE_NOT_EMPTY', { waiting: queue.sales.length, offline: queue.offlineQueued })
    }
    const runId = this.recon.latestId(day, training)
    if (runId === null) throw new PosError('RECON_REQUIRED', { day })
    const run = this.recon.view(runId)
    if (run.status === 'differences') {
      const open = run.differences.filter((d) => d.resolution !== 'explained').length
      throw new PosError('RECON_UNEXPLAINED', { open })
    }
    // One fresh read: the figures frozen are exactly the ones the fingerprint vouches for.
    const items = this.events.items(day, training)
    const side = new StoreSide(items)
    if (side.fingerprint() !== this.recon.latestFingerprint(runId)) {
      throw new PosError('RECON_STALE')
    }
    const report = this.report(day, training, items)
    const db = this.deps.db
    const closedAt = this.deps.clock.now().toISOString()
    db.transaction(() => {
      this.deps.audit.append({
        actor: caller.id,
        action: 'day.close',
        subject: `day:${day}`,
        detail: {
          training,
          reconRun: runId,
          reconStatus: run.status,
          queueAcknowledged: queue.sales.map((q) => q.saleId),
          offlineQueued: queue.offlineQueued,
          note: note ?? null,
          net: report.net.total,
          count: report.sales.count,
        },
      })
      const head = this.deps.audit.head()!
      new DayStore(db).insertClose({
        day,
        training: training ? 1 : 0,
        closed_at: closedAt,
        closed_by: caller.id,
        recon_run_id: runId,
        recon_status: run.status,
        queue_acknowledged: JSON.stringify(queue),
        note: note ?? null,
        report: JSON.stringify(report),
        audit_seq: head.seq,
        audit_head: head.hash,
        audit_mac: head.mac,
      })
      recordClosePart(db, day, training, items, closedAt, caller.id)
    })()
    // After the commit: an anchor ahead of the database would read as a truncation.
    advanceAnchor(db, this.deps.audit)
    this.deps.events.emit('managerDayChanged', { day, training, what: 'closed' })
    return this.zReport(day, training)
  }

  closedInfo(day: string, training: boolean): DayReport['closed'] {
    const r = this.row(day, training)
    return r ? { closedAt: r.closed_at, closedBy: r.closed_by, reconRunId: r.recon_run_id } : null
  }

  /** The frozen figures of a closed day, or undefined while it is open. */
  frozen(day: string, training: boolean): DayReport | undefined {
    const r = this.row(day, training)
    if (!r) return undefined
    return { ...(JSON.parse(r.report) as DayReport), closed: { closedAt: r.closed_at, closedBy: r.closed_by, reconRunId: r.recon_run_id } }
  }

  zReport(day: string, training = this.deps.settings().trainingMode): ZReport {
    const r = this.row(day, training)
    if (!r) throw new PosError('DAY_NOT_CLOSED', { day, forSupplementary: false })
    const s = this.deps.settings()
    return {
      report: this.frozen(day, training)!,
      close: {
        closedAt: r.closed_at,
        closedBy: r.closed_by,
        reconRunId: r.recon_run_id,
        reconStatus: r.recon_status,
        ...(() => {
          const q = JSON.parse(r.queue_acknowledged) as { sales: ZReport['close']['queueAcknowledged']; offlineQueued: number }
          return { queueAcknowledged: q.sales, offlineQueued: q.offlineQueued }
        })(),
        note: r.note,
        auditHead: r.audit_mac ? formatHead({ seq: r.audit_seq, mac: r.audit_mac }) : r.audit_head,
      },
      store: { fixmedinsCode: s.fixmedinsCode, fixmedinsName: s.fixmedinsName },
    }
  }

  closedDays(from: string, to: string, training: boolean): Set<string> {
    return new Set(new DayStore(this.deps.db).closedDays(from, to, training ? 1 : 0))
  }
}
