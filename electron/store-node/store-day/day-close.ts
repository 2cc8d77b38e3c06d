import type { Pool } from 'pg'
import type { StoreDayView, StoreZ } from '../../../shared/contract/sync/store-day'
import type { Clock } from '../../base/clock'
import { StoreNodeError } from '../errors'
import { inTransaction } from '../migrations'
import { storeItems, type StoreItem } from './items'
import type { StoreReconciliation } from './reconciliation'
import { StoreSideOf, storeReport } from './side'
import { openShiftWords } from './open-shifts'
import { openShifts } from './open-shifts-store'
import { storeTerminals, waitingFor } from './watermarks'
import { lockStore } from '../registry-store'
import { closeParts, insertClosePart, runFingerprint, terminalLabels, type CloseRow } from './day-close-store'

const zView = (r: CloseRow): StoreZ => ({
  part: r.part,
  closedAt: r.closed_at.toISOString(),
  closedBy: r.closed_by,
  reconRunId: Number(r.recon_run_id),
  reconStatus: r.recon_status,
  note: r.note,
  terminals: r.terminals,
  report: r.report,
})

/**
 * The store's day close and its Z reports. Part 0 closes the day for the whole institution once the
 * store reconciliation agrees (or every difference is explained) and still describes the day, and every
 * counter has reported past it (or the manager says why not). A sale or refund that reaches the store
 * after that lands in the next supplementary Z (part 1, 2 …), never in no report: each part records the
 * items it counted, and every item of the day belongs to exactly one part.
 */
export class StoreDayClose {
  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
    private readonly recon: StoreReconciliation,
  ) {}

  private static uncovered(items: StoreItem[], parts: CloseRow[]): StoreItem[] {
    const covered = new Set(parts.flatMap((p) => p.covered))
    return items.filter((i) => !covered.has(i.key))
  }

  async close(storeId: string, day: string, actor: string, incompleteNote: string | null, asOf: Date): Promise<StoreZ> {
    const c = await this.pool.connect()
    try {
      return await inTransaction(c, async () => {
        // One close at a time per store: the store row is the lock.
        await lockStore(c, storeId)
        const now = this.clock.now()
        const parts = await closeParts(c, storeId, day)
        const items = await storeItems(c, storeId, day)
        const late = StoreDayClose.uncovered(items, parts)
        if (parts.length > 0 && late.length === 0)
          throw new StoreNodeError('DAY_ALREADY_CLOSED', `${day} 门店已经日结，之后没有新的销售或退费，不需要补充日结单`)
        const run = await this.recon.latest(c, storeId, day)
        if (!run) throw new StoreNodeError('RECON_REQUIRED', `${day} 门店还没有与医保平台对账，请先对账再日结`)
        if (run.status === 'differences') {
          const open = run.differences.filter((d) => d.resolution !== 'explained').length
          throw new StoreNodeError('RECON_UNEXPLAINED', `门店对账还有 ${open} 处差异没有说明或已处理待复核，请重新对账，其余写明原因后再日结`)
        }
        const fingerprint = await runFingerprint(c, run.id)
        if (new StoreSideOf(items).fingerprint() !== fingerprint) {
          throw new StoreNodeError('RECON_STALE', '对账之后门店又收到了结算或退费，对账结果已不是当天的全部，请重新对账后再日结')
        }
        const terminals = await storeTerminals(c, storeId, day, asOf)
        const waiting = waitingFor(terminals, day)
        if (waiting.length > 0 && !incompleteNote) {
          throw new StoreNodeError(
            'STORE_INCOMPLETE',
            `还有收银台没有上报到日结时刻：${waiting.join('；')}。请等其上报，或写明原因后强制日结（其之后上报的销售会进入补充日结单）`,
          )
        }
        // Every drawer handed over first. A counter that has not reported is the manager's note's to answer for:
        // its shift's close may simply not have arrived.
        const complete = new Set(terminals.filter((t) => t.complete).map((t) => t.terminalNo))
        const open = (await openShifts(c, storeId, day, asOf)).filter((s) => complete.has(s.terminalNo) || !incompleteNote)
        if (open.length > 0) {
          throw new StoreNodeError('SHIFTS_OPEN', `还有收银台没有交班：${openShiftWords(open)}。请这些收银台先交班（F3），再日结`)
        }
        const part = parts.length
        const report = storeReport(storeId, day, late, await terminalLabels(c, storeId))
        await insertClosePart(c, {
          storeId,
          day,
          part,
          at: now,
          actor,
          reconRunId: run.id,
          reconStatus: run.status,
          note: waiting.length > 0 ? incompleteNote : null,
          terminals: JSON.stringify(terminals),
          covered: JSON.stringify(late.map((i) => i.key)),
          report: JSON.stringify(report),
        })
        return zView((await closeParts(c, storeId, day))[part])
      })
    } finally {
      c.release()
    }
  }

  async zReports(storeId: string, day: string): Promise<StoreZ[]> {
    return (await closeParts(this.pool, storeId, day)).map(zView)
  }

  async view(storeId: string, day: string, asOf: Date): Promise<StoreDayView> {
    const items = await storeItems(this.pool, storeId, day)
    const parts = await closeParts(this.pool, storeId, day)
    return {
      storeId,
      day,
      terminals: await storeTerminals(this.pool, storeId, day, asOf),
      report: storeReport(storeId, day, items, await terminalLabels(this.pool, storeId)),
      latestRun: await this.recon.latest(this.pool, storeId, day),
      closes: parts.map(zView),
      late: parts.length === 0 ? 0 : StoreDayClose.uncovered(items, parts).length,
      openShifts: await openShifts(this.pool, storeId, day, asOf),
    }
  }
}
