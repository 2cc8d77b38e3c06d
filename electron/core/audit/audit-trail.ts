import { createHash } from 'node:crypto'
import type { Clock } from '../../base/clock'
import type { Db } from '../../base/store/database'
import { AnchorFile, type AuditHead } from './audit-anchor'
import { rowMac, type AuditKeys } from './audit-keys'
import { AuditStore, type AuditRow } from './audit-store'

export interface AuditEntry {
  actor: string
  action: string
  subject: string
  detail?: Record<string, unknown>
}

type Row = AuditRow

const GENESIS = '0'.repeat(64)

/** The unkeyed link of the chain (anyone can recompute it, which is why rows also carry a MAC). */
export function rowHash(prev: string, r: Pick<Row, 'seq' | 'at' | 'actor' | 'action' | 'subject' | 'detail'>): string {
  return createHash('sha256')
    .update(JSON.stringify([prev, r.seq, r.at, r.actor, r.action, r.subject, r.detail]))
    .digest('hex')
}

/** The last row: its hash, and its MAC once the trail is keyed. */
export interface TrailHead {
  seq: number
  hash: string
  mac: string | null
}

export type ChainCheck = ({ ok: true } | { ok: false; brokenAt: number; reason: string }) & {
  entries: number
  head: TrailHead | null
  /** Rows MACed under a key this process cannot open (sealed by another secret box): hash-checked only. */
  unchecked: number
  firstUnchecked: number | null
  /** Whether any row carries a MAC (a trail keyed at some point). */
  keyed: boolean
}

export interface AuditTrailOptions {
  /** The per-install MAC key. Without it rows are hash-chained only (unit rigs that never verify keys). */
  keys?: AuditKeys
  /** Where day closes anchor the head outside the database. */
  anchorFile?: AnchorFile
}

/**
 * Append-only and hash-chained: triggers refuse UPDATE and DELETE, and each row's hash covers the one
 * before it, so an edit made around the triggers is still detected. The hash alone can be recomputed by
 * anyone with the file, so each row also carries an HMAC of its hash under a key sealed apart from the
 * database: a re-chained trail fails the MAC. Cutting rows off the end leaves a valid chain; the anchors
 * (day closes, the anchor file, the Z slip) catch that. Appends happen inside the caller's transaction,
 * so a state change and its audit row commit together.
 */
export class AuditTrail {
  private readonly rows: AuditStore
  /** Inside `batch`: the last row appended by it (undefined until the first, which reads the table). */
  private batchHead: { seq: number; hash: string } | undefined
  private batching = false

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly options: AuditTrailOptions = {},
  ) {
    this.rows = new AuditStore(db)
  }

  get anchorFile(): AnchorFile | undefined {
    return this.options.anchorFile
  }

  get keys(): AuditKeys | undefined {
    return this.options.keys
  }

  /**
   * Runs `fn` inside the caller's transaction with the trail's head kept in memory: its appends chain from
   * the row the last one wrote instead of reading the table's last row each time (the offline queue's
   * group commit appends two or three rows an answer, hundreds a commit). The rows are the ones `append`
   * writes one by one. `fn` must not swallow a rollback of its own appends (a savepoint caught and gone
   * on): a failure goes out of `fn` and takes the whole transaction with it.
   */
  batch<T>(fn: () => T): T {
    if (this.batching) return fn()
    if (!this.db.inTransaction) throw new Error('AuditTrail.batch outside a transaction: its rows would not commit together')
    this.batching = true
    try {
      return fn()
    } finally {
      this.batching = false
      this.batchHead = undefined
    }
  }

  append(entry: AuditEntry): void {
    const last = this.batchHead ?? this.rows.last()
    const row = {
      seq: (last?.seq ?? 0) + 1,
      at: this.clock.now().toISOString(),
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject,
      detail: JSON.stringify(entry.detail ?? {}),
    }
    const prev = last?.hash ?? GENESIS
    const hash = rowHash(prev, row)
    const key = this.options.keys?.current
    this.rows.insert({ ...row, prev_hash: prev, hash, mac: key ? rowMac(key.key, hash) : null, mac_key: key?.id ?? null })
    if (this.batching) this.batchHead = { seq: row.seq, hash }
  }

  /**
   * Until the trail's last row is keyed, appends one `audit.keyed` row. On a trail written before the MAC
   * existed, its MAC covers the last unkeyed hash, which covers every row before it: the existing chain is
   * anchored from the upgrade on. On a new store it is the first row, so there is a head to anchor at once.
   */
  keyChain(): void {
    if (!this.options.keys) return
    const last = this.head()
    if (last?.mac) return
    this.db.transaction(() =>
      this.append({ actor: 'system', action: 'audit.keyed', subject: 'audit', detail: { unkeyedRows: last?.seq ?? 0, lastUnkeyedHash: last?.hash ?? null } }),
    )()
  }

  head(): TrailHead | null {
    return this.rows.head() ?? null
  }

  /**
   * Records the head outside the database, after the rows it names have committed. A failed write (disk
   * full, folder gone) fails nothing that already committed: the anchor stays behind, which weakens the
   * next check and never falsifies it. Says whether it wrote.
   */
  anchor(head: AuditHead): boolean {
    const key = this.options.keys?.current
    if (!key || !this.options.anchorFile) return false
    try {
      this.options.anchorFile.write(head, key, this.clock.now())
      return true
    } catch {
      return false
    }
  }

  verify(): ChainCheck {
    let prev = GENESIS
    let expectedSeq = 1
    let n = 0
    let unchecked = 0
    let firstUnchecked: number | null = null
    let keyedFrom: number | null = null
    let last: Row | undefined
    const summary = () => ({
      entries: n,
      head: last ? { seq: last.seq, hash: last.hash, mac: last.mac } : null,
      unchecked,
      firstUnchecked,
      keyed: keyedFrom !== null,
    })
    for (const r of this.rows.walk()) {
      n++
      last = r
      if (r.seq !== expectedSeq) return { ok: false, brokenAt: expectedSeq, reason: `第 ${expectedSeq} 条审计记录缺失`, ...summary() }
      if (r.prev_hash !== prev || r.hash !== rowHash(prev, r)) {
        return { ok: false, brokenAt: r.seq, reason: `第 ${r.seq} 条审计记录被改动`, ...summary() }
      }
      if (r.mac === null) {
        // Once keyed, every later row is keyed: an unkeyed one was written by something other than the app.
        if (keyedFrom !== null) return { ok: false, brokenAt: r.seq, reason: `第 ${r.seq} 条审计记录没有校验码，不是本程序写入的`, ...summary() }
      } else {
        keyedFrom ??= r.seq
        const key = r.mac_key === null ? undefined : this.options.keys?.get(r.mac_key)
        if (!key) {
          unchecked++
          firstUnchecked ??= r.seq
        } else if (r.mac !== rowMac(key, r.hash)) {
          return { ok: false, brokenAt: r.seq, reason: `第 ${r.seq} 条审计记录的校验码不符：记录被改动后重算过哈希链`, ...summary() }
        }
      }
      prev = r.hash
      expectedSeq++
    }
    return { ok: true, ...summary() }
  }

  forSubject(subject: string): { at: string; actor: string; action: string; detail: Record<string, unknown> }[] {
    return this.rows.forSubject(subject).map((r) => ({
      at: r.at,
      actor: r.actor,
      action: r.action,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    }))
  }
}
