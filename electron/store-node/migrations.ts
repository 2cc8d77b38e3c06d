import type { Pool, PoolClient } from 'pg'
import { createHash } from 'node:crypto'
import { hqMigration } from './hq/migration'
import { hqUsersMigration } from './hq/users-migration'
import { registryMigration } from './registry-migration'
import { hqMasterMigration } from './hq/master-migration'
import { offlinePromisesMigration } from './across/promises-migration'

/**
 * The store node's PostgreSQL history, oldest first; append only, as the counter's. Amounts will be in
 * integer fen, as on the counter.
 */
export interface PgMigration {
  readonly id: number
  readonly name: string
  readonly sql: string
}

export const storeNodeMigrations: readonly PgMigration[] = [
  {
    id: 1,
    name: 'registry and journal',
    sql: `
-- One row per institution (fixmedins_code) this node serves.
CREATE TABLE stores (
  store_id text PRIMARY KEY CHECK (store_id ~ '^[A-Z][0-9]{11}$'),
  name text NOT NULL,
  created_at timestamptz NOT NULL
);

-- Registered counters. terminal_no gives the msgid its two digits, so it is unique per institution by
-- constraint, not by care; 0 is the store node's own platform client and never a counter's.
CREATE TABLE terminals (
  terminal_uid uuid PRIMARY KEY,
  store_id text NOT NULL REFERENCES stores,
  terminal_no smallint NOT NULL CHECK (terminal_no BETWEEN 1 AND 99),
  label text NOT NULL,
  key_sha256 bytea NOT NULL,
  paired_at timestamptz NOT NULL,
  -- the highest seq up to which every outbox row of this terminal is held, with no gap
  acked_seq bigint NOT NULL DEFAULT 0 CHECK (acked_seq >= 0),
  last_push_at timestamptz,
  -- set when the terminal pushed a seq it had pushed before with other content: a clone or a restored
  -- backup must never sync as this counter; only a manager's re-pairing clears it
  blocked_at timestamptz,
  blocked_reason text,
  UNIQUE (store_id, terminal_no)
);

-- A one-time code for "add a counter": kept as a hash, spent by the first pairing that shows it.
CREATE TABLE pairing_codes (
  code_sha256 bytea PRIMARY KEY,
  store_id text NOT NULL REFERENCES stores,
  label text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  terminal_uid uuid REFERENCES terminals
);

-- Every outbox row a terminal pushed, as it pushed it. The key is the counter's own (terminal_uid, seq),
-- so a push repeated after a lost answer stores nothing twice.
CREATE TABLE journal_events (
  terminal_uid uuid NOT NULL REFERENCES terminals,
  seq bigint NOT NULL CHECK (seq > 0),
  tbl text NOT NULL,
  pk text NOT NULL,
  op text NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  body jsonb NOT NULL,
  body_sha256 bytea NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (terminal_uid, seq)
);

-- The newest state of each counter row (a deleted row stays as op = 'delete'): the input of the
-- store's reports to come. Updated only by a newer seq, so the order batches arrive in does not matter.
CREATE TABLE counter_rows (
  terminal_uid uuid NOT NULL REFERENCES terminals,
  tbl text NOT NULL,
  pk text NOT NULL,
  seq bigint NOT NULL,
  op text NOT NULL,
  body jsonb NOT NULL,
  PRIMARY KEY (terminal_uid, tbl, pk)
);

-- What a manager must see: a cloned counter, a refused push.
CREATE TABLE alarms (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  store_id text,
  terminal_uid uuid,
  code text NOT NULL,
  message text NOT NULL
);
`,
  },
  {
    id: 2,
    name: 'the store day',
    sql: `
-- The store node's own msgid sequence (terminal number 00) per institution: the second and the counter
-- within it of the last msgid issued, so the store's 3201/3202/2103 never collide with a counter's.
CREATE TABLE store_msgids (
  store_id text PRIMARY KEY REFERENCES stores,
  second bigint NOT NULL,
  counter integer NOT NULL CHECK (counter BETWEEN 0 AND 99)
);

-- The completeness watermark: the store node's time up to which the counter had nothing left unsent.
ALTER TABLE terminals ADD COLUMN reported_through timestamptz;

CREATE TABLE store_recon_runs (
  id bigserial PRIMARY KEY,
  store_id text NOT NULL REFERENCES stores,
  day date NOT NULL,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  actor_terminal uuid NOT NULL REFERENCES terminals,
  status text NOT NULL CHECK (status IN ('agreed', 'differences')),
  totals jsonb NOT NULL,
  detail jsonb,
  fingerprint text NOT NULL,
  -- the counters the run was not complete for, in words ("T02 二号收银台 last reported …")
  waiting_for jsonb NOT NULL
);
CREATE INDEX store_recon_runs_day ON store_recon_runs (store_id, day, id);

CREATE TABLE store_recon_differences (
  run_id bigint NOT NULL REFERENCES store_recon_runs,
  seq integer NOT NULL,
  setl_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('only_store', 'only_platform', 'amount_differs')),
  refd_setl_flag text NOT NULL,
  fields jsonb NOT NULL,
  store_row jsonb,
  platform_row jsonb,
  owner_terminal uuid REFERENCES terminals,
  why text NOT NULL,
  actions jsonb NOT NULL,
  resolution text CHECK (resolution IN ('reversed', 'explained')),
  note text,
  resolved_by text,
  approved_by text,
  resolved_at timestamptz,
  PRIMARY KEY (run_id, seq)
);

-- What the store node itself did with the platform about a difference: a revoke of an orphan (2103 under
-- a kept msgid) and the orphan it revoked, so both sides of the next run list the pair.
CREATE TABLE store_recon_entries (
  id bigserial PRIMARY KEY,
  store_id text NOT NULL REFERENCES stores,
  kind text NOT NULL CHECK (kind IN ('settle', 'revoke')),
  state text NOT NULL CHECK (state IN ('intent', 'answered', 'unknown', 'refused')),
  day date,
  msgid text,
  setl_id text,
  init_setl_id text,
  request jsonb,
  setlinfo jsonb,
  actor text NOT NULL,
  approver text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX store_recon_entries_revoke ON store_recon_entries (store_id, init_setl_id) WHERE kind = 'revoke' AND state <> 'refused';

-- The store's Z reports: part 0 closes the day, 1, 2 … are supplementary Z's of what came after. Each
-- holds the keys of the items it counted, so an item lands in exactly one part. Never changed.
CREATE TABLE store_day_closes (
  store_id text NOT NULL REFERENCES stores,
  day date NOT NULL,
  part integer NOT NULL CHECK (part >= 0),
  closed_at timestamptz NOT NULL,
  closed_by text NOT NULL,
  recon_run_id bigint NOT NULL REFERENCES store_recon_runs,
  recon_status text NOT NULL,
  note text,
  terminals jsonb NOT NULL,
  covered jsonb NOT NULL,
  report jsonb NOT NULL,
  PRIMARY KEY (store_id, day, part)
);
-- What the store asks a counter to do with its own money (store-node.md §5.4 "commands across counters"):
-- the owner pulls them and acts under its own journal and msgids; the store node never does it for it.
CREATE TABLE store_commands (
  command_id uuid PRIMARY KEY,
  store_id text NOT NULL REFERENCES stores,
  terminal_uid uuid NOT NULL REFERENCES terminals,
  kind text NOT NULL CHECK (kind IN ('reverse_in_between')),
  msgid text NOT NULL,
  created_at timestamptz NOT NULL,
  done_at timestamptz,
  outcome text,
  UNIQUE (terminal_uid, kind, msgid)
);

CREATE FUNCTION store_day_closes_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'a store Z is never changed'; END $$;
CREATE TRIGGER store_day_closes_frozen BEFORE UPDATE OR DELETE ON store_day_closes FOR EACH ROW EXECUTE FUNCTION store_day_closes_frozen();
`,
  },
  {
    id: 3,
    name: 'across counters',
    sql: `
-- One refund at a time per sale across the store (store-node.md §5.7): a counter takes the lease before its
-- 2103 and releases it with the outcome; an unreleased lease (a counter that crashed) lapses at expires_at.
-- refunded_at is final: the sale was refunded by terminal_uid under refund_msgid, and no lease is given again.
CREATE TABLE sale_leases (
  store_id text NOT NULL REFERENCES stores,
  sale_id text NOT NULL,
  owner_uid uuid NOT NULL REFERENCES terminals,
  terminal_uid uuid NOT NULL REFERENCES terminals,
  taken_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  refunded_at timestamptz,
  refund_msgid text,
  PRIMARY KEY (store_id, sale_id)
);

-- "Your sale was refunded at another counter": the selling counter records it and refuses its own refund.
ALTER TABLE store_commands ADD COLUMN sale_id text;
ALTER TABLE store_commands ADD COLUMN by_terminal_no integer;
ALTER TABLE store_commands DROP CONSTRAINT store_commands_kind_check;
ALTER TABLE store_commands ADD CONSTRAINT store_commands_kind_check CHECK (kind IN ('reverse_in_between', 'refunded_elsewhere'));

-- Finding a sale of another counter: by its id (the receipt's code) and by its settlement id.
CREATE INDEX counter_rows_sales_setl ON counter_rows ((body->>'setl_id')) WHERE tbl = 'sales';
CREATE INDEX counter_rows_sales_psn ON counter_rows ((body->>'psn_no')) WHERE tbl = 'sales';
CREATE INDEX counter_rows_lines_sale ON counter_rows ((body->>'sale_id')) WHERE tbl = 'sale_lines';
-- A box code sold anywhere in the store: the lines' codes (a JSON array in text, as the counter keeps it).
CREATE INDEX counter_rows_lines_trace ON counter_rows USING gin (((body->>'trace_codes')::jsonb)) WHERE tbl = 'sale_lines';
`,
  },
  {
    id: 10,
    name: 'master data change log',
    sql: `
-- Master data down (store-node.md §5.4): what the store's manager maintains once for every counter, as an
-- append-only log each counter pulls by cursor. seq is handed out under a transaction-level advisory lock,
-- so entries commit in seq order and a counter that read up to seq N can never later see an N-1 appear.
CREATE TABLE change_log (
  seq bigint PRIMARY KEY CHECK (seq > 0),
  store_id text NOT NULL REFERENCES stores,
  kind text NOT NULL CHECK (kind IN ('settings', 'user', 'secret', 'offline_limits', 'region_policy', 'price', 'catalog')),
  key text NOT NULL,
  -- a 'secret' body holds the platform secret sealed with the store node's own key (kept outside PostgreSQL);
  -- each counter gets it sealed again for itself when it pulls
  body jsonb NOT NULL,
  by_terminal uuid REFERENCES terminals,
  actor text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX change_log_by_store ON change_log (store_id, seq);
CREATE FUNCTION change_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the change log is append-only'; END $$;
CREATE TRIGGER change_log_append_only BEFORE UPDATE OR DELETE ON change_log FOR EACH ROW EXECUTE FUNCTION change_log_append_only();

-- A catalog generation is one file (500,000 items are ~60 MB), not 500,000 log rows: kept here in chunks
-- and referenced by one 'catalog' entry once every chunk arrived (committed_at).
CREATE TABLE catalog_files (
  file_id uuid PRIMARY KEY,
  store_id text NOT NULL REFERENCES stores,
  list text NOT NULL CHECK (list IN ('1301', '1306', 'store')),
  source_name text NOT NULL,
  bytes bigint NOT NULL CHECK (bytes >= 0),
  sha256 text NOT NULL,
  chunks integer NOT NULL CHECK (chunks >= 0),
  created_at timestamptz NOT NULL,
  committed_at timestamptz
);
CREATE TABLE catalog_chunks (
  file_id uuid NOT NULL REFERENCES catalog_files,
  n integer NOT NULL CHECK (n >= 0),
  data bytea NOT NULL,
  PRIMARY KEY (file_id, n)
);
`,
  },
  {
    id: 20,
    name: 'across counters: the seller stock uploads',
    sql: `
-- A refund at another counter reports the return (3506) against the batch the seller's 3505 named: the
-- seller's queued uploads of a sale, found by the sale's id.
CREATE INDEX counter_rows_queue_sale ON counter_rows ((body->>'sale_id')) WHERE tbl = 'offline_queue';
`,
  },
  {
    id: 21,
    name: 'across counters: one offline advance pool',
    sql: `
-- The store's offline advance limit is one pool across its counters: a counter about to advance asks, and the
-- amount is held for it here until its offline sale reaches the store node (then that row counts) or it lapses.
CREATE TABLE offline_grants (
  store_id text NOT NULL REFERENCES stores,
  sale_id text NOT NULL,
  terminal_uid uuid NOT NULL REFERENCES terminals,
  training boolean NOT NULL,
  fen bigint NOT NULL CHECK (fen >= 0),
  granted_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (store_id, sale_id)
);
CREATE INDEX counter_rows_offline_sales ON counter_rows (terminal_uid) WHERE tbl = 'offline_sales';
`,
  },
  {
    id: 22,
    name: 'across counters: member snapshots within the store',
    sql: `
-- Offline identity shared within the store: what one counter saw of a customer online lets another sell to them
-- offline. Keyed by an HMAC of the ID number under the store's own key (handed to its paired counters), never the
-- number; store-local personal data, not a counter row, so never part of what goes up to HQ. Newest seen_at wins.
CREATE TABLE store_snapshot_keys (
  store_id text PRIMARY KEY REFERENCES stores,
  key bytea NOT NULL
);
CREATE TABLE member_snapshots (
  store_id text NOT NULL REFERENCES stores,
  cert_hash text NOT NULL,
  psn_no text NOT NULL,
  snapshot jsonb NOT NULL,
  seen_at timestamptz NOT NULL,
  PRIMARY KEY (store_id, cert_hash)
);
`,
  },
  hqMigration,
  hqUsersMigration,
  hqMasterMigration,
  offlinePromisesMigration,
  registryMigration,
]

