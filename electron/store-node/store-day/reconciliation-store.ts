import type { Pool, PoolClient } from 'pg'
import type { z } from 'zod'
import type { StoreDifference, StoreReconRun } from '../../../shared/contract/sync/store-day'
import type { detailDifferenceSchema } from '../../../shared/nhsa/transactions/reconciliation'

/**
 * The store's reconciliation runs (`store_recon_runs`), their differences (`store_recon_differences`) and
 * the store node's own entries, orphan revokes and the orphans they reversed (`store_recon_entries`). Each
 * in the caller's transaction.
 */

type PlatformDiff = z.infer<typeof detailDifferenceSchema>
type Db = Pool | PoolClient

export interface DiffRow {
  seq: number
  setl_id: string
  kind: StoreDifference['kind']
  refd_setl_flag: string
  fields: string[]
  store_row: PlatformDiff['store']
  platform_row: PlatformDiff['platform']
  terminal_no: number | null
  label: string | null
  why: string
  actions: StoreDifference['actions']
  resolution: StoreDifference['resolution']
  note: string | null
  resolved_by: string | null
  approved_by: string | null
  resolved_at: Date | null
}

/** The run's day, if the run is the store's. */
export async function runDay(client: PoolClient, runId: number, storeId: string): Promise<string | undefined> {
  const run = await client.query<{ day: string; id: string }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, id FROM store_recon_runs WHERE id = $1 AND store_id = $2`,
    [runId, storeId],
  )
  return run.rows[0]?.day
}

/** The id of the store's latest run of the day, or null when there is none. */
export async function latestRunId(db: Db, storeId: string, day: string): Promise<string | null> {
  const r = await db.query<{ id: string }>('SELECT max(id) AS id FROM store_recon_runs WHERE store_id = $1 AND day = $2', [storeId, day])
  return r.rows[0].id
}

/** A difference, locked until commit. */
export async function differenceForUpdate(client: PoolClient, runId: number, seq: number) {
  const d = await client.query<{ actions: StoreDifference['actions']; resolution: string | null; setl_id: string; platform_row: PlatformDiff['platform'] }>(
    'SELECT actions, resolution, setl_id, platform_row FROM store_recon_differences WHERE run_id = $1 AND seq = $2 FOR UPDATE',
    [runId, seq],
  )
  return d.rows[0]
}

export async function insertRun(
  c: PoolClient,
  r: {
    storeId: string
    day: string
    at: Date
    actor: string
    actorTerminal: string
    status: 'agreed' | 'differences'
    totals: string
    detail: string | null
    fingerprint: string
    waitingFor: string
  },
): Promise<number> {
  const run = await c.query<{ id: string }>(
    `INSERT INTO store_recon_runs (store_id, day, at, actor, actor_terminal, status, totals, detail, fingerprint, waiting_for)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [r.storeId, r.day, r.at, r.actor, r.actorTerminal, r.status, r.totals, r.detail, r.fingerprint, r.waitingFor],
  )
  return Number(run.rows[0].id)
}

/** An explanation given in an earlier run of the day for the same settlement and kind of difference. */
export async function earlierExplanation(
  c: PoolClient,
  storeId: string,
  day: string,
  setlId: string,
  kind: string,
): Promise<{ note: string; resolved_by: string; resolved_at: Date } | undefined> {
  const before = await c.query<{ note: string; resolved_by: string; resolved_at: Date }>(
    `SELECT d.note, d.resolved_by, d.resolved_at FROM store_recon_differences d JOIN store_recon_runs r ON r.id = d.run_id
           WHERE r.store_id = $1 AND r.day = $2 AND d.setl_id = $3 AND d.kind = $4 AND d.resolution = 'explained' ORDER BY d.run_id DESC LIMIT 1`,
    [storeId, day, setlId, kind],
  )
  return before.rows[0]
}

/** A run's difference as decided, an explanation of an earlier run carried over; its owner by terminal number. */
export interface DifferenceInsert {
  runId: number
  seq: number
  setlId: string
  kind: string
  refdSetlFlag: string
  fields: string
  storeRow: string | null
  platformRow: string | null
  storeId: string
  ownerNo: number | null
  why: string
  actions: string
  resolution: 'explained' | null
  note: string | null
  resolvedBy: string | null
  resolvedAt: Date | null
}

export async function insertDifference(c: PoolClient, d: DifferenceInsert): Promise<void> {
  await c.query(
    `INSERT INTO store_recon_differences (run_id, seq, setl_id, kind, refd_setl_flag, fields, store_row, platform_row, owner_terminal, why, actions, resolution, note, resolved_by, resolved_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, (SELECT terminal_uid FROM terminals WHERE store_id = $9 AND terminal_no = $10), $11, $12, $13, $14, $15, $16)`,
    [
      d.runId,
      d.seq,
      d.setlId,
      d.kind,
      d.refdSetlFlag,
      d.fields,
      d.storeRow,
      d.platformRow,
      d.storeId,
      d.ownerNo,
      d.why,
      d.actions,
      d.resolution,
      d.note,
      d.resolvedBy,
      d.resolvedAt,
    ],
  )
}

