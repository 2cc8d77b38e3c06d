import type { Pool, PoolClient } from 'pg'

/** The registry's tables: institutions (`stores`), one-time codes (`pairing_codes`) and counters (`terminals`). */

export async function upsertStore(pool: Pool | PoolClient, storeId: string, name: string, at: Date): Promise<void> {
  await pool.query('INSERT INTO stores (store_id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT (store_id) DO UPDATE SET name = excluded.name', [
    storeId,
    name,
    at,
  ])
}

/** Keeps a code's hash for a known institution; false when the institution is not registered. */
export async function insertPairingCode(pool: Pool, codeSha256: Buffer, storeId: string, label: string, at: Date, expiresAt: Date): Promise<boolean> {
  const r = await pool.query(
    'INSERT INTO pairing_codes (code_sha256, store_id, label, created_at, expires_at) SELECT $1, store_id, $3, $4, $5 FROM stores WHERE store_id = $2',
    [codeSha256, storeId, label, at, expiresAt],
  )
  return r.rowCount !== 0
}

/** Marks a live, unused code used; answers its institution, label and the counter it replaces, or undefined. */
export async function spendPairingCode(
  client: PoolClient,
  codeSha256: Buffer,
  now: Date,
): Promise<{ store_id: string; label: string; replaces: string | null } | undefined> {
  const spent = await client.query<{ store_id: string; label: string; replaces: string | null }>(
    'UPDATE pairing_codes SET used_at = $2 WHERE code_sha256 = $1 AND used_at IS NULL AND expires_at > $2 RETURNING store_id, label, replaces',
    [codeSha256, now],
  )
  return spent.rowCount === 0 ? undefined : spent.rows[0]
}

/** Locks the institution's row until commit, so counters pairing at once are numbered one after the other. */
export async function lockStore(client: PoolClient, storeId: string): Promise<void> {
  await client.query('SELECT 1 FROM stores WHERE store_id = $1 FOR UPDATE', [storeId])
}

/** The institution's lowest free terminal number (1–99), or undefined when all are taken. */
export async function lowestFreeTerminalNo(client: PoolClient, storeId: string): Promise<number | undefined> {
  const free = await client.query<{ n: number }>(
    'SELECT n FROM generate_series(1, 99) AS n WHERE NOT EXISTS (SELECT 1 FROM terminals WHERE store_id = $1 AND terminal_no = n) ORDER BY n LIMIT 1',
    [storeId],
  )
  return free.rowCount === 0 ? undefined : free.rows[0].n
}

export async function insertTerminal(
  client: PoolClient,
  t: { terminalUid: string; storeId: string; terminalNo: number; label: string; keySha256: Buffer; at: Date },
): Promise<void> {
  await client.query('INSERT INTO terminals (terminal_uid, store_id, terminal_no, label, key_sha256, paired_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    t.terminalUid,
    t.storeId,
    t.terminalNo,
    t.label,
    t.keySha256,
    t.at,
  ])
}

/** Notes which counter a spent code paired. */
export async function tiePairingCode(client: PoolClient, codeSha256: Buffer, terminalUid: string): Promise<void> {
  await client.query('UPDATE pairing_codes SET terminal_uid = $2 WHERE code_sha256 = $1', [codeSha256, terminalUid])
}

export async function storeOfTerminal(pool: Pool, terminalUid: string): Promise<string | undefined> {
  const r = await pool.query<{ store_id: string }>('SELECT store_id FROM terminals WHERE terminal_uid = $1', [terminalUid])
  return r.rows[0]?.store_id
}

/** The key's hash of a counter still in service: a retired or replaced counter has none (its key is revoked). */
/** Whether a terminal's sync was stopped (a clone or a restored copy pushed as it). */
export async function terminalBlocked(pool: Pool, terminalUid: string): Promise<boolean> {
  const r = await pool.query('SELECT 1 FROM terminals WHERE terminal_uid = $1 AND blocked_at IS NOT NULL', [terminalUid])
  return Boolean(r.rowCount)
}

export async function terminalKeyHash(pool: Pool, terminalUid: string): Promise<Buffer | undefined> {
  const r = await pool.query<{ key_sha256: Buffer }>('SELECT key_sha256 FROM terminals WHERE terminal_uid = $1 AND retired_at IS NULL', [terminalUid])
  return r.rows[0]?.key_sha256
}

export interface TerminalRow {
  terminal_uid: string
  terminal_no: number
  label: string
  paired_at: Date
  last_push_at: Date | null
  reported_through: Date | null
  acked_seq: string
  blocked_at: Date | null
  blocked_reason: string | null
  retired_at: Date | null
  retired_reason: string | null
  replaced_by_no: number | null
  repair_pending: boolean
}

/** Every counter the institution ever registered, by number, with whether a re-pairing code for it is live. */
export async function storeTerminals(pool: Pool, storeId: string, now: Date): Promise<TerminalRow[]> {
  const r = await pool.query<TerminalRow>(
    `SELECT t.terminal_uid, t.terminal_no, t.label, t.paired_at, t.last_push_at, t.reported_through, t.acked_seq, t.blocked_at, t.blocked_reason,
            t.retired_at, t.retired_reason, n.terminal_no AS replaced_by_no,
            EXISTS (SELECT 1 FROM pairing_codes c WHERE c.replaces = t.terminal_uid AND c.used_at IS NULL AND c.expires_at > $2) AS repair_pending
       FROM terminals t LEFT JOIN terminals n ON n.terminal_uid = t.replaced_by
      WHERE t.store_id = $1 ORDER BY t.terminal_no`,
    [storeId, now],
  )
  return r.rows
}

