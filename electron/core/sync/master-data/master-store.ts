import type { Db } from '../../../base/store/database'
import { prepared } from '../../../base/store/statements'
import type { MasterChange } from '../../../../shared/contract/sync/master-data'

type Body<K extends MasterChange['kind']> = Extract<MasterChange, { kind: K }>['body']

interface UserRow {
  pin_hash: string
  training: number
  role: string
  active: number
  nhsa_opter_code: string | null
  nhsa_opter_name: string | null
}

/** The SQL of master data on the counter: the cursor, and each kind's write as the log's entry describes it. */
export class MasterStore {
  constructor(private readonly db: Db) {}

  private sql(text: string) {
    return prepared(this.db, text)
  }

  cursor(terminalUid: string): { cursor: number; pulledAt: string | null; lastError: string | null } {
    const r = this.sql('SELECT cursor, pulled_at, last_error FROM master_state WHERE terminal_uid = ?').get(terminalUid) as
      { cursor: number; pulled_at: string | null; last_error: string | null } | undefined
    return { cursor: r?.cursor ?? 0, pulledAt: r?.pulled_at ?? null, lastError: r?.last_error ?? null }
  }

  /** Moves the cursor; only forward, so a replayed batch never takes it back. */
  advance(terminalUid: string, seq: number, at: string): void {
    this.sql(
      `INSERT INTO master_state (terminal_uid, cursor, pulled_at, last_error) VALUES (?, ?, ?, NULL)
       ON CONFLICT (terminal_uid) DO UPDATE SET cursor = max(cursor, excluded.cursor), pulled_at = excluded.pulled_at, last_error = NULL`,
    ).run(terminalUid, seq, at)
  }

  /** A pulled catalog generation, kept until its import went live (in the pull's transaction, with the cursor). */
  queueCatalog(terminalUid: string, c: Extract<MasterChange, { kind: 'catalog' }>): void {
    this.sql('INSERT OR IGNORE INTO master_catalog_pending (terminal_uid, seq, list, entry) VALUES (?, ?, ?, ?)').run(
      terminalUid,
      c.seq,
      c.body.list,
      JSON.stringify(c),
    )
  }

  /** The queued generations, oldest first (the entry as pulled, to be parsed again). */
  pendingCatalogs(terminalUid: string): { seq: number; list: string; entry: string }[] {
    return this.sql('SELECT seq, list, entry FROM master_catalog_pending WHERE terminal_uid = ? ORDER BY seq').all(terminalUid) as {
      seq: number
      list: string
      entry: string
    }[]
  }

  /** The generation `seq` of `list` is live: it and the older ones of that list it replaces leave the queue. */
  catalogApplied(terminalUid: string, list: string, seq: number): void {
    this.sql('DELETE FROM master_catalog_pending WHERE terminal_uid = ? AND list = ? AND seq <= ?').run(terminalUid, list, seq)
  }

  pulled(terminalUid: string, at: string, error: string | null): void {
    this.sql(
      `INSERT INTO master_state (terminal_uid, cursor, pulled_at, last_error) VALUES (?, 0, ?, ?)
       ON CONFLICT (terminal_uid) DO UPDATE SET pulled_at = excluded.pulled_at, last_error = excluded.last_error`,
    ).run(terminalUid, at, error)
  }

  setting(key: string, value: unknown, at: string): void {
    this.sql(
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    ).run(key, JSON.stringify(value), at)
  }

  /**
   * A store user; a practice user of the same id is never overwritten. A new PIN clears this counter's lockout.
   * The 医保操作员 is written when the entry carries it (`keepOp` 1: an older entry without it leaves it).
   */
  user(u: Body<'user'>, at: string): void {
    this.sql(
      `INSERT INTO users (id, name, role, active, training, pin_hash, created_at, updated_at, nhsa_opter_code, nhsa_opter_name)
       VALUES (@id, @name, @role, @active, 0, @pin, @at, @at, @opCode, @opName)
       ON CONFLICT (id) DO UPDATE SET name = @name, role = @role, active = @active, pin_hash = @pin,
         failed_attempts = CASE WHEN pin_hash = @pin THEN failed_attempts ELSE 0 END,
         locked_until = CASE WHEN pin_hash = @pin THEN locked_until ELSE NULL END, updated_at = @at,
         nhsa_opter_code = CASE WHEN @keepOp = 1 THEN nhsa_opter_code ELSE @opCode END,
         nhsa_opter_name = CASE WHEN @keepOp = 1 THEN nhsa_opter_name ELSE @opName END
       WHERE training = 0`,
    ).run({
      id: u.id,
      name: u.name,
      role: u.role,
      active: u.active ? 1 : 0,
      pin: u.pin_hash,
      at,
      keepOp: u.nhsa_opter === undefined ? 1 : 0,
      opCode: u.nhsa_opter?.code ?? null,
      opName: u.nhsa_opter?.name ?? null,
    })
  }

  offlineLimits(l: Body<'offline_limits'>, at: string): void {
    this.sql(
      `INSERT INTO offline_settings (id, mode, per_sale_fen, outstanding_fen, max_age_hours, updated_at, updated_by) VALUES (1, ?, ?, ?, ?, ?, 'store')
       ON CONFLICT (id) DO UPDATE SET mode = excluded.mode, per_sale_fen = excluded.per_sale_fen, outstanding_fen = excluded.outstanding_fen,
         max_age_hours = excluded.max_age_hours, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run(l.mode, l.per_sale_fen, l.outstanding_fen, l.max_age_hours, at)
  }

  regionPolicy(p: Body<'region_policy'>, at: string): void {
    this.sql(
      `INSERT INTO offline_policies (admdvs, policy, source, updated_at, updated_by) VALUES (?, ?, 'manager', ?, 'store')
       ON CONFLICT (admdvs) DO UPDATE SET policy = excluded.policy, source = 'manager', updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run(p.admdvs, JSON.stringify(p), at)
  }

  price(p: Body<'price'>, seq: number): void {
    this.sql('INSERT OR REPLACE INTO store_prices (store_code, valid_from, price_fen, seq) VALUES (?, ?, ?, ?)').run(
      p.store_code,
      new Date(p.valid_from).toISOString(),
      p.price_fen,
      seq,
    )
  }

  /** A new store catalog carries its own prices: the earlier entries already valid when it was published give way to it. */
  pricesSupersededBy(seq: number, publishedAt: string): void {
    this.sql('DELETE FROM store_prices WHERE seq < ? AND valid_from <= ?').run(seq, new Date(publishedAt).toISOString())
  }

  /** Whether the generation this entry names is already live (or was, before a later one): a replay imports it again for nothing. */
  catalogImported(sourceName: string): boolean {
    return Boolean(this.sql("SELECT 1 FROM catalog_import WHERE source_name = ? AND status IN ('active', 'retired')").get(sourceName))
  }

  userRow(id: string): UserRow | undefined {
    return this.sql('SELECT pin_hash, training, role, active, nhsa_opter_code, nhsa_opter_name FROM users WHERE id = ?').get(id) as UserRow | undefined
  }

  /** Store mode: this counter is paired with a store node. */
  paired(): boolean {
    return Boolean(this.sql('SELECT 1 FROM sync_state WHERE id = 1').get())
  }
}
