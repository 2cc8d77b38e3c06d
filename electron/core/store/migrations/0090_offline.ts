export default {
  id: 90,
  name: 'offline store-and-forward',
  sql: `
-- Every message the counter owes the platform, in the order it must arrive: offline sales (2102) and the
-- traceability uploads (3505/3506) of every sale. The msgid is chosen when the row is written and is the
-- only one the message ever goes out under; the request is fixed then too, so a resend is byte-for-byte
-- the same message and the platform answers it from its store instead of acting twice.
CREATE TABLE offline_queue (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  msgid TEXT NOT NULL UNIQUE,
  sale_id TEXT NOT NULL REFERENCES sales (id),
  infno TEXT NOT NULL CHECK (infno IN ('2102', '3505', '3506')),
  request TEXT NOT NULL,
  insuplc_admdvs TEXT,
  training INTEGER NOT NULL CHECK (training IN (0, 1)),
  -- sending: went out at least once without a definite answer; it is sent again under the same msgid
  state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'done', 'declined')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  response TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX offline_queue_open ON offline_queue (seq) WHERE state IN ('queued', 'sending');
CREATE INDEX offline_queue_sale ON offline_queue (sale_id);

-- A sale taken while the platform could not be reached, from the counter to its final state.
CREATE TABLE offline_sales (
  sale_id TEXT PRIMARY KEY REFERENCES sales (id),
  msgid TEXT NOT NULL UNIQUE REFERENCES offline_queue (msgid),
  mode TEXT NOT NULL CHECK (mode IN ('deposit', 'advance')),
  training INTEGER NOT NULL CHECK (training IN (0, 1)),
  psn_no TEXT NOT NULL,
  mulaid_id TEXT,
  queued_at TEXT NOT NULL,
  -- what the customer handed over at the counter (after change) and how
  pay_method TEXT NOT NULL CHECK (pay_method IN ('cash', 'mobile', 'none')),
  tendered_fen INTEGER NOT NULL,
  paid_fen INTEGER NOT NULL CHECK (paid_fen >= 0),
  -- what the store lent the customer until the platform pays (advance mode; 0 in deposit mode)
  advanced_fen INTEGER NOT NULL CHECK (advanced_fen >= 0),
  -- own account and relative's quota the estimate promised: later offline sales of the person see less
  acct_fen INTEGER NOT NULL DEFAULT 0,
  mulaid_fen INTEGER NOT NULL DEFAULT 0,
  -- the estimate shown at the counter (calculator result, policy and snapshot age), as JSON
  estimate TEXT NOT NULL,
  outcome TEXT CHECK (outcome IN ('settled', 'declined')),
  outcome_at TEXT,
  decline_reason TEXT,
  -- after the outcome: > 0 the store owes the customer, < 0 the customer owes the store
  due_fen INTEGER,
  -- queued -> (settled | declined) -> closed; refund_due and receivable wait for a person
  resolution TEXT NOT NULL DEFAULT 'waiting' CHECK (resolution IN ('waiting', 'refund_due', 'receivable', 'closed')),
  resolved_at TEXT,
  resolved_by TEXT,
  resolved_note TEXT
) STRICT;
CREATE INDEX offline_sales_open ON offline_sales (resolution) WHERE resolution != 'closed';
-- covering: what a person's waiting sales promised is summed without touching the rows
CREATE INDEX offline_sales_waiting ON offline_sales (psn_no, mulaid_id, acct_fen, mulaid_fen) WHERE outcome IS NULL;

-- Identities seen online at this store, so a returning customer can buy offline by ID card number.
-- Keyed by a hash of the ID number: the number itself is not kept here.
CREATE TABLE member_snapshots (
  cert_hash TEXT PRIMARY KEY,
  psn_no TEXT NOT NULL,
  snapshot TEXT NOT NULL,
  seen_at TEXT NOT NULL
) STRICT;

-- The insured regions' outpatient policies the offline estimate uses (the platform has no transaction
-- that hands them out: seeded in training, entered by the manager for live regions).
CREATE TABLE offline_policies (
  admdvs TEXT PRIMARY KEY,
  policy TEXT NOT NULL,
  source TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
) STRICT;

-- One row: the store's offline mode and limits, set by a manager.
CREATE TABLE offline_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  mode TEXT NOT NULL CHECK (mode IN ('deposit', 'advance')),
  per_sale_fen INTEGER NOT NULL,
  outstanding_fen INTEGER NOT NULL,
  max_age_hours INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
) STRICT;
`,
}
