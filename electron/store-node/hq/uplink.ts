import { createHash } from 'node:crypto'
import type { Pool } from 'pg'
import type { z } from 'zod'
import {
  hqCaughtUpAnswerSchema,
  hqPushAnswerSchema,
  hqRegistrationSchema,
  STORE_OWN_TABLES,
  WITHHELD_TABLE,
  type HqLinkStatus,
  type HqRow,
  type HqSource,
} from '../../../shared/contract/sync/hq'
import { SYNC_API_VERSION, SYNC_TABLES, syncErrorSchema } from '../../../shared/contract/sync/wire'
import type { Clock } from '../../base/clock'
import { StoreNodeError } from '../errors'
import { inTransaction } from '../migrations'
import { WITHHELD_TABLES, withoutPersonal } from './personal-data'
import type { SealBox } from './seal'

export interface UplinkOptions {
  batchRows?: number
  /** Between rounds. */
  intervalMs?: number
  /** First wait after a failed round, doubled per failure up to maxBackoffMs. */
  backoffMs?: number
  maxBackoffMs?: number
  timeoutMs?: number
}

const CARRIED = new Set<string>([...SYNC_TABLES, ...STORE_OWN_TABLES])
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

/**
 * A row as HQ may have it: personal keys removed at any depth, a table HQ must not see sent as `withheld`
 * (its seq kept, so HQ's watermark has no gap). Deterministic, so a re-push is the same row.
 */
export function rowForHq(seq: number, tbl: string, pk: string, op: string, body: string): HqRow {
  const kept = CARRIED.has(tbl) && !WITHHELD_TABLES.has(tbl)
  const text = kept ? JSON.stringify(withoutPersonal(JSON.parse(body))) : '{}'
  return {
    seq,
    tbl: (kept ? tbl : WITHHELD_TABLE) as HqRow['tbl'],
    pk: kept ? pk : '-',
    op: op as HqRow['op'],
    body: text,
    body_sha256: sha256(text),
  }
}

interface LinkRow {
  store_id: string
  hq_url: string
  store_uid: string
  pairing_key_sealed: string
  paired_at: Date
  own_seq: string
  own_acked_seq: string
}

/**
 * The store node's push to its head office (store role), per institution paired with HQ: each counter's
 * rows the store holds without a gap (`terminals.acked_seq`), under the counter's own keys, and the store
 * node's own facts (`hq_outbox`), in batches by cursor; then "caught up". It runs beside the store's work,
 * never in it: a round reads and advances cursors only, and HQ down leaves the store as it is, to catch up
 * later from the cursors.
 */
