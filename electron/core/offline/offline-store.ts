import type { Db } from '../../base/store/database'

/**
 * The offline concern's small tables, named: its limits (`offline_settings`), the regions' policies
 * (`offline_policies`) and the snapshots of customers seen online (`member_snapshots`). The queue's own
 * tables are queue-store.ts's.
 */

export interface LimitsRow {
  mode: 'deposit' | 'advance'
  per_sale_fen: number
  outstanding_fen: number
  max_age_hours: number
}

export function readLimits(db: Db): LimitsRow | undefined {
  return db.prepare('SELECT mode, per_sale_fen, outstanding_fen, max_age_hours FROM offline_settings WHERE id = 1').get() as LimitsRow | undefined
}

export function writeLimits(db: Db, l: LimitsRow, at: string, by: string): void {
  db.prepare(
    `INSERT INTO offline_settings (id, mode, per_sale_fen, outstanding_fen, max_age_hours, updated_at, updated_by) VALUES (1, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET mode = excluded.mode, per_sale_fen = excluded.per_sale_fen, outstanding_fen = excluded.outstanding_fen,
             max_age_hours = excluded.max_age_hours, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(l.mode, l.per_sale_fen, l.outstanding_fen, l.max_age_hours, at, by)
}

export interface PolicyRow {
  policy: string
  source: 'training' | 'manager'
  updated_at: string
}

/** Writes the training regions' policies, never over a manager's entry. */
export function seedTrainingPolicies(db: Db, policies: readonly { admdvs: string; json: string }[], at: string): void {
  const insert = db.prepare(
    "INSERT INTO offline_policies (admdvs, policy, source, updated_at, updated_by) VALUES (?, ?, 'training', ?, 'system') ON CONFLICT (admdvs) DO NOTHING",
  )
  for (const p of policies) insert.run(p.admdvs, p.json, at)
}

export function readPolicy(db: Db, admdvs: string): PolicyRow | undefined {
  return db.prepare('SELECT policy, source, updated_at FROM offline_policies WHERE admdvs = ?').get(admdvs) as PolicyRow | undefined
}

export function policyRegions(db: Db): string[] {
  return (db.prepare('SELECT admdvs FROM offline_policies ORDER BY admdvs').all() as { admdvs: string }[]).map((r) => r.admdvs)
}

export function writeManagerPolicy(db: Db, admdvs: string, json: string, at: string, by: string): void {
  db.prepare(
    `INSERT INTO offline_policies (admdvs, policy, source, updated_at, updated_by) VALUES (?, ?, 'manager', ?, ?)
           ON CONFLICT (admdvs) DO UPDATE SET policy = excluded.policy, source = 'manager', updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(admdvs, json, at, by)
}

export interface SnapshotRow {
  snapshot: string
  seen_at: string
}

export function writeSnapshot(db: Db, certHash: string, psnNo: string, snapshot: string, at: string): void {
  db.prepare(
    `INSERT INTO member_snapshots (cert_hash, psn_no, snapshot, seen_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (cert_hash) DO UPDATE SET psn_no = excluded.psn_no, snapshot = excluded.snapshot, seen_at = excluded.seen_at`,
  ).run(certHash, psnNo, snapshot, at)
}

/** Kept only when newer than this counter's own: another counter's snapshot never replaces a fresher one. */
export function adoptSnapshot(db: Db, certHash: string, psnNo: string, snapshot: string, at: string): void {
  db.prepare(
    `INSERT INTO member_snapshots (cert_hash, psn_no, snapshot, seen_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (cert_hash) DO UPDATE SET psn_no = excluded.psn_no, snapshot = excluded.snapshot, seen_at = excluded.seen_at
         WHERE member_snapshots.seen_at < excluded.seen_at`,
  ).run(certHash, psnNo, snapshot, at)
}

export function snapshotByCert(db: Db, certHash: string): SnapshotRow | undefined {
  return db.prepare('SELECT snapshot, seen_at FROM member_snapshots WHERE cert_hash = ?').get(certHash) as SnapshotRow | undefined
}

export function latestSnapshotOf(db: Db, psnNo: string): SnapshotRow | undefined {
  return db.prepare('SELECT snapshot, seen_at FROM member_snapshots WHERE psn_no = ? ORDER BY seen_at DESC LIMIT 1').get(psnNo) as SnapshotRow | undefined
}

/** Forgets every snapshot: their keys were made under an identity key that is gone. */
export function forgetSnapshots(db: Db): void {
  db.prepare('DELETE FROM member_snapshots').run()
}
