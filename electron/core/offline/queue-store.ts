import type { StockUploadInfno } from '../../../shared/nhsa/transactions'
import type { Db } from '../../base/store/database'
import { prepared } from '../../base/store/statements'
import type { OfflineMode } from './offline-settings'

export type Infno = '2102' | StockUploadInfno

export interface QueueRow {
  seq: number
  msgid: string
  /** NULL for a stock upload that belongs to no sale (a receipt, a count ...). */
  sale_id: string | null
  infno: Infno
  /** A stock upload's item: its uploads keep their order (forwarder.ts). */
  item_code: string | null
  request: string
  insuplc_admdvs: string | null
  training: number
  state: 'queued' | 'sending' | 'done' | 'declined'
  attempts: number
  last_error: string | null
  response: string | null
  created_at: string
  updated_at: string
}

export interface OfflineSaleRow {
  sale_id: string
  msgid: string
  mode: OfflineMode
  training: number
  psn_no: string
  mulaid_id: string | null
  queued_at: string
  pay_method: 'cash' | 'mobile' | 'none'
  tendered_fen: number
  paid_fen: number
  advanced_fen: number
  acct_fen: number
  mulaid_fen: number
  estimate: string
  outcome: 'settled' | 'declined' | null
  outcome_at: string | null
  decline_reason: string | null
  due_fen: number | null
  resolution: 'waiting' | 'refund_due' | 'receivable' | 'closed'
  resolved_at: string | null
  resolved_by: string | null
  resolved_note: string | null
  resolved_action: 'refunded' | 'collected' | 'written_off' | null
}

/** A sale's message held on a taken msgid (a stock upload of no sale is the uploads list's, electron/core/stock/uploads/). */
export interface HeldMessage {
  msgid: string
  sale_id: string
  infno: Infno
  reason: string
  held_at: string
}

/** What an offline sale was queued with: the customer's payment now and the estimate's promises. */
export interface QueuedSaleFacts {
  saleId: string
  msgid: string
  mode: OfflineMode
  training: number
  psnNo: string
  mulaidId: string | null
  queuedAt: string
  payMethod: OfflineSaleRow['pay_method']
  tenderedFen: number
  paidFen: number
  advancedFen: number
  acctFen: number
  mulaidFen: number
  estimate: string
}

/** A message as it enters the queue, fixed under its msgid. */
export interface QueuedMessage {
  msgid: string
  saleId: string | null
  infno: Infno
  request: string
  insuplcAdmdvs: string | null
  training: number
  itemCode?: string | null
}

/**
 * The offline concern's tables (`offline_queue`, `offline_sales`, `offline_holds`): every statement the
 * queue and the offline service run on them, named. Callers hold the transactions.
 */
export class OfflineQueueStore {
  constructor(private readonly db: Db) {}

  insertMessage(m: QueuedMessage, at: string): void {
    if (m.itemCode === undefined)
      prepared(
        this.db,
        `INSERT INTO offline_queue (msgid, sale_id, infno, request, insuplc_admdvs, training, state, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?)`,
      ).run(m.msgid, m.saleId, m.infno, m.request, m.insuplcAdmdvs, m.training, at, at)
    else
      prepared(
        this.db,
        `INSERT INTO offline_queue (msgid, sale_id, infno, request, insuplc_admdvs, training, state, created_at, updated_at, item_code)
       VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)`,
      ).run(m.msgid, m.saleId, m.infno, m.request, m.insuplcAdmdvs, m.training, at, at, m.itemCode)
  }

