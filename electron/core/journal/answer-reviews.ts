import type { AuditTrail } from '../audit'
import type { Clock } from '../../base/clock'
import type { Db } from '../../base/store/database'
import { prepared } from '../../base/store/statements'

export type ReviewVerdict = 'odd' | 'rejected' | 'unrecorded'

export interface AnswerReview {
  msgid: string
  saleId: string
  infno: string
  verdict: ReviewVerdict
  notes: string[]
  /** The answer exactly as the platform sent it. */
  raw: unknown
  at: string
}

interface ReviewRow {
  msgid: string
  sale_id: string
  infno: string
  verdict: ReviewVerdict
  notes: string
  raw_answer: string | null
  at: string
}

/**
 * Platform answers a manager should see: committed with oddities, rejected (infcode 0 but unusable or not
 * about the sale, then reversed), or committed but not recorded. Each keeps the raw answer; each is also
 * an audit entry, so it shows in the manager's audit view without a screen of its own.
 */
export class AnswerReviews {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
  ) {}

  /** Call inside the transaction that records the message's answer. */
  note(msgid: string, saleId: string, notes: string[], verdict: ReviewVerdict, raw: unknown) {
    const infno = (prepared(this.db, 'SELECT infno FROM platform_messages WHERE msgid = ?').get(msgid) as { infno: string }).infno
    prepared(
      this.db,
      `INSERT INTO answer_reviews (msgid, sale_id, infno, verdict, notes, raw_answer, at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (msgid) DO UPDATE SET verdict = excluded.verdict, notes = excluded.notes, raw_answer = excluded.raw_answer, at = excluded.at`,
    ).run(msgid, saleId, infno, verdict, JSON.stringify(notes), raw === undefined ? null : JSON.stringify(raw), this.clock.now().toISOString())
    this.audit.append({ actor: 'system', action: `platform.answer-${verdict}`, subject: saleId, detail: { msgid, infno, notes } })
  }

  list(): AnswerReview[] {
    const rows = prepared(this.db, 'SELECT * FROM answer_reviews ORDER BY at DESC').all() as ReviewRow[]
    return rows.map((r) => ({
      msgid: r.msgid,
      saleId: r.sale_id,
      infno: r.infno,
      verdict: r.verdict,
      notes: JSON.parse(r.notes) as string[],
      raw: r.raw_answer === null ? null : (JSON.parse(r.raw_answer) as unknown),
      at: r.at,
    }))
  }
}
