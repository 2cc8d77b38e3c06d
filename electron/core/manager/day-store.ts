import type { Db } from '../../base/store/database'

export interface CloseRow {
  day: string
  training: number
  closed_at: string
  closed_by: string
  recon_run_id: number | null
  recon_status: 'agreed' | 'explained'
  queue_acknowledged: string
  note: string | null
  report: string
  audit_seq: number
  audit_head: string
  audit_mac: string | null
}

export interface PartRow {
  part: number
  issued_at: string
  issued_by: string
  covered: string
  report: string | null
}

/** A Z part as issued: which items it covers (their keys) and, past part 0, its report. */
export interface NewPart {
  day: string
  training: number
  part: number
  issuedAt: string
  issuedBy: string
  covered: string
  report: string | null
}

/** The day's close and its Z parts (`day_closes`, `day_z_parts`), named. Both tables are written once per row and never changed. */
export class DayStore {
  constructor(private readonly db: Db) {}

  close(day: string, training: number): CloseRow | undefined {
    return this.db.prepare('SELECT * FROM day_closes WHERE day = ? AND training = ?').get(day, training) as CloseRow | undefined
  }

  isClosed(day: string, training: number): boolean {
    return this.db.prepare('SELECT 1 FROM day_closes WHERE day = ? AND training = ?').get(day, training) !== undefined
  }

  closedAt(day: string, training: number): string | undefined {
    return (this.db.prepare('SELECT closed_at FROM day_closes WHERE day = ? AND training = ?').get(day, training) as { closed_at: string } | undefined)
      ?.closed_at
  }

  closedDays(from: string, to: string, training: number): string[] {
    return (this.db.prepare('SELECT day FROM day_closes WHERE day >= ? AND day <= ? AND training = ?').all(from, to, training) as { day: string }[]).map(
      (r) => r.day,
    )
  }

  insertClose(c: Omit<CloseRow, 'recon_status'> & { recon_status: string }): void {
    this.db
      .prepare(
        `INSERT INTO day_closes (day, training, closed_at, closed_by, recon_run_id, recon_status, queue_acknowledged, note, report, audit_seq, audit_head, audit_mac)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        c.day,
        c.training,
        c.closed_at,
        c.closed_by,
        c.recon_run_id,
        c.recon_status,
        c.queue_acknowledged,
        c.note,
        c.report,
        c.audit_seq,
        c.audit_head,
        c.audit_mac,
      )
  }

  parts(day: string, training: number): PartRow[] {
    return this.db
      .prepare('SELECT part, issued_at, issued_by, covered, report FROM day_z_parts WHERE day = ? AND training = ? ORDER BY part')
      .all(day, training) as PartRow[]
  }

  insertPart(p: NewPart): void {
    this.db
      .prepare('INSERT INTO day_z_parts (day, training, part, issued_at, issued_by, covered, report) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(p.day, p.training, p.part, p.issuedAt, p.issuedBy, p.covered, p.report)
  }
}