export async function storeName(pool: Pool, storeId: string): Promise<string> {
  const r = await pool.query<{ name: string }>('SELECT name FROM stores WHERE store_id = $1', [storeId])
  return r.rows[0]?.name ?? ''
}

/** Codes for new counters still open: labels and times only (the store node keeps no code in clear). */
export async function openCodes(pool: Pool, storeId: string, now: Date): Promise<{ label: string; created_at: Date; expires_at: Date }[]> {
  const r = await pool.query<{ label: string; created_at: Date; expires_at: Date }>(
    `SELECT label, created_at, expires_at FROM pairing_codes
      WHERE store_id = $1 AND used_at IS NULL AND expires_at > $2 AND replaces IS NULL ORDER BY created_at`,
    [storeId, now],
  )
  return r.rows
}

/** A counter of the institution by its number, locked until commit. */
export async function terminalByNo(
  client: PoolClient,
  storeId: string,
  terminalNo: number,
): Promise<{ terminal_uid: string; label: string; blocked_at: Date | null; retired_at: Date | null } | undefined> {
  const r = await client.query<{ terminal_uid: string; label: string; blocked_at: Date | null; retired_at: Date | null }>(
    'SELECT terminal_uid, label, blocked_at, retired_at FROM terminals WHERE store_id = $1 AND terminal_no = $2 FOR UPDATE',
    [storeId, terminalNo],
  )
  return r.rows[0]
}

/** A re-pairing code replaces any earlier one still open for the same counter: only the newest can be used. */
export async function insertRepairCode(client: PoolClient, codeSha256: Buffer, storeId: string, label: string, replaces: string, at: Date, expiresAt: Date) {
  await client.query('UPDATE pairing_codes SET expires_at = $2 WHERE replaces = $1 AND used_at IS NULL AND expires_at > $2', [replaces, at])
  await client.query('INSERT INTO pairing_codes (code_sha256, store_id, label, created_at, expires_at, replaces) VALUES ($1, $2, $3, $4, $5, $6)', [
    codeSha256,
    storeId,
    label,
    at,
    expiresAt,
    replaces,
  ])
}

/** Takes a counter out of service: its key is refused from now on; its row, number and rows stay. */
export async function retireTerminal(client: PoolClient, uid: string, at: Date, reason: string, replacedBy: string | null): Promise<void> {
  await client.query('UPDATE terminals SET retired_at = $2, retired_reason = $3, replaced_by = $4 WHERE terminal_uid = $1 AND retired_at IS NULL', [
    uid,
    at,
    reason,
    replacedBy,
  ])
  // A code still open for it can no longer re-pair it.
  await client.query('UPDATE pairing_codes SET expires_at = $2 WHERE replaces = $1 AND used_at IS NULL AND expires_at > $2', [uid, at])
}

/**
 * The replaced counter's rows become the new one's, below any seq it will push (0): the re-paired PC sends
 * every row it holds again from seq 1, and its copy wins; a row only the old identity had (a clone's sale)
 * stays counted once. Its pushed history (`journal_events`) stays under the old identity as it came.
 */
export async function handOverRows(client: PoolClient, from: string, to: string): Promise<void> {
  await client.query('UPDATE counter_rows SET terminal_uid = $2, seq = 0 WHERE terminal_uid = $1', [from, to])
}

export async function insertAlarm(client: PoolClient, storeId: string, uid: string | null, at: Date, code: string, message: string): Promise<void> {
  await client.query('INSERT INTO alarms (at, store_id, terminal_uid, code, message) VALUES ($1, $2, $3, $4, $5)', [at, storeId, uid, code, message])
}

export interface AlarmRow {
  id: string
  at: Date
  terminal_no: number | null
  label: string | null
  code: string
  message: string
  acked_at: Date | null
  acked_by: string | null
}

/** The institution's alarms, newest first: the open ones, and the acknowledged ones when asked (the last 200). */
export async function storeAlarms(pool: Pool, storeId: string, includeAcked: boolean): Promise<AlarmRow[]> {
  const r = await pool.query<AlarmRow>(
    `SELECT a.id, a.at, t.terminal_no, t.label, a.code, a.message, a.acked_at, a.acked_by
       FROM alarms a LEFT JOIN terminals t ON t.terminal_uid = a.terminal_uid
      WHERE a.store_id = $1 AND ($2 OR a.acked_at IS NULL) ORDER BY a.id DESC LIMIT 200`,
    [storeId, includeAcked],
  )
  return r.rows
}

/** Acknowledges an alarm of the institution once (the first acknowledgement stays); false when it has none by that id. */
export async function ackAlarm(pool: Pool, storeId: string, id: number, actor: string, at: Date): Promise<boolean> {
  const r = await pool.query('UPDATE alarms SET acked_at = coalesce(acked_at, $3), acked_by = coalesce(acked_by, $4) WHERE store_id = $1 AND id = $2', [
    storeId,
    id,
    at,
    actor,
  ])
  return r.rowCount !== 0
}
