import type { Pool, PoolClient } from 'pg'
import type { StoreTerminal } from '../../../shared/contract/sync/store-day'
import { cstDayRange } from './items'
import { raiseReportedThrough, terminalsOfStore } from './watermarks-store'

/** "T02 二号收银台" */
export const terminalName = (no: number, label: string) => `T${String(no).padStart(2, '0')} ${label}`

/** hh:mm (or yyyy-MM-dd hh:mm when not on `day`) in China Standard Time. */
function cstTime(at: Date, day: string): string {
  const t = new Date(at.getTime() + 8 * 3600_000).toISOString()
  return t.slice(0, 10) === day ? t.slice(11, 16) : `${t.slice(0, 10)} ${t.slice(11, 16)}`
}

/**
 * Every counter of the store with its completeness watermark for `day`: complete once it has reported
 * having nothing unsent at or after the day's end, or, for a day still running, at or after `asOf` (the
 * moment the reconciliation or close is made; what a counter sells after that lands in a later Z).
 */
export async function storeTerminals(db: Pool | PoolClient, storeId: string, day: string, asOf: Date): Promise<StoreTerminal[]> {
  const end = new Date(cstDayRange(day)[1])
  const required = end < asOf ? end : asOf
  return (await terminalsOfStore(db, storeId)).map((t) => ({
    terminalNo: t.terminal_no,
    label: t.label,
    reportedThrough: t.reported_through?.toISOString() ?? null,
    complete: t.blocked_at === null && t.reported_through !== null && t.reported_through >= required,
    blocked: t.blocked_at !== null,
  }))
}

/** The counters a run or close is not complete for, in the manager's words. */
export function waitingFor(terminals: readonly StoreTerminal[], day: string): string[] {
  return terminals
    .filter((t) => !t.complete)
    .map((t) => {
      const name = terminalName(t.terminalNo, t.label)
      if (t.blocked) return `${name} 同步已停止（疑似复制的数据目录）`
      return t.reportedThrough ? `${name} 最后上报于 ${cstTime(new Date(t.reportedThrough), day)}` : `${name} 从未上报`
    })
}

/**
 * A counter says its outbox held nothing after `ackedSeq` at `at` (its clock). Believed only when the store
 * node really holds everything up to that seq; the time is capped at the store node's own clock, so a
 * counter clock running ahead cannot claim the future.
 */
export async function recordCaughtUp(db: Pool, terminalUid: string, ackedSeq: number, at: Date, now: Date): Promise<Date | null> {
  const when = at < now ? at : now
  return raiseReportedThrough(db, terminalUid, ackedSeq, when)
}
