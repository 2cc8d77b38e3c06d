import { createHash } from 'node:crypto'
import type { OutboxRow, Registration } from '../../../shared/contract/sync/wire'
import type { Db } from '../../base/store/database'
import { prepared } from '../../base/store/statements'
import type { PairingKeySlot } from '../secrets'
import { OUTBOX_SNAPSHOT } from './synced-tables'

/** What the counter knows of its store node once paired (the `sync_state` row). */
export interface SyncState {
  storeUrl: string
  storeId: string
  terminalUid: string
  terminalNo: number
  ackedSeq: number
  pairedAt: string
  lastPushAt: string | null
  /** Why the last push failed, in words; cleared by the next push that is answered. */
  lastError: string | null
}

interface StateRow {
  store_url: string
  store_id: string
  terminal_uid: string
  terminal_no: number
  acked_seq: number
  paired_at: string
  last_push_at: string | null
  last_error: string | null
}

export const bodySha256 = (body: string): string => createHash('sha256').update(body, 'utf8').digest('hex')

/** The counter's outbox (filled by the triggers of migration 0200) and how far the store node holds it. */
export class Outbox {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  private sql(text: string) {
    return prepared(this.db, text)
  }

  state(): SyncState | undefined {
    const r = this.sql(
      'SELECT store_url, store_id, terminal_uid, terminal_no, acked_seq, paired_at, last_push_at, last_error FROM sync_state WHERE id = 1',
    ).get() as StateRow | undefined
    return (
      r && {
        storeUrl: r.store_url,
        storeId: r.store_id,
        terminalUid: r.terminal_uid,
        terminalNo: r.terminal_no,
        ackedSeq: r.acked_seq,
        pairedAt: r.paired_at,
        lastPushAt: r.last_push_at,
        lastError: r.last_error,
      }
    )
  }

  /** The next rows the store node does not hold yet, oldest first. */
  pending(afterSeq: number, limit: number): OutboxRow[] {
    const rows = this.sql('SELECT seq, tbl, pk, op, body FROM sync_outbox WHERE seq > ? ORDER BY seq LIMIT ?').all(afterSeq, limit) as Omit<
      OutboxRow,
      'body_sha256'
    >[]
    return rows.map((r) => ({ ...r, body_sha256: bodySha256(r.body) }))
  }

  /** Never moves backwards: an older answer arriving late cannot make the counter push again what is held. */
  acked(seq: number): void {
    this.sql('UPDATE sync_state SET acked_seq = max(acked_seq, ?), last_push_at = ?, last_error = NULL WHERE id = 1').run(seq, this.now().toISOString())
  }

  /** The store node holds less than it once said (restored from a backup): push again from where it is. */
  rewind(seq: number): void {
    this.sql('UPDATE sync_state SET acked_seq = ? WHERE id = 1').run(seq)
  }

  /**
   * Forgets up to `limit` rows the store node holds (seq ≤ acked) that were written before `before`: without
   * it the outbox keeps every change of every sale for the counter's whole life.
   */
  prune(ackedSeq: number, before: Date, limit: number): number {
    return this.sql('DELETE FROM sync_outbox WHERE seq IN (SELECT seq FROM sync_outbox WHERE seq <= ? AND created_at < ? ORDER BY seq LIMIT ?)').run(
      ackedSeq,
      before.toISOString(),
      limit,
    ).changes
  }

  /** The oldest row kept; rows below it were pruned and can no longer be pushed again. */
  oldestSeq(): number | null {
    return (this.sql('SELECT min(seq) AS seq FROM sync_outbox').get() as { seq: number | null }).seq
  }

  failed(message: string): void {
    this.sql('UPDATE sync_state SET last_error = ? WHERE id = 1').run(message.slice(0, 500))
  }

  count(): number {
    return (this.sql('SELECT count(*) AS n FROM sync_outbox').get() as { n: number }).n
  }

  /** Rows the store node does not hold yet. */
  waiting(afterSeq: number): number {
    return (this.sql('SELECT count(*) AS n FROM sync_outbox WHERE seq > ?').get(afterSeq) as { n: number }).n
  }
}

/**
 * The counter's side of pairing: records who the store node says this counter is, and starts its outbox
 * afresh from seq 1 with every row the counter holds (the store node knows nothing of this registration
 * yet; a re-pairing after a block is a new terminal to it). One transaction: a sale committed after it
 * reaches the outbox by trigger, one before it by the snapshot, never both or neither.
 * The pairing key goes to the sealed slot in the same transaction; `sync_state.pairing_key` stays empty.
 * The terminal number it carries is the one the msgid's digits must come from: the pairing call
 * (pairing.ts) sets the counter's terminal number setting from it in the same transaction.
 */
export function applyRegistration(db: Db, storeUrl: string, reg: Registration, now: Date, key: PairingKeySlot): void {
  db.transaction(() => {
    key.seal(reg.pairing_key)
    db.prepare('DELETE FROM sync_outbox').run()
    db.prepare("DELETE FROM sqlite_sequence WHERE name = 'sync_outbox'").run()
    for (const sql of OUTBOX_SNAPSHOT) db.prepare(sql).run()
    db.prepare(
      `INSERT INTO sync_state (id, store_url, store_id, terminal_uid, terminal_no, pairing_key, acked_seq, paired_at) VALUES (1, ?, ?, ?, ?, ?, 0, ?)
       ON CONFLICT (id) DO UPDATE SET store_url = excluded.store_url, store_id = excluded.store_id, terminal_uid = excluded.terminal_uid,
         terminal_no = excluded.terminal_no, pairing_key = excluded.pairing_key, acked_seq = 0, last_push_at = NULL, last_error = NULL, paired_at = excluded.paired_at`,
    ).run(storeUrl, reg.store_id, reg.terminal_uid, reg.terminal_no, '', now.toISOString())
  })()
}

/** A counter paired by a build that kept the key in `sync_state` in the clear: sealed now, the clear copy wiped. */
export function sealClearPairingKey(db: Db, key: PairingKeySlot): void {
  const row = db.prepare("SELECT pairing_key FROM sync_state WHERE id = 1 AND pairing_key <> ''").get() as { pairing_key: string } | undefined
  if (!row) return
  db.transaction(() => {
    key.seal(row.pairing_key)
    db.prepare("UPDATE sync_state SET pairing_key = '' WHERE id = 1").run()
  })()
}

/** Forgets the registration and the outbox: the counter is standalone again and its triggers stop writing. */
export function forgetRegistration(db: Db, key: PairingKeySlot): void {
  db.transaction(() => {
    db.prepare('DELETE FROM sync_state').run()
    db.prepare('DELETE FROM sync_outbox').run()
    key.forget()
  })()
}

/** Whether the counter is paired with a store node (a registration is on disk). */
export function isPaired(db: Db): boolean {
  return db.prepare('SELECT 1 FROM sync_state').get() !== undefined
}
