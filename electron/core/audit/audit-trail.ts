import { createHash } from 'node:crypto'
import type { Clock } from '../../base/clock'
import type { Db } from '../../base/store/database'
import { prepared } from '../../base/store/statements'

export interface AuditEntry {
  actor: string
  action: string
  subject: string
  detail?: Record<string, unknown>
}

interface Row {
  seq: number
  at: string
  actor: string
  action: string
  subject: string
  detail: string
  prev_hash: string
  hash: string
}

const GENESIS = '0'.repeat(64)

function digest(prev: string, r: Pick<Row, 'seq' | 'at' | 'actor' | 'action' | 'subject' | 'detail'>): string {
  return createHash('sha256').update(JSON.stringify([prev, r.seq, r.at, r.actor, r.action, r.subject, r.detail])).digest('hex')
}

export type ChainCheck = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; reason: string }

/**
 * Append-only and hash-chained: triggers refuse UPDATE and DELETE, and each row's hash covers the one
 * before it, so an edit made around the triggers (another tool, a dropped trigger) is still detected.
 * Appends happen inside the caller's transaction, so a state change and its audit row commit together.
 */
export class AuditTrail {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  append(entry: AuditEntry): void {
    const last = prepared(this.db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined
    const row = {
      seq: (last?.seq ?? 0) + 1,
      at: this.clock.now().toISOString(),
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject,
      detail: JSON.stringify(entry.detail ?? {}),
    }
    const prev = last?.hash ?? GENESIS
    prepared(this.db, 'INSERT INTO audit_log (seq, at, actor, action, subject, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(row.seq, row.at, row.actor, row.action, row.subject, row.detail, prev, digest(prev, row))
  }

  verify(): ChainCheck {
    let prev = GENESIS
    let expectedSeq = 1
    let n = 0
    for (const r of this.db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<Row>) {
      n++
      if (r.seq !== expectedSeq) return { ok: false, entries: n, brokenAt: expectedSeq, reason: `第 ${expectedSeq} 条审计记录缺失` }
      if (r.prev_hash !== prev || r.hash !== digest(prev, r)) {
        return { ok: false, entries: n, brokenAt: r.seq, reason: `第 ${r.seq} 条审计记录被改动` }
      }
      prev = r.hash
      expectedSeq++
    }
    return { ok: true, entries: n }
  }

  forSubject(subject: string): { at: string; actor: string; action: string; detail: Record<string, unknown> }[] {
    return (this.db.prepare('SELECT at, actor, action, detail FROM audit_log WHERE subject = ? ORDER BY seq').all(subject) as Row[]).map((r) => ({
      at: r.at,
      actor: r.actor,
      action: r.action,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    }))
  }
}
