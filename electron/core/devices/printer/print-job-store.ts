import type { Clock } from '../../../base/clock'
import type { Db, Migration } from '../../../base/store/database'
import { receiptSchema, type PrintJobKind, type PrintJobState, type PrintJobView, type Receipt, type Slip } from '../../../../shared/receipt'

/**
 * A refund prints a 退货单, a fourth kind of paper. SQLite cannot widen a CHECK in place, so the table is
 * rebuilt with the same rows (the counter's migration range, 0300–0309).
 */
export const refundSlipMigration: Migration = {
  id: 301,
  name: 'print job kind refund',
  sql: `
CREATE TABLE print_jobs_next (
  id INTEGER PRIMARY KEY,
  sale_id TEXT NOT NULL,
  copy INTEGER NOT NULL CHECK (copy >= 0),
  receipt TEXT NOT NULL,
  open_drawer INTEGER NOT NULL CHECK (open_drawer IN (0, 1)),
  state TEXT NOT NULL CHECK (state IN ('queued', 'printing', 'printed', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  last_error_message TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'original' CHECK (kind IN ('original', 'corrected', 'reprint', 'refund')),
  reprint INTEGER NOT NULL DEFAULT 0 CHECK (reprint >= 0),
  UNIQUE (sale_id, copy)
) STRICT;
INSERT INTO print_jobs_next (id, sale_id, copy, receipt, open_drawer, state, attempts, last_error, last_error_message, created_at, updated_at, kind, reprint)
  SELECT id, sale_id, copy, receipt, open_drawer, state, attempts, last_error, last_error_message, created_at, updated_at, kind, reprint FROM print_jobs;
DROP TABLE print_jobs;
ALTER TABLE print_jobs_next RENAME TO print_jobs;
CREATE INDEX print_jobs_state ON print_jobs (state, id);
`,
}

/** The kinds of row a slip's reprint copies from. */
const SLIP_KINDS: Record<Slip, string> = { sale: "('original', 'corrected')", refund: "('refund')" }

export interface PrintJob extends PrintJobView {
  receipt: Receipt
  openDrawer: boolean
  /** The number a reprint prints ("第n次"); 0 for an original or a corrected receipt. */
  reprint: number
}

interface Row {
  id: number
  sale_id: string
  copy: number
  kind: PrintJobKind
  reprint: number
  receipt: string
  open_drawer: number
  state: PrintJobState
  attempts: number
  last_error: string | null
  last_error_message: string | null
  created_at: string
  updated_at: string
}

function toJob(row: Row): PrintJob {
  return {
    id: row.id,
    saleId: row.sale_id,
    copy: row.copy,
    kind: row.kind,
    state: row.state,
    attempts: row.attempts,
    lastError: row.last_error ? { code: row.last_error, message: row.last_error_message ?? '' } : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    receipt: receiptSchema.parse(JSON.parse(row.receipt)),
    openDrawer: row.open_drawer === 1,
    reprint: row.reprint,
  }
}

export function viewOf(job: PrintJob): PrintJobView {
  const { receipt: _receipt, openDrawer: _drawer, reprint: _reprint, ...view } = job
  return view
}

