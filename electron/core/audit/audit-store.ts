import type { Db } from '../../base/store/database'
import { prepared } from '../../base/store/statements'

/** A row of `audit_log` as stored: the chain's hash and, on a keyed trail, its MAC. */
export interface AuditRow {
  seq: number
  at: string
  actor: string
  action: string
  subject: string
  detail: string
  prev_hash: string
  hash: string
  mac: string | null
  mac_key: string | null
}

/** A day close's record of the trail's head (the manager's `day_closes`), checked against the trail. */
export interface CloseAnchor {
  day: string
  training: number
  audit_seq: number
  audit_head: string
  audit_mac: string | null
}

/** The audit trail's table, named: append, head, walk, and the pages a manager reads. */
export class AuditStore {
  constructor(private readonly db: Db) {}

  last(): { seq: number; hash: string } | undefined {
    return prepared(this.db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined
  }

  insert(r: AuditRow): void {
    prepared(
      this.db,
      'INSERT INTO audit_log (seq, at, actor, action, subject, detail, prev_hash, hash, mac, mac_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(r.seq, r.at, r.actor, r.action, r.subject, r.detail, r.prev_hash, r.hash, r.mac, r.mac_key)
  }

  head(): { seq: number; hash: string; mac: string | null } | undefined {
    return this.db.prepare('SELECT seq, hash, mac FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string; mac: string | null } | undefined
  }

  /** The last row's seq, 0 for an empty trail: changes whenever anything audited changed. */
  headSeq(): number {
    return (this.db.prepare('SELECT seq FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number } | undefined)?.seq ?? 0
  }

  /** Every row in order, one at a time (a long trail is never held whole). */
  walk(): IterableIterator<AuditRow> {
    return this.db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>
  }

  forSubject(subject: string): AuditRow[] {
    return this.db.prepare('SELECT at, actor, action, detail FROM audit_log WHERE subject = ? ORDER BY seq').all(subject) as AuditRow[]
  }

  /** A row's hash and MAC by seq, from one compiled statement. */
  rowAt(): (seq: number) => { hash: string; mac: string | null } | undefined {
    const at = this.db.prepare('SELECT hash, mac FROM audit_log WHERE seq = ?')
    return (seq) => at.get(seq) as { hash: string; mac: string | null } | undefined
  }

  /** The day closes' anchors in trail order (none before the manager's tables exist). */
  closeAnchors(): CloseAnchor[] {
    return this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'day_closes'").get()
      ? (this.db.prepare('SELECT day, training, audit_seq, audit_head, audit_mac FROM day_closes ORDER BY audit_seq').all() as CloseAnchor[])
      : []
  }

  /** A page of the trail, newest first: before a seq, of one subject, either or neither. */
  page(
    before: number | null,
    subject: string | null,
    limit: number,
  ): { seq: number; at: string; actor: string; action: string; subject: string; detail: string }[] {
    return this.db
      .prepare(
        `SELECT seq, at, actor, action, subject, detail FROM audit_log
             WHERE (? IS NULL OR seq < ?) AND (? IS NULL OR subject = ?) ORDER BY seq DESC LIMIT ?`,
      )
      .all(before, before, subject, subject, limit) as { seq: number; at: string; actor: string; action: string; subject: string; detail: string }[]
  }
}
