import type { PoolClient } from 'pg'

/**
 * What a push writes: the journal of every pushed row (`journal_events`), each row's latest version
 * (`counter_rows`), and the pushing terminal's watermark and block (`terminals`, `alarms`). All in the
 * caller's transaction.
 */

export interface PushingTerminal {
  blocked_at: Date | null
  acked_seq: string
  terminal_no: number
  paired_at: Date
  held_max: string
}

/** The terminal's row, locked until commit, with the highest seq held of it; undefined for an unknown terminal. */
export async function lockTerminalForPush(client: PoolClient, uid: string): Promise<PushingTerminal | undefined> {
  const t = await client.query<PushingTerminal>(
    `SELECT blocked_at, acked_seq, terminal_no, paired_at, (SELECT coalesce(max(seq), 0) FROM journal_events WHERE terminal_uid = $1) AS held_max
         FROM terminals WHERE terminal_uid = $1 FOR UPDATE`,
    [uid],
  )
  return t.rows[0]
}

/** A batch's columns, row by row. */
export type BatchColumns = Record<'seq', number[]> & Record<'tbl' | 'pk' | 'op' | 'body' | 'sha', string[]>

/**
 * Keeps the rows not yet held and each row's latest version; sets the watermark to `next` in the same
 * statement when the caller knows it (null leaves it).
 */
export async function insertBatch(client: PoolClient, uid: string, cols: BatchColumns, now: Date, next: number | null): Promise<void> {
  await client.query(
    `WITH ins AS (
           INSERT INTO journal_events (terminal_uid, seq, tbl, pk, op, body, body_sha256, received_at)
           SELECT $1, i.seq, i.tbl, i.pk, i.op, i.body::jsonb, decode(i.sha, 'hex'), $8
           FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS i(seq, tbl, pk, op, body, sha)
           ON CONFLICT (terminal_uid, seq) DO NOTHING
           RETURNING seq, tbl, pk, op, body),
         rows AS (
           INSERT INTO counter_rows (terminal_uid, tbl, pk, seq, op, body)
           SELECT DISTINCT ON (tbl, pk) $1::uuid, tbl, pk, seq, op, body FROM ins ORDER BY tbl, pk, seq DESC
           ON CONFLICT (terminal_uid, tbl, pk) DO UPDATE SET seq = excluded.seq, op = excluded.op, body = excluded.body
           WHERE counter_rows.seq < excluded.seq)
         UPDATE terminals SET acked_seq = $9, last_push_at = $8 WHERE terminal_uid = $1 AND $9::bigint IS NOT NULL`,
    [uid, cols.seq, cols.tbl, cols.pk, cols.op, cols.body, cols.sha, now, next],
  )
}

/** The first seq of the batch the terminal already pushed with other content, if any. */
export async function heldWithOtherContent(
  client: PoolClient,
  uid: string,
  cols: Record<'seq', number[]> & Record<'tbl' | 'pk' | 'op' | 'sha', string[]>,
): Promise<number | undefined> {
  const conflict = await client.query<{ seq: string }>(
    `SELECT i.seq FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[]) AS i(seq, tbl, pk, op, sha)
     JOIN journal_events e ON e.terminal_uid = $1 AND e.seq = i.seq
     WHERE e.body_sha256 <> decode(i.sha, 'hex') OR e.tbl <> i.tbl OR e.pk <> i.pk OR e.op <> i.op LIMIT 1`,
    [uid, cols.seq, cols.tbl, cols.pk, cols.op, cols.sha],
  )
  return conflict.rowCount ? Number(conflict.rows[0].seq) : undefined
}

/** Advances the terminal's watermark over every seq now held without a gap after it. */
export async function contiguous(client: PoolClient, uid: string, from: number, now: Date): Promise<number> {
  const r = await client.query<{ acked: string }>(
    `UPDATE terminals SET acked_seq = coalesce((
       SELECT max(seq) FROM (SELECT seq, seq - row_number() OVER (ORDER BY seq) AS gap FROM journal_events WHERE terminal_uid = $1 AND seq > $2) s
       WHERE gap = $2), $2), last_push_at = $3
     WHERE terminal_uid = $1 RETURNING acked_seq AS acked`,
    [uid, from, now],
  )
  return Number(r.rows[0].acked)
}

/** Blocks the terminal (the first reason stays) and raises the alarm for its store. */
export async function blockTerminal(client: PoolClient, uid: string, now: Date, reason: string, message: string): Promise<void> {
  await client.query('UPDATE terminals SET blocked_at = $2, blocked_reason = $3 WHERE terminal_uid = $1 AND blocked_at IS NULL', [uid, now, reason])
  await client.query(
    `INSERT INTO alarms (at, store_id, terminal_uid, code, message) SELECT $2, store_id, terminal_uid, 'SYNC_BODY_CONFLICT', $3 FROM terminals WHERE terminal_uid = $1`,
    [uid, now, message],
  )
}