/** The print_jobs table. Every write is one statement or one transaction: a crash leaves a valid row. */
export class PrintJobStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  private now(): string {
    return this.clock.now().toISOString()
  }

  get(id: number): PrintJob | undefined {
    const row = this.db.prepare('SELECT * FROM print_jobs WHERE id = ?').get(id) as Row | undefined
    return row && toJob(row)
  }

  /** Adds copy 0 of a sale once; asking again returns the existing job (a retried IPC call prints once). */
  addOriginal(saleId: string, receipt: Receipt, openDrawer: boolean): { job: PrintJob; created: boolean } {
    const at = this.now()
    const result = this.db
      .prepare(
        `INSERT INTO print_jobs (sale_id, copy, receipt, open_drawer, state, attempts, created_at, updated_at)
         VALUES (?, 0, ?, ?, 'queued', 0, ?, ?) ON CONFLICT (sale_id, copy) DO NOTHING`,
      )
      .run(saleId, JSON.stringify(receipt), openDrawer ? 1 : 0, at, at)
    const row = this.db.prepare('SELECT * FROM print_jobs WHERE sale_id = ? AND copy = 0').get(saleId) as Row
    return { job: toJob(row), created: result.changes === 1 }
  }

  /**
   * A reprint is a new row numbered after the last copy, never opening the drawer. It repeats the sale's
   * newest receipt: the corrected one once there is one, since that is what the sale now says.
   */
  addReprint(saleId: string, slip: Slip = 'sale'): PrintJob | undefined {
    const add = this.db.transaction(() => {
      const latest = this.db
        .prepare(`SELECT receipt FROM print_jobs WHERE sale_id = ? AND kind IN ${SLIP_KINDS[slip]} ORDER BY copy DESC LIMIT 1`)
        .get(saleId) as { receipt: string } | undefined
      if (!latest) return undefined
      const { reprints } = this.db.prepare("SELECT COUNT(*) AS reprints FROM print_jobs WHERE sale_id = ? AND kind = 'reprint'").get(saleId) as {
        reprints: number
      }
      return this.insertAfterLast(saleId, 'reprint', latest.receipt, reprints + 1)
    })
    const id = add.immediate()
    return id === undefined ? undefined : this.get(id)
  }

  /**
   * The refund slip of a sale, once: asking again (a retried call) returns the one there is. A sale whose
   * receipt never existed still gets its slip, as the next copy after whatever the sale has.
   */
  addRefundSlip(saleId: string, receipt: Receipt): { job: PrintJob; created: boolean } {
    const add = this.db.transaction(() => {
      const there = this.db.prepare("SELECT id FROM print_jobs WHERE sale_id = ? AND kind = 'refund'").get(saleId) as { id: number } | undefined
      return there ? { id: there.id, created: false } : { id: this.insertAfterLast(saleId, 'refund', JSON.stringify(receipt), 0), created: true }
    })
    const { id, created } = add.immediate()
    return { job: this.get(id)!, created }
  }

  /** A corrected receipt (an offline sale once the platform answered): printed as a new first paper. */
  addCorrected(saleId: string, receipt: Receipt): PrintJob | undefined {
    const add = this.db.transaction(() => {
      const first = this.db.prepare('SELECT 1 FROM print_jobs WHERE sale_id = ? AND copy = 0').get(saleId)
      if (!first) return undefined
      return this.insertAfterLast(saleId, 'corrected', JSON.stringify(receipt), 0)
    })
    const id = add.immediate()
    return id === undefined ? undefined : this.get(id)
  }

  private insertAfterLast(saleId: string, kind: PrintJobKind, receipt: string, reprint: number): number {
    const { next } = this.db.prepare('SELECT COALESCE(MAX(copy) + 1, 0) AS next FROM print_jobs WHERE sale_id = ?').get(saleId) as { next: number }
    const at = this.now()
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO print_jobs (sale_id, copy, kind, reprint, receipt, open_drawer, state, attempts, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 0, 'queued', 0, ?, ?)`,
      )
      .run(saleId, next, kind, reprint, receipt, at, at)
    return Number(lastInsertRowid)
  }

  nextQueued(): PrintJob | undefined {
    const row = this.db.prepare("SELECT * FROM print_jobs WHERE state = 'queued' ORDER BY id LIMIT 1").get() as Row | undefined
    return row && toJob(row)
  }

  markPrinting(id: number): void {
    this.db.prepare("UPDATE print_jobs SET state = 'printing', attempts = attempts + 1, updated_at = ? WHERE id = ?").run(this.now(), id)
  }

  markPrinted(id: number): void {
    this.db.prepare("UPDATE print_jobs SET state = 'printed', last_error = NULL, last_error_message = NULL, updated_at = ? WHERE id = ?").run(this.now(), id)
  }

  markFailed(id: number, code: string, message: string): void {
    this.db
      .prepare("UPDATE print_jobs SET state = 'failed', last_error = ?, last_error_message = ?, updated_at = ? WHERE id = ?")
      .run(code, message, this.now(), id)
  }

  /** Puts a failed job back in line; a printed one stays printed (that is what reprint is for). */
  requeue(id: number): boolean {
    const r = this.db.prepare("UPDATE print_jobs SET state = 'queued', updated_at = ? WHERE id = ? AND state = 'failed'").run(this.now(), id)
    return r.changes === 1
  }

  /** Jobs left 'printing' by a crash: nobody knows how much paper came out. */
  failInterrupted(code: string, message: string): number[] {
    const ids = (this.db.prepare("SELECT id FROM print_jobs WHERE state = 'printing'").all() as Array<{ id: number }>).map((r) => r.id)
    for (const id of ids) this.markFailed(id, code, message)
    return ids
  }

  list(filter: { states?: PrintJobState[]; saleId?: string; limit?: number } = {}): PrintJobView[] {
    const where: string[] = []
    const args: unknown[] = []
    if (filter.states?.length) {
      where.push(`state IN (${filter.states.map(() => '?').join(', ')})`)
      args.push(...filter.states)
    }
    if (filter.saleId) {
      where.push('sale_id = ?')
      args.push(filter.saleId)
    }
    const sql = `SELECT * FROM print_jobs ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT ?`
    return (this.db.prepare(sql).all(...args, filter.limit ?? 100) as Row[]).map((r) => viewOf(toJob(r)))
  }
}
