import { createHash } from 'node:crypto'
import type { Pool, PoolClient } from 'pg'
import type { OutboxRow } from '../../shared/contract/sync/wire'
import type { Clock } from '../base/clock'
import { StoreNodeError } from './errors'
import { inTransaction } from './migrations'
import * as store from './ingest-store'
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
      const t = await store.lockTerminalForPush(client, uid)
      if (!t) throw new StoreNodeError('UNAUTHORIZED', '此收银台未在门店服务器登记')
      if (t.blocked_at) throw new StoreNodeError('TERMINAL_BLOCKED', '此收银台的同步已被停止（疑似复制的数据目录），请店长重新配对')
      checkMsgidDigits(req.rows, t)
      const ackedBefore = Number(t.acked_seq)
      const heldMax = Number(t.held_max)
      const seqs = [...new Set(cols.seq)].sort((a, b) => a - b)
      // Only a seq already held can conflict: a batch wholly beyond what is held skips the probe.
      if (seqs[0] <= heldMax) {
        conflictSeq = await store.heldWithOtherContent(client, uid, cols)
        if (conflictSeq !== undefined) throw cloned(conflictSeq)
      }
      // The usual push: right after acked_seq, no gap, nothing held beyond it. The watermark is then the
      // batch's last seq, written in the same statement as the rows (one round trip fewer, no gap scan).
      const next = heldMax <= ackedBefore && seqs[0] === ackedBefore + 1 && seqs.at(-1) === ackedBefore + seqs.length ? seqs.at(-1)! : null
      await store.insertBatch(client, uid, cols, clock.now(), next)
      return next ?? store.contiguous(client, uid, ackedBefore, clock.now())
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

/** Outside the refused batch's transaction, so the block and its alarm stay. */
async function block(client: PoolClient, clock: Clock, uid: string, seq: number): Promise<void> {
  await inTransaction(client, async () => {
    const now = clock.now()
    const reason = `seq ${seq} pushed again with different content`
    await store.blockTerminal(client, uid, now, reason, `收银台 ${uid} 第 ${seq} 条变更以不同内容重复上传（数据目录被复制或从备份恢复？）`)
  })
}