export async function explainDifference(c: PoolClient, runId: number, seq: number, note: string, actor: string, at: Date): Promise<void> {
  await c.query(`UPDATE store_recon_differences SET resolution = 'explained', note = $3, resolved_by = $4, resolved_at = $5 WHERE run_id = $1 AND seq = $2`, [
    runId,
    seq,
    note,
    actor,
    at,
  ])
}

export async function noteDifference(c: PoolClient, runId: number, seq: number, note: string | null): Promise<void> {
  await c.query('UPDATE store_recon_differences SET note = $3 WHERE run_id = $1 AND seq = $2', [runId, seq, note])
}

export async function markReversed(c: PoolClient, runId: number, seq: number, actor: string, approver: string, at: Date): Promise<void> {
  await c.query(
    `UPDATE store_recon_differences SET resolution = 'reversed', resolved_by = $3, approved_by = $4, resolved_at = $5 WHERE run_id = $1 AND seq = $2`,
    [runId, seq, actor, approver, at],
  )
}

/** The orphan's revoke not refused, if one was kept already. */
export async function openRevokeEntry(c: PoolClient, storeId: string, initSetlId: string) {
  const existing = await c.query<{
    id: string
    msgid: string
    state: 'intent' | 'answered' | 'unknown'
    request: { data: { setl_id: string; mdtrt_id: string; psn_no: string } }
  }>(`SELECT id, msgid, state, request FROM store_recon_entries WHERE store_id = $1 AND kind = 'revoke' AND init_setl_id = $2 AND state <> 'refused'`, [
    storeId,
    initSetlId,
  ])
  return existing.rows[0]
}

export async function insertRevokeEntry(
  c: PoolClient,
  e: { storeId: string; msgid: string; initSetlId: string; request: string; actor: string; approver: string; at: Date },
): Promise<string> {
  const r = await c.query<{ id: string }>(
    `INSERT INTO store_recon_entries (store_id, kind, state, msgid, init_setl_id, request, actor, approver, created_at, updated_at)
         VALUES ($1, 'revoke', 'intent', $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
    [e.storeId, e.msgid, e.initSetlId, e.request, e.actor, e.approver, e.at],
  )
  return r.rows[0].id
}

/** A revoke entry of the store, locked until commit. */
export async function revokeEntryForUpdate(c: PoolClient, entryId: number, storeId: string) {
  const e = await c.query<{ init_setl_id: string; actor: string; approver: string }>(
    `SELECT init_setl_id, actor, approver FROM store_recon_entries WHERE id = $1 AND store_id = $2 AND kind = 'revoke' FOR UPDATE`,
    [entryId, storeId],
  )
  return e.rows[0]
}

export async function setEntryState(c: PoolClient, entryId: number, state: string, at: Date): Promise<void> {
  await c.query('UPDATE store_recon_entries SET state = $2, updated_at = $3 WHERE id = $1', [entryId, state, at])
}

export async function answerEntry(c: PoolClient, entryId: number, setlId: string, day: string, setlinfo: string, at: Date): Promise<void> {
  await c.query(`UPDATE store_recon_entries SET state = 'answered', setl_id = $2, day = $3, setlinfo = $4, updated_at = $5 WHERE id = $1`, [
    entryId,
    setlId,
    day,
    setlinfo,
    at,
  ])
}

/** The orphan itself, answered, in the store's books on its own day. */
export async function insertOrphanSettle(
  c: PoolClient,
  e: { storeId: string; day: string; setlId: string; setlinfo: string; actor: string; approver: string; at: Date },
): Promise<void> {
  await c.query(
    `INSERT INTO store_recon_entries (store_id, kind, state, day, setl_id, setlinfo, actor, approver, created_at, updated_at) VALUES ($1, 'settle', 'answered', $2, $3, $4, $5, $6, $7, $7)`,
    [e.storeId, e.day, e.setlId, e.setlinfo, e.actor, e.approver, e.at],
  )
}

export async function runRow(db: Db, runId: number) {
  const r = await db.query<{
    id: string
    day: string
    at: Date
    actor: string
    status: 'agreed' | 'differences'
    totals: StoreReconRun['totals']
    detail: StoreReconRun['detail']
    waiting_for: string[]
  }>(`SELECT id, to_char(day, 'YYYY-MM-DD') AS day, at, actor, status, totals, detail, waiting_for FROM store_recon_runs WHERE id = $1`, [runId])
  return r.rows[0]
}

export async function differenceRows(db: Db, runId: number): Promise<DiffRow[]> {
  const diffs = await db.query<DiffRow>(
    `SELECT d.*, t.terminal_no, t.label FROM store_recon_differences d LEFT JOIN terminals t ON t.terminal_uid = d.owner_terminal WHERE d.run_id = $1 ORDER BY d.seq`,
    [runId],
  )
  return diffs.rows
}