export class HqUplink {
  private readonly opts: Required<UplinkOptions>
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined
  private stopped = true
  private failures = 0
  /** Rounds run one after another: a manager's link starting the loop while a round is under way waits for it. */
  private last: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
    private readonly seal: SealBox,
    opts: UplinkOptions = {},
  ) {
    this.opts = { batchRows: 2000, intervalMs: 5_000, backoffMs: 1_000, maxBackoffMs: 5 * 60_000, timeoutMs: 30_000, ...opts }
  }

  private async call<T>(url: string, key: string | null, body: unknown, schema: z.ZodType<T>): Promise<T> {
    let res: Response
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      })
    } catch (e) {
      throw new StoreNodeError('HQ_UNREACHABLE', `连不上总部服务器（${(e as Error).message}）`)
    }
    const answer: unknown = await res.json().catch(() => null)
    if (!res.ok) {
      const refusal = syncErrorSchema.safeParse(answer)
      throw new StoreNodeError(
        'HQ_REFUSED',
        refusal.success ? `总部拒绝：${refusal.data.error.code} ${refusal.data.error.message}` : `总部回答 HTTP ${res.status}`,
      )
    }
    const parsed = schema.safeParse(answer)
    if (!parsed.success) throw new StoreNodeError('HQ_REFUSED', '总部的回答格式不符')
    return parsed.data
  }

  /**
   * Pairs one institution of this node with HQ: the code HQ's manager gave, spent at HQ, and in one
   * transaction here the link (the key sealed) and the store's own facts so far, first in its outbox.
   */
  async link(storeId: string, url: string, code: string): Promise<HqLinkStatus> {
    const held = await this.pool.query('SELECT 1 FROM hq_links WHERE store_id = $1', [storeId])
    if (held.rowCount) throw new StoreNodeError('ALREADY_PAIRED', `机构 ${storeId} 已与总部配对`)
    const known = await this.pool.query('SELECT 1 FROM stores WHERE store_id = $1', [storeId])
    if (!known.rowCount) throw new StoreNodeError('STORE_UNKNOWN', `门店服务器未登记机构 ${storeId}`)
    const base = url.replace(/\/+$/, '')
    const reg = await this.call(`${base}/hq/v1/pair`, null, { version: SYNC_API_VERSION, code, store_id: storeId }, hqRegistrationSchema)
    const client = await this.pool.connect()
    try {
      await inTransaction(client, async () => {
        await client.query('INSERT INTO hq_links (store_id, hq_url, store_uid, admdvs, pairing_key_sealed, paired_at) VALUES ($1, $2, $3, $4, $5, $6)', [
          storeId,
          base,
          reg.store_uid,
          reg.admdvs,
          this.seal.seal(reg.pairing_key),
          this.clock.now(),
        ])
        // What the store already holds of its own goes first, oldest first, as the triggers would have written it.
        const n = await client.query(
          `INSERT INTO hq_outbox (store_id, seq, tbl, pk, op, body)
           SELECT $1, row_number() OVER (ORDER BY ord, k1, k2), tbl, pk, 'insert', body FROM (
             SELECT 1 AS ord, r.id AS k1, 0 AS k2, 'store_recon_runs' AS tbl, r.id::text AS pk, to_jsonb(r) AS body FROM store_recon_runs r WHERE r.store_id = $1
             UNION ALL SELECT 2, d.run_id, d.seq, 'store_recon_differences', d.run_id || '|' || d.seq, to_jsonb(d)
               FROM store_recon_differences d JOIN store_recon_runs r ON r.id = d.run_id WHERE r.store_id = $1
             UNION ALL SELECT 3, e.id, 0, 'store_recon_entries', e.id::text, to_jsonb(e) FROM store_recon_entries e WHERE e.store_id = $1
             UNION ALL SELECT 4, extract(epoch FROM c.day)::bigint, c.part, 'store_day_closes', c.day || '|' || c.part, to_jsonb(c) FROM store_day_closes c WHERE c.store_id = $1
           ) x`,
          [storeId],
        )
        await client.query('UPDATE hq_links SET own_seq = $2 WHERE store_id = $1', [storeId, n.rowCount ?? 0])
      })
    } finally {
      client.release()
    }
    return (await this.status()).find((s) => s.store_id === storeId)!
  }

  /** Where each institution's push to HQ stands. */
  async status(): Promise<HqLinkStatus[]> {
    const r = await this.pool.query<{
      store_id: string
      hq_url: string
      store_uid: string
      paired_at: Date
      last_push_at: Date | null
      reported_through: Date | null
      last_error: string | null
      waiting: string
    }>(
      `SELECT l.store_id, l.hq_url, l.store_uid, l.paired_at, l.last_push_at, l.reported_through, l.last_error,
              (l.own_seq - l.own_acked_seq) + coalesce((SELECT sum(t.acked_seq - t.hq_acked_seq) FROM terminals t WHERE t.store_id = l.store_id), 0) AS waiting
       FROM hq_links l ORDER BY l.store_id`,
    )
    return r.rows.map((l) => ({
      store_id: l.store_id,
      hq_url: l.hq_url,
      store_uid: l.store_uid,
      paired_at: l.paired_at.toISOString(),
      last_push_at: l.last_push_at?.toISOString() ?? null,
      reported_through: l.reported_through?.toISOString() ?? null,
      rows_waiting: Number(l.waiting),
      last_error: l.last_error,
    }))
  }

  /** One round for every linked institution; resolves with the rows sent. A failure is kept in `last_error` and thrown. */
  round(): Promise<number> {
    const next = this.last.then(
      () => this.roundNow(),
      () => this.roundNow(),
    )
    this.last = next.catch(() => undefined)
    return next
  }

  private async roundNow(): Promise<number> {
    const links = (await this.pool.query<LinkRow>('SELECT store_id, hq_url, store_uid, pairing_key_sealed, paired_at, own_seq, own_acked_seq FROM hq_links'))
      .rows
    let sent = 0
    let failure: unknown
    for (const link of links) {
      try {
        sent += await this.pushStore(link)
        await this.pool.query('UPDATE hq_links SET last_error = NULL WHERE store_id = $1', [link.store_id])
      } catch (e) {
        failure ??= e
        await this.pool.query('UPDATE hq_links SET last_error = $2 WHERE store_id = $1', [link.store_id, (e as Error).message])
      }
    }
    if (failure) throw failure
    return sent
  }

  private async pushStore(link: LinkRow): Promise<number> {
    const key = this.seal.open(link.pairing_key_sealed)
    // Taken before any cursor is read: everything the store held at this moment is sent by the end of the round.
    const at = this.clock.now()
    let behind = false
    const push = async (source: HqSource, rows: HqRow[]): Promise<number> => {
      const a = await this.call(`${link.hq_url}/hq/v1/push`, key, { version: SYNC_API_VERSION, store_uid: link.store_uid, source, rows }, hqPushAnswerSchema)
      return a.acked_seq
    }
    let sent = 0
    // The store's own facts: terminal 00 of the store at HQ.
    const own: HqSource = { terminal_uid: link.store_uid, terminal_no: 0, label: '门店服务器', paired_at: link.paired_at.toISOString() }
    let ownAcked = Number(link.own_acked_seq)
    for (;;) {
      const r = await this.pool.query<{ seq: string; tbl: string; pk: string; op: string; body: string }>(
        'SELECT seq, tbl, pk, op, body::text AS body FROM hq_outbox WHERE store_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
        [link.store_id, ownAcked, this.opts.batchRows],
      )
      if (r.rows.length === 0) break
      ownAcked = await push(
        own,
        r.rows.map((x) => rowForHq(Number(x.seq), x.tbl, x.pk, x.op, x.body)),
      )
      await this.pool.query('UPDATE hq_links SET own_acked_seq = $2, last_push_at = $3 WHERE store_id = $1', [link.store_id, ownAcked, this.clock.now()])
      sent += r.rows.length
      // HQ holds less than it was sent (restored from a backup): the next round resends from its figure.
      if (ownAcked < Number(r.rows.at(-1)!.seq)) {
        behind = true
        break
      }
    }
    // Each counter's rows the store holds without a gap, under the counter's own keys.
    const terminals = await this.pool.query<{
      terminal_uid: string
      terminal_no: number
      label: string
      paired_at: Date
      acked_seq: string
      hq_acked_seq: string
    }>('SELECT terminal_uid, terminal_no, label, paired_at, acked_seq, hq_acked_seq FROM terminals WHERE store_id = $1 ORDER BY terminal_no', [link.store_id])
    const through = [{ terminal_uid: link.store_uid, acked_seq: ownAcked }]
    for (const t of terminals.rows) {
      const source: HqSource = { terminal_uid: t.terminal_uid, terminal_no: t.terminal_no, label: t.label, paired_at: t.paired_at.toISOString() }
      const held = Number(t.acked_seq)
      let acked = Number(t.hq_acked_seq)
      while (acked < held) {
        const r = await this.pool.query<{ seq: string; tbl: string; pk: string; op: string; body: string }>(
          'SELECT seq, tbl, pk, op, body::text AS body FROM journal_events WHERE terminal_uid = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4',
          [t.terminal_uid, acked, held, this.opts.batchRows],
        )
        if (r.rows.length === 0) break
        const answer = await push(
          source,
          r.rows.map((x) => rowForHq(Number(x.seq), x.tbl, x.pk, x.op, x.body)),
        )
        await this.pool.query('UPDATE terminals SET hq_acked_seq = $2 WHERE terminal_uid = $1', [t.terminal_uid, answer])
        await this.pool.query('UPDATE hq_links SET last_push_at = $2 WHERE store_id = $1', [link.store_id, this.clock.now()])
        sent += r.rows.length
        behind ||= answer < Number(r.rows.at(-1)!.seq)
        acked = answer
        if (behind) break
      }
      through.push({ terminal_uid: t.terminal_uid, acked_seq: acked })
    }
    if (behind) return sent
    const c = await this.call(
      `${link.hq_url}/hq/v1/caught-up`,
      key,
      { version: SYNC_API_VERSION, store_uid: link.store_uid, at: at.toISOString(), through },
      hqCaughtUpAnswerSchema,
    )
    if (c.reported_through)
      await this.pool.query('UPDATE hq_links SET reported_through = $2 WHERE store_id = $1', [link.store_id, new Date(c.reported_through)])
    return sent
  }

  /** Rounds until nothing is left to send (tests, the bench). */
  async drain(): Promise<number> {
    let total = 0
    for (;;) {
      const n = await this.round()
      total += n
      if (n === 0) return total
    }
  }

  start(): void {
    if (!this.stopped) return
    this.stopped = false
    this.schedule(0)
  }

  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.timer)
    await this.running
  }

  private schedule(ms: number): void {
    if (this.stopped) return
    this.timer = setTimeout(() => {
      this.running = this.round().then(
        () => {
          this.failures = 0
          this.schedule(this.opts.intervalMs)
        },
        () => {
          this.failures += 1
          const cap = Math.min(this.opts.maxBackoffMs, this.opts.backoffMs * 2 ** (this.failures - 1))
          this.schedule(Math.round(cap / 2 + (Math.random() * cap) / 2))
        },
      )
    }, ms)
  }
}