type Queryable = Pool | PoolClient

/** As the counter's history: sha256 of the migration's text (better-sqlite3 stays out of this process). */
const checksum = (sql: string) => createHash('sha256').update(sql).digest('hex')

/**
 * Applies the migrations not yet applied, each in its own transaction, under an advisory lock so two
 * store node processes starting together do not race. A database whose history differs is refused.
 */
export async function migrate(pool: Pool, migrations: readonly PgMigration[] = storeNodeMigrations): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('SELECT pg_advisory_lock(1501)')
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (id integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    )
    const applied = (await client.query<{ id: number; name: string; checksum: string }>('SELECT id, name, checksum FROM schema_migrations ORDER BY id')).rows
    applied.forEach((row, i) => {
      const m = migrations[i]
      if (!m || m.id !== row.id || m.name !== row.name || checksum(m.sql) !== row.checksum) {
        throw new Error(`门店数据库的迁移历史与本程序不一致（迁移 ${row.id} ${row.name}），本程序不会改动它。`)
      }
    })
    for (const m of migrations.slice(applied.length))
      await inTransaction(client, async () => {
        await client.query(m.sql)
        await client.query('INSERT INTO schema_migrations (id, name, checksum) VALUES ($1, $2, $3)', [m.id, m.name, checksum(m.sql)])
      })
  } finally {
    await client.query('SELECT pg_advisory_unlock(1501)').catch(() => undefined)
    client.release()
  }
}

/** Runs `fn` in one transaction on `client`: committed if it returns, rolled back if it throws. */
export async function inTransaction<T>(client: Queryable & PoolClient, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN')
  try {
    const result = await fn()
    await client.query('COMMIT')
    return result
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw e
  }
}
