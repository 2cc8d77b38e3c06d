import type { Pending } from '../../../shared/contract/manager/schemas'
import type { PrintService } from '../devices'
import { salesInFlight, salesOwingCash, trainingOf, type SaleRow } from '../ledger'
import type { Db } from '../../base/store/database'
import { yuanText } from './totals'

type PendingSale = Pending['inBetween'][number]
type OfflineAmount = PendingSale & { amount: string }

/**
 * What the offline queue (store-and-forward, domain rule 5) hands the manager's pending view and the day
 * close: receivables (offline sales the platform declined, or settled for less than the store advanced),
 * refunds owed to customers (deposit-mode sales whose insured part settled later) and how many sales
 * still wait to be forwarded. Until one is registered the pending view answers `offline: null`.
 */
export interface OfflinePendingSource {
  pending(training: boolean): {
    receivables: OfflineAmount[]
    refundsOwed: OfflineAmount[]
    queued: number
    held: (PendingSale & { msgid: string; reason: string })[]
  }
}

type Row = SaleRow & { open_infno: string | null }

function pendingSale(r: Row | SaleRow): PendingSale {
  return {
    saleId: r.id,
    state: r.state,
    since: r.updated_at,
    cashier: r.cashier,
    terminalId: r.terminal_id,
    total: yuanText(r.medfee_fen + r.goods_fen),
    memberNameMasked: r.name_masked,
    infno: 'open_infno' in r ? r.open_infno : null,
  }
}

export class PendingView {
  private offline: OfflinePendingSource | null = null

  constructor(
    private readonly db: Db,
    private readonly printer: PrintService,
  ) {}

  /** Called once by whoever builds the offline queue. */
  registerOfflineQueue(source: OfflinePendingSource): void {
    this.offline = source
  }

  /** Sales between intent and answer: what a day close calls "the queue" until the offline queue joins it. */
  inBetween(training: boolean): PendingSale[] {
    return salesInFlight(this.db, training).map(pendingSale)
  }

  /**
   * What a day close must see empty or acknowledged: sales between intent and answer, and offline sales
   * not yet forwarded. Receivables and refunds owed are money to chase, shown as pending, not a queue.
   */
  queue(training: boolean): { sales: PendingSale[]; offlineQueued: number } {
    return { sales: this.inBetween(training), offlineQueued: this.offline?.pending(training).queued ?? 0 }
  }

  view(training: boolean): Pending {
    // An offline sale still owed is listed once, among the offline receivables, where it can be written off.
    const unpaid = salesOwingCash(this.db, training)
      .filter((r) => r.state === 'settled')
      .map((r) => ({ ...pendingSale(r), owed: yuanText(r.change_fen === null ? (r.cash_due_fen ?? 0) : -r.change_fen) }))
    const failed = this.printer.jobs({ states: ['failed'], limit: 500 })
    const failedPrints = failed
      .filter((j) => trainingOf(this.db, j.saleId) === (training ? 1 : 0))
      .map((j) => ({ jobId: j.id, saleId: j.saleId, copy: j.copy, at: j.updatedAt, error: j.lastError ? `${j.lastError.code}：${j.lastError.message}` : null }))
    return { training, inBetween: this.inBetween(training), unpaid, failedPrints, offline: this.offline?.pending(training) ?? null }
  }
}
