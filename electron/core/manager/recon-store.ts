import type { Difference } from '../../../shared/contract/manager/schemas'
import type { Db } from '../../base/store/database'

export interface RunRow {
  id: number
  day: string
  training: number
  at: string
  actor: string
  status: 'agreed' | 'differences'
  totals: string
  detail: string | null
  fingerprint: string
}

export interface DiffRow {
  run_id: number
  seq: number
  setl_id: string
  kind: Difference['kind']
  refd_setl_flag: '0' | '1'
  fields: string
  store_row: string | null
  platform_row: string | null
  sale_id: string | null
  msgid: string | null
  actions: string
  resolution: Difference['resolution']
  note: string | null
  resolved_by: string | null
  resolved_at: string | null
}

/** A difference as a run records it; an explanation given earlier in the day comes with it. */
export type NewDifference = Pick<DiffRow, 'setl_id' | 'kind' | 'refd_setl_flag' | 'fields' | 'store_row' | 'platform_row' | 'sale_id' | 'msgid' | 'actions'>

export interface EntryRow {
  id: number
  state: 'intent' | 'answered' | 'unknown' | 'refused'
  msgid: string
  request: string
}

/**
 * The reconciliation's tables, named: its runs and their differences (`recon_runs`, `recon_differences`)
 * and the settlements and revokes the manager sent from here (`recon_entries`). Callers hold the transactions.
 */
export class ReconStore {
  constructor(private readonly db: Db) {}

  insertRun(r: Omit<RunRow, 'id'>): number {
    return Number(
      this.db
        .prepare('INSERT INTO recon_runs (day, training, at, actor, status, totals, detail, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(r.day, r.training, r.at, r.actor, r.status, r.totals, r.detail, r.fingerprint).lastInsertRowid,
    )
  }

  /** Writes a run's differences in order; a difference explained in an earlier run of the day keeps its explanation. */
  differenceWriter(runId: number, day: string, training: number): (seq: number, d: NewDifference) => void {
    const explained = this.db.prepare(
      `SELECT d.note, d.resolved_by, d.resolved_at FROM recon_differences d JOIN recon_runs r ON r.id = d.run_id
         WHERE r.day = ? AND r.training = ? AND d.setl_id = ? AND d.kind = ? AND d.resolution = 'explained' ORDER BY d.run_id DESC LIMIT 1`,
    )
    const insert = this.db.prepare(
      `INSERT INTO recon_differences (run_id, seq, setl_id, kind, refd_setl_flag, fields, store_row, platform_row, sale_id, msgid, actions, resolution, note, resolved_by, resolved_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    return (seq, d) => {
      const before = explained.get(day, training, d.setl_id, d.kind) as { note: string; resolved_by: string; resolved_at: string } | undefined
      insert.run(
        runId,
        seq,
        d.setl_id,
        d.kind,
        d.refd_setl_flag,
        d.fields,
        d.store_row,
        d.platform_row,
        d.sale_id,
        d.msgid,
        d.actions,
        before ? 'explained' : null,
        before?.note ?? null,
        before?.resolved_by ?? null,
        before?.resolved_at ?? null,
      )
    }
  }

  run(id: number): RunRow | undefined {
    return this.db.prepare('SELECT * FROM recon_runs WHERE id = ?').get(id) as RunRow | undefined
  }

  differences(runId: number): DiffRow[] {
    return this.db.prepare('SELECT * FROM recon_differences WHERE run_id = ? ORDER BY seq').all(runId) as DiffRow[]
  }

  difference(runId: number, seq: number): DiffRow | undefined {
    return this.db.prepare('SELECT * FROM recon_differences WHERE run_id = ? AND seq = ?').get(runId, seq) as DiffRow | undefined
  }

  /** The day's latest run, null before the first. */
  latestRunId(day: string, training: number): number | null {
    return (this.db.prepare('SELECT MAX(id) AS id FROM recon_runs WHERE day = ? AND training = ?').get(day, training) as { id: number | null }).id
  }

  /** The day's runs, newest first, at most `limit`. */
  runIds(day: string, training: number, limit: number): number[] {
    return (
      this.db.prepare('SELECT id FROM recon_runs WHERE day = ? AND training = ? ORDER BY id DESC LIMIT ?').all(day, training, limit) as { id: number }[]
    ).map((r) => r.id)
  }

  markDifference(runId: number, seq: number, resolution: 'resolved' | 'reversed' | 'explained', note: string | null, by: string, at: string): void {
    this.db
      .prepare('UPDATE recon_differences SET resolution = ?, note = ?, resolved_by = ?, resolved_at = ? WHERE run_id = ? AND seq = ?')
      .run(resolution, note, by, at, runId, seq)
  }

  /** The revoke of a settlement not refused by the platform (at most one: a retry resends it). */
  revokeOf(initSetlId: string): EntryRow | undefined {
    return this.db.prepare("SELECT * FROM recon_entries WHERE kind = 'revoke' AND init_setl_id = ? AND state <> 'refused'").get(initSetlId) as
      EntryRow | undefined
  }

  insertRevokeIntent(e: { training: number; msgid: string; initSetlId: string; request: string; actor: string }, at: string): void {
    this.db
      .prepare(
        `INSERT INTO recon_entries (kind, state, training, msgid, init_setl_id, request, actor, created_at, updated_at) VALUES ('revoke', 'intent', ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(e.training, e.msgid, e.initSetlId, e.request, e.actor, at, at)
  }

  entryState(id: number, state: 'refused' | 'unknown', at: string): void {
    this.db.prepare('UPDATE recon_entries SET state = ?, updated_at = ? WHERE id = ?').run(state, at, id)
  }

  entryAnswered(id: number, a: { setlId: string | null; day: string; setlinfo: string }, at: string): void {
    this.db
      .prepare('UPDATE recon_entries SET state = ?, setl_id = ?, day = ?, setlinfo = ?, updated_at = ? WHERE id = ?')
      .run('answered', a.setlId, a.day, a.setlinfo, at, id)
  }

  /** A settlement only the platform had, joining our books on its own day. */
  insertAnsweredSettlement(e: { setlId: string; training: number; day: string; setlinfo: string; actor: string }, at: string): void {
    this.db
      .prepare(
        `INSERT INTO recon_entries (setl_id, kind, state, training, day, init_setl_id, setlinfo, actor, created_at, updated_at) VALUES (?, 'settle', 'answered', ?, ?, NULL, ?, ?, ?, ?)`,
      )
      .run(e.setlId, e.training, e.day, e.setlinfo, e.actor, at, at)
  }

  /** The answered entries of a day. */
  answeredEntries(day: string, training: number): { setl_id: string; kind: 'settle' | 'revoke'; setlinfo: string; actor: string; created_at: string }[] {
    return this.db
      .prepare(`SELECT setl_id, kind, setlinfo, actor, created_at FROM recon_entries WHERE day = ? AND training = ? AND state = 'answered'`)
      .all(day, training) as { setl_id: string; kind: 'settle' | 'revoke'; setlinfo: string; actor: string; created_at: string }[]
  }

  fingerprint(runId: number): string {
    return (this.db.prepare('SELECT fingerprint FROM recon_runs WHERE id = ?').get(runId) as { fingerprint: string }).fingerprint
  }
}
