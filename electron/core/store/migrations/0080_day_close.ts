/**
 * The manager's day: reconciliation runs with their differences and what was done about each, platform
 * rows the store took on through reconciliation (an orphan settlement and the revoke we sent for it),
 * and day closes with their frozen figures. Closes are append-only like the audit trail.
 */
export default {
  id: 80,
  name: 'reconciliation and day close',
  sql: `
CREATE TABLE recon_runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  day TEXT NOT NULL,
  training INTEGER NOT NULL CHECK (training IN (0, 1)),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('agreed', 'differences')),
  -- 3201 per insurance and clearing type: our totals and the platform's words
  totals TEXT NOT NULL,
  -- 3202's summary when 3201 disagreed somewhere
  detail TEXT,
  -- the store-side figures compared, so a close can tell whether the run is still current
  fingerprint TEXT NOT NULL
) STRICT;
CREATE INDEX recon_runs_day ON recon_runs (day, training, id);

CREATE TABLE recon_differences (
  run_id INTEGER NOT NULL REFERENCES recon_runs (id),
  seq INTEGER NOT NULL,
  setl_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('only_store', 'only_platform', 'amount_differs')),
  refd_setl_flag TEXT NOT NULL CHECK (refd_setl_flag IN ('0', '1')),
  fields TEXT NOT NULL,
  store_row TEXT,
  platform_row TEXT,
  sale_id TEXT,
  -- the in-between message behind it, when one matches
  msgid TEXT,
  actions TEXT NOT NULL,
  resolution TEXT CHECK (resolution IN ('resolved', 'reversed', 'explained')),
  note TEXT,
  resolved_by TEXT,
  resolved_at TEXT,
  PRIMARY KEY (run_id, seq)
) STRICT;

-- Settlements the platform had and we did not, taken into our books when the manager reversed them,
-- with the revoke we sent: intent written before the 2103 leaves, answer written when it comes.
CREATE TABLE recon_entries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  -- the revoke's own setl_id is known only once the platform answers
  setl_id TEXT UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('settle', 'revoke')),
  state TEXT NOT NULL CHECK (state IN ('intent', 'answered', 'unknown', 'refused')),
  training INTEGER NOT NULL CHECK (training IN (0, 1)),
  day TEXT,
  msgid TEXT,
  init_setl_id TEXT,
  request TEXT,
  setlinfo TEXT,
  actor TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX recon_entries_day ON recon_entries (day, training);
CREATE UNIQUE INDEX recon_entries_one_revoke ON recon_entries (init_setl_id) WHERE kind = 'revoke' AND state <> 'refused';

CREATE TABLE day_closes (
  day TEXT NOT NULL,
  training INTEGER NOT NULL CHECK (training IN (0, 1)),
  closed_at TEXT NOT NULL,
  closed_by TEXT NOT NULL,
  recon_run_id INTEGER REFERENCES recon_runs (id),
  recon_status TEXT NOT NULL CHECK (recon_status IN ('agreed', 'explained')),
  queue_acknowledged TEXT NOT NULL,
  note TEXT,
  report TEXT NOT NULL,
  -- the audit trail's last hash at the close: a later truncation of the trail cannot hide behind it
  audit_seq INTEGER NOT NULL,
  audit_head TEXT NOT NULL,
  PRIMARY KEY (day, training)
) STRICT;
CREATE TRIGGER day_closes_no_update BEFORE UPDATE ON day_closes BEGIN SELECT RAISE(ABORT, 'a closed day stays closed'); END;
CREATE TRIGGER day_closes_no_delete BEFORE DELETE ON day_closes BEGIN SELECT RAISE(ABORT, 'a closed day stays closed'); END;

-- Reports find a day's platform answers and counter refunds without scanning the whole journal.
CREATE INDEX platform_messages_created ON platform_messages (created_at);
CREATE INDEX sales_state_updated ON sales (state, updated_at);
CREATE INDEX sales_unpaid ON sales (training) WHERE change_fen < 0;
-- The reconciliation screen reads one day's actions back from the audit trail.
CREATE INDEX audit_log_subject ON audit_log (subject, seq);
`,
}
