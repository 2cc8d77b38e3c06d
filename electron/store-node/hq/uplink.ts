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
import { SYNC_API_VERSION, SYNC_TABLES } from '../../../shared/contract/sync/wire'
import type { Clock } from '../../base/clock'
import { StoreNodeError } from '../errors'
import { inTransaction } from '../migrations'
import { callHq } from './hq-client'
import type { HqMasterPuller } from './hq-master-puller'
import { WITHHELD_TABLES, withoutPersonal } from './personal-data'
import type { SealBox } from './seal'
import * as store from './uplink-store'
import type { LinkRow } from './uplink-store'

export interface UplinkOptions {
  batchRows?: number
  /** Between rounds. */
  intervalMs?: number
  /** First wait after a failed round, doubled per failure up to maxBackoffMs. */
  backoffMs?: number
  maxBackoffMs?: number
  timeoutMs?: number
  /** Test hook: runs inside the transaction copying HQ's entry `hqSeq` into the store's log, before its commit. */
  beforeMasterCommit?: (hqSeq: number) => void
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
    /** Master data down from HQ, pulled after each push (push before pull). */
    private readonly master?: HqMasterPuller,
  ) {
    this.opts = { batchRows: 2000, intervalMs: 5_000, backoffMs: 1_000, maxBackoffMs: 5 * 60_000, timeoutMs: 30_000, beforeMasterCommit: () => {}, ...opts }
  }

  private call<T>(url: string, key: string | null, body: unknown, schema: z.ZodType<T>): Promise<T> {
    return callHq(url, key, body, schema, this.opts.timeoutMs)
  }

  /**
   * Pairs one institution of this node with HQ: the code HQ's manager gave, spent at HQ, and in one
   * transaction here the link (the key sealed) and the store's own facts so far, first in its outbox.
   */
  async link(storeId: string, url: string, code: string): Promise<HqLinkStatus> {
    if (await store.isLinked(this.pool, storeId)) throw new StoreNodeError('ALREADY_PAIRED', `机构 ${storeId} 已与总部配对`)
    if (!(await store.isKnownStore(this.pool, storeId))) throw new StoreNodeError('STORE_UNKNOWN', `门店服务器未登记机构 ${storeId}`)
    const base = url.replace(/\/+$/, '')
    const reg = await this.call(`${base}/hq/v1/pair`, null, { version: SYNC_API_VERSION, code, store_id: storeId }, hqRegistrationSchema)
    const client = await this.pool.connect()
    try {
      await inTransaction(client, async () => {
        await store.insertLink(client, {
          storeId,
          hqUrl: base,
          storeUid: reg.store_uid,
          admdvs: reg.admdvs,
          pairingKeySealed: this.seal.seal(reg.pairing_key),
          at: this.clock.now(),
        })
        await store.queueStoreFactsSoFar(client, storeId)
      })
    } finally {
      client.release()
    }
    return (await this.status()).find((s) => s.store_id === storeId)!
  }

  /** Where each institution's push to HQ stands. */
  async status(): Promise<HqLinkStatus[]> {
    const r = await store.linkStatusRows(this.pool)
    return r.map((l) => ({
      store_id: l.store_id,
      hq_url: l.hq_url,
      store_uid: l.store_uid,
      paired_at: l.paired_at.toISOString(),
      last_push_at: l.last_push_at?.toISOString() ?? null,
      reported_through: l.reported_through?.toISOString() ?? null,
      rows_waiting: Number(l.waiting),
      last_error: l.last_error,
      master_cursor: Number(l.master_cursor),
      master_pulled_at: l.master_pulled_at?.toISOString() ?? null,
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
    const links = await store.links(this.pool)
    let sent = 0
    let failure: unknown
    for (const link of links) {
      try {
        sent += await this.pushStore(link)
        await this.master?.pull(link, this.seal.open(link.pairing_key_sealed), this.opts)
        await store.setLastError(this.pool, link.store_id, null)
      } catch (e) {
        failure ??= e
        await store.setLastError(this.pool, link.store_id, (e as Error).message)
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
      const rows = await store.ownRowsAfter(this.pool, link.store_id, ownAcked, this.opts.batchRows)
      if (rows.length === 0) break
      ownAcked = await push(
        own,
        rows.map((x) => rowForHq(Number(x.seq), x.tbl, x.pk, x.op, x.body)),
      )
      await store.setOwnAcked(this.pool, link.store_id, ownAcked, this.clock.now())
      sent += rows.length
      // HQ holds less than it was sent (restored from a backup): the next round resends from its figure.
      if (ownAcked < Number(rows.at(-1)!.seq)) {
        behind = true
        break
      }
    }
    // Each counter's rows the store holds without a gap, under the counter's own keys.
    const terminals = await store.terminalsToForward(this.pool, link.store_id)
    const through = [{ terminal_uid: link.store_uid, acked_seq: ownAcked }]
    for (const t of terminals) {
      const source: HqSource = { terminal_uid: t.terminal_uid, terminal_no: t.terminal_no, label: t.label, paired_at: t.paired_at.toISOString() }
      const held = Number(t.acked_seq)
      let acked = Number(t.hq_acked_seq)
      while (acked < held) {
        const rows = await store.terminalRowsBetween(this.pool, t.terminal_uid, acked, held, this.opts.batchRows)
        if (rows.length === 0) break
        const answer = await push(
          source,
          rows.map((x) => rowForHq(Number(x.seq), x.tbl, x.pk, x.op, x.body)),
        )
        await store.setTerminalHqAcked(this.pool, link.store_id, t.terminal_uid, answer, this.clock.now())
        sent += rows.length
        behind ||= answer < Number(rows.at(-1)!.seq)
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
    if (c.reported_through) await store.setReportedThrough(this.pool, link.store_id, new Date(c.reported_through))
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