  insertSale(s: QueuedSaleFacts): void {
    this.db
      .prepare(
        `INSERT INTO offline_sales (sale_id, msgid, mode, training, psn_no, mulaid_id, queued_at, pay_method, tendered_fen, paid_fen, advanced_fen, acct_fen, mulaid_fen, estimate)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        s.saleId,
        s.msgid,
        s.mode,
        s.training,
        s.psnNo,
        s.mulaidId,
        s.queuedAt,
        s.payMethod,
        s.tenderedFen,
        s.paidFen,
        s.advancedFen,
        s.acctFen,
        s.mulaidFen,
        s.estimate,
      )
  }

  saleRow(saleId: string): OfflineSaleRow | undefined {
    return prepared(this.db, 'SELECT * FROM offline_sales WHERE sale_id = ?').get(saleId) as OfflineSaleRow | undefined
  }

  messages(saleId: string): QueueRow[] {
    return prepared(this.db, 'SELECT * FROM offline_queue WHERE sale_id = ? ORDER BY seq').all(saleId) as QueueRow[]
  }

  /** Account and quota this person's queued sales already promised (the snapshot does not know them). */
  promised(psnNo: string, mulaidId: string | null): { acct: number; quota: number } {
    return this.db
      .prepare(
        `SELECT COALESCE(SUM(acct_fen), 0) AS acct, COALESCE(SUM(CASE WHEN mulaid_id = ? THEN mulaid_fen ELSE 0 END), 0) AS quota
         FROM offline_sales WHERE psn_no = ? AND outcome IS NULL`,
      )
      .get(mulaidId, psnNo) as { acct: number; quota: number }
  }

  /** What the store has lent and not got back: advance-mode sales still queued, and declined ones unpaid. */
  outstandingFen(training: number): number {
    const row = this.db
      .prepare(
        `SELECT COALESCE(SUM(CASE WHEN outcome IS NULL THEN advanced_fen WHEN resolution = 'receivable' THEN -due_fen ELSE 0 END), 0) AS fen
         FROM offline_sales WHERE resolution != 'closed' AND mode = 'advance' AND training = ?`,
      )
      .get(training) as { fen: number }
    return row.fen
  }

  /** The oldest offline sale the platform has not answered yet. */
  oldestWaitingAt(training: number): string | null {
    const row = this.db
      .prepare("SELECT MIN(queued_at) AS at FROM offline_sales WHERE resolution != 'closed' AND outcome IS NULL AND training = ?")
      .get(training) as {
      at: string | null
    }
    return row.at
  }

  /** Open messages of one mode: how many, how many are settlements, the oldest; and how many are held. */
  openCounts(training: number): { n: number; sales: number; oldest: string | null; held: number } {
    const counts = this.db
      .prepare(
        `SELECT COUNT(*) AS n, COALESCE(SUM(infno = '2102'), 0) AS sales, MIN(created_at) AS oldest FROM offline_queue
         WHERE state IN ('queued', 'sending') AND training = ?`,
      )
      .get(training) as { n: number; sales: number; oldest: string | null }
    const held = prepared(
      this.db,
      'SELECT COUNT(*) AS n FROM offline_holds h JOIN offline_queue q ON q.msgid = h.msgid WHERE q.training = ? AND h.replaced_by IS NULL',
    ).get(training) as { n: number }
    return { ...counts, held: held.n }
  }

  /** Messages held for a manager, oldest first. */
  held(training: boolean): HeldMessage[] {
    return this.db
      .prepare(
        'SELECT h.msgid, h.sale_id, q.infno, h.reason, h.held_at FROM offline_holds h JOIN offline_queue q ON q.msgid = h.msgid WHERE q.training = ? AND h.replaced_by IS NULL AND h.sale_id IS NOT NULL ORDER BY q.seq',
      )
      .all(training ? 1 : 0) as HeldMessage[]
  }

  isHeld(msgid: string): boolean {
    return prepared(this.db, 'SELECT 1 FROM offline_holds WHERE msgid = ? AND replaced_by IS NULL').get(msgid) !== undefined
  }

  isReissued(msgid: string): boolean {
    return prepared(this.db, 'SELECT 1 FROM offline_holds WHERE msgid = ? AND replaced_by IS NOT NULL').get(msgid) !== undefined
  }

  /** A sale's messages held on a taken msgid and not yet sent again, in order. */
  heldOfSale(saleId: string): QueueRow[] {
    return this.db
      .prepare('SELECT q.* FROM offline_holds h JOIN offline_queue q ON q.msgid = h.msgid WHERE h.sale_id = ? AND h.replaced_by IS NULL ORDER BY q.seq')
      .all(saleId) as QueueRow[]
  }

  /** The held message `m` goes again as `msgid`: the old row ends declined, the sale and the hold point at the new one. */
  reissue(m: QueueRow, msgid: string, actor: string, at: string): void {
    this.db
      .prepare(
        `INSERT INTO offline_queue (msgid, sale_id, infno, request, insuplc_admdvs, training, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?)`,
      )
      .run(msgid, m.sale_id, m.infno, m.request, m.insuplc_admdvs, m.training, at, at)
    this.db.prepare("UPDATE offline_queue SET state = 'declined', updated_at = ? WHERE seq = ?").run(at, m.seq)
    this.db.prepare('UPDATE offline_sales SET msgid = ? WHERE msgid = ?').run(msgid, m.msgid)
    this.db.prepare('UPDATE offline_holds SET replaced_by = ?, released_by = ?, released_at = ? WHERE msgid = ?').run(msgid, actor, at, m.msgid)
  }

  /** The first open message not held (a held message stays queued under its msgid but out of the order). */
  head(): QueueRow | undefined {
    return prepared(
      this.db,
      "SELECT * FROM offline_queue WHERE state IN ('queued', 'sending') AND msgid NOT IN (SELECT msgid FROM offline_holds) ORDER BY seq LIMIT 1",
    ).get() as QueueRow | undefined
  }

  /** The message at `seq` while it is still open. */
  openAt(seq: number): QueueRow | undefined {
    return prepared(this.db, "SELECT * FROM offline_queue WHERE seq = ? AND state IN ('queued', 'sending')").get(seq) as QueueRow | undefined
  }

  /** A try that decided nothing; once sent, the message is 'sending' (the same message goes again). */
  failedTry(seq: number, sent: boolean, error: string, at: string): void {
    prepared(
      this.db,
      "UPDATE offline_queue SET state = CASE WHEN ? THEN 'sending' ELSE state END, attempts = attempts + 1, last_error = ?, updated_at = ? WHERE seq = ?",
    ).run(sent ? 1 : 0, error, at, seq)
  }

  markDone(seq: number, response: string, at: string): void {
    prepared(this.db, "UPDATE offline_queue SET state = 'done', attempts = attempts + 1, response = ?, last_error = NULL, updated_at = ? WHERE seq = ?").run(
      response,
      at,
      seq,
    )
  }

  markDeclined(seq: number, reason: string, at: string): void {
    this.db.prepare("UPDATE offline_queue SET state = 'declined', attempts = attempts + 1, last_error = ?, updated_at = ? WHERE seq = ?").run(reason, at, seq)
  }

  /** The msgid was taken by another message: counted as a try and held for a manager. */
  hold(m: Pick<QueueRow, 'seq' | 'msgid' | 'sale_id'>, reason: string, at: string): void {
    prepared(this.db, 'UPDATE offline_queue SET attempts = attempts + 1, last_error = ?, updated_at = ? WHERE seq = ?').run(reason, at, m.seq)
    prepared(this.db, 'INSERT INTO offline_holds (msgid, sale_id, reason, held_at) VALUES (?, ?, ?, ?) ON CONFLICT(msgid) DO NOTHING').run(
      m.msgid,
      m.sale_id,
      reason,
      at,
    )
  }

  settledSale(saleId: string, due: number, resolution: OfflineSaleRow['resolution'], at: string): void {
    prepared(
      this.db,
      "UPDATE offline_sales SET outcome = ?, outcome_at = ?, due_fen = ?, resolution = ?, resolved_at = CASE WHEN ? = 'closed' THEN ? END WHERE sale_id = ?",
    ).run('settled', at, due, resolution, resolution, at, saleId)
  }

  declinedSale(saleId: string, reason: string, due: number, resolution: OfflineSaleRow['resolution'], at: string): void {
    this.db
      .prepare(
        "UPDATE offline_sales SET outcome = 'declined', outcome_at = ?, decline_reason = ?, due_fen = ?, resolution = ?, resolved_at = CASE WHEN ? = 'closed' THEN ? END WHERE sale_id = ?",
      )
      .run(at, reason, due, resolution, resolution, at, saleId)
  }

  resolved(saleId: string, action: NonNullable<OfflineSaleRow['resolved_action']>, actor: string, note: string, at: string): void {
    this.db
      .prepare("UPDATE offline_sales SET resolution = 'closed', resolved_at = ?, resolved_by = ?, resolved_note = ?, resolved_action = ? WHERE sale_id = ?")
      .run(at, actor, note, action, saleId)
  }

  /** Offline sales of one mode, newest first; `open` leaves out the closed. */
  list(training: number, open: boolean, limit: number): OfflineSaleRow[] {
    return this.db
      .prepare(`SELECT * FROM offline_sales WHERE training = ? AND (? = 0 OR resolution != 'closed') ORDER BY queued_at DESC, rowid DESC LIMIT ?`)
      .all(training, open ? 1 : 0, limit) as OfflineSaleRow[]
  }

  /** How many offline sales of one mode the platform has not answered yet. */
  waitingCount(training: number): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM offline_sales WHERE outcome IS NULL AND training = ?').get(training) as { n: number }).n
  }

  /** How many answered offline sales of one mode still owe a refund or a collection. */
  unresolvedCount(training: number): number {
    return (
      this.db.prepare("SELECT COUNT(*) AS n FROM offline_sales WHERE resolution IN ('refund_due', 'receivable') AND training = ?").get(training) as {
        n: number
      }
    ).n
  }
}
