import { createHash } from 'node:crypto'
import type { Pool, PoolClient } from 'pg'
import type { OutboxRow } from '../../shared/contract/sync/wire'
import type { Clock } from '../base/clock'
import { StoreNodeError } from './errors'
import { inTransaction } from './migrations'
import { checkMsgidDigits } from './msgid-check'

export interface IngestHooks {
  /** Runs after the batch's commit, before the answer: the crash tests kill the process here. */
  afterCommit?(): void | Promise<void>
}

/** A pushed row: a counter's outbox row, or (at HQ) a store's row of any table the chain carries. */
export type IngestRow = Omit<OutboxRow, 'tbl'> & { tbl: string }

/** One source's batch: a counter's push to its store node, or one source of a store's push to HQ. */
export interface IngestBatch {
  terminal_uid: string
  rows: readonly IngestRow[]
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

/** Refuses a batch that is not what it says it is, before touching the database. */
function checkBatch(req: IngestBatch): void {
  const seen = new Map<number, string>()
  for (const r of req.rows) {
    if (sha256(r.body) !== r.body_sha256) throw new StoreNodeError('SYNC_BODY_HASH', `第 ${r.seq} 条的内容与其摘要不符，整批未保存`)
    let body: unknown
    try {
      body = JSON.parse(r.body)
    } catch {
      throw new StoreNodeError('BAD_REQUEST', `第 ${r.seq} 条的内容不是 JSON，整批未保存`)
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new StoreNodeError('BAD_REQUEST', `第 ${r.seq} 条的内容不是一行数据，整批未保存`)
    const key = `${r.tbl}\u0000${r.pk}\u0000${r.op}\u0000${r.body_sha256}`
    const before = seen.get(r.seq)
    if (before !== undefined && before !== key) throw cloned(r.seq)
    seen.set(r.seq, key)
  }
}

const cloned = (seq: number) =>
  new StoreNodeError('SYNC_BODY_CONFLICT', `本收银台第 ${seq} 条变更此前已以不同内容上传：数据目录可能被复制或从备份恢复，已停止同步，请店长重新配对此收银台`)

/**
 * Stores one pushed batch in one transaction: rows already held are skipped (a repeated push is a
 * no-op), a row held under the same key with other content refuses the whole batch and blocks the
 * terminal, and the answer is the highest seq up to which the terminal's rows are all held.
 */
export async function ingestBatch(pool: Pool, clock: Clock, req: IngestBatch, hooks: IngestHooks = {}): Promise<number> {
  checkBatch(req)
  const uid = req.terminal_uid
  const cols = {
    seq: req.rows.map((r) => r.seq),
    tbl: req.rows.map((r) => r.tbl),
    pk: req.rows.map((r) => r.pk),
    op: req.rows.map((r) => r.op),
    body: req.rows.map((r) => r.body),
    sha: req.rows.map((r) => r.body_sha256),
  }
  const client = await pool.connect()
  try {
    let conflictSeq: number | undefined
    const acked = await inTransaction(client, async () => {
      const t = await client.query<{ blocked_at: Date | null; acked_seq: string; terminal_no: number; paired_at: Date; held_max: string }>(
        `SELECT blocked_at, acked_seq, terminal_no, paired_at, (SELECT coalesce(max(seq), 0) FROM journal_events WHERE terminal_uid = $1) AS held_max
         FROM terminals WHERE terminal_uid = $1 FOR UPDATE`,
        [uid],
      )
      if (t.rowCount === 0) throw new StoreNodeError('UNAUTHORIZED', '此收银台未在门店服务器登记')
      if (t.rows[0].blocked_at) throw new StoreNodeError('TERMINAL_BLOCKED', '此收银台的同步已被停止（疑似复制的数据目录），请店长重新配对')
      checkMsgidDigits(req.rows, t.rows[0])
      const ackedBefore = Number(t.rows[0].acked_seq)
      const heldMax = Number(t.rows[0].held_max)
      const seqs = [...new Set(cols.seq)].sort((a, b) => a - b)
      // Only a seq already held can conflict: a batch wholly beyond what is held skips the probe.
      if (seqs[0] <= heldMax) {
        conflictSeq = await heldWithOtherContent(client, uid, cols)
        if (conflictSeq !== undefined) throw cloned(conflictSeq)
      }
      // The usual push: right after acked_seq, no gap, nothing held beyond it. The watermark is then the
      // batch's last seq, written in the same statement as the rows (one round trip fewer, no gap scan).
      const next = heldMax <= ackedBefore && seqs[0] === ackedBefore + 1 && seqs.at(-1) === ackedBefore + seqs.length ? seqs.at(-1)! : null
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
        [uid, cols.seq, cols.tbl, cols.pk, cols.op, cols.body, cols.sha, clock.now(), next],
      )
      return next ?? contiguous(client, uid, ackedBefore, clock.now())
    }).catch(async (e: unknown) => {
      if (conflictSeq !== undefined) await block(client, clock, uid, conflictSeq)
      throw e
    })
    await hooks.afterCommit?.()
    return acked
  } finally {
    client.release()
  }
}

/** The first seq of the batch the terminal already pushed with other content, if any. */
async function heldWithOtherContent(
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
async function contiguous(client: PoolClient, uid: string, from: number, now: Date): Promise<number> {
  const r = await client.query<{ acked: string }>(
    `UPDATE terminals SET acked_seq = coalesce((
       SELECT max(seq) FROM (SELECT seq, seq - row_number() OVER (ORDER BY seq) AS gap FROM journal_events WHERE terminal_uid = $1 AND seq > $2) s
       WHERE gap = $2), $2), last_push_at = $3
     WHERE terminal_uid = $1 RETURNING acked_seq AS acked`,
    [uid, from, now],
  )
  return Number(r.rows[0].acked)
}

/** Outside the refused batch's transaction, so the block and its alarm stay. */
async function block(client: PoolClient, clock: Clock, uid: string, seq: number): Promise<void> {
  await inTransaction(client, async () => {
    const now = clock.now()
    const reason = `seq ${seq} pushed again with different content`
    await client.query('UPDATE terminals SET blocked_at = $2, blocked_reason = $3 WHERE terminal_uid = $1 AND blocked_at IS NULL', [uid, now, reason])
    await client.query(
      `INSERT INTO alarms (at, store_id, terminal_uid, code, message) SELECT $2, store_id, terminal_uid, 'SYNC_BODY_CONFLICT', $3 FROM terminals WHERE terminal_uid = $1`,
      [uid, now, `收银台 ${uid} 第 ${seq} 条变更以不同内容重复上传（数据目录被复制或从备份恢复？）`],
    )
  })
}
