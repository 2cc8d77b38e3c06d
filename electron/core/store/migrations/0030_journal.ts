export default {
  id: 30,
  name: 'sale journal and audit trail',
  sql: `
CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL,
  aux INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE sales (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('pharmacy', 'clinic')),
  state TEXT NOT NULL CHECK (state IN ('draft', 'presettled', 'settling', 'settled', 'reversing', 'refunding', 'refunded', 'voided')),
  terminal_id TEXT NOT NULL,
  cashier TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  -- training sales go to the training platform and never count in a live day's figures
  training INTEGER NOT NULL DEFAULT 0 CHECK (training IN (0, 1)),
  -- who pays and how (personal data is kept only as far as the platform needs it); all null for a
  -- cash sale without a member
  psn_no TEXT,
  insuplc_admdvs TEXT,
  insutype TEXT,
  psn_type TEXT,
  cert_type TEXT,
  cert_no TEXT,
  name_masked TEXT,
  med_type TEXT NOT NULL,
  acct_used INTEGER NOT NULL CHECK (acct_used IN (0, 1)),
  mulaid_id TEXT,
  -- whose quota, as the receipt shows it: {"payerNameMasked", "relation"}
  mulaid_payer TEXT,
  rxno TEXT,
  -- prescription drugs: who dispensed, and whether the prescription came from outside (rx_circ_flag)
  pharmacist TEXT,
  rx_external INTEGER NOT NULL DEFAULT 0,
  -- a partial return settles what the customer keeps as a new sale that names the refunded one
  replaces_sale_id TEXT REFERENCES sales (id),
  medfee_fen INTEGER NOT NULL CHECK (medfee_fen >= 0),
  goods_fen INTEGER NOT NULL CHECK (goods_fen >= 0),
  -- the live settlement, once there is one
  setl_id TEXT,
  mdtrt_id TEXT,
  settled_msgid TEXT,
  setlinfo TEXT,
  presettle TEXT,
  -- what the customer paid at the counter, written with the settlement's answer
  pay_method TEXT CHECK (pay_method IN ('cash', 'mobile', 'none')),
  cash_due_fen INTEGER,
  tendered_fen INTEGER,
  change_fen INTEGER
) STRICT;
CREATE INDEX sales_state ON sales (state);
CREATE INDEX sales_created ON sales (created_at);

CREATE TABLE sale_lines (
  sale_id TEXT NOT NULL REFERENCES sales (id),
  seq INTEGER NOT NULL,
  insured INTEGER NOT NULL CHECK (insured IN (0, 1)),
  national_code TEXT,
  store_code TEXT NOT NULL,
  name TEXT NOT NULL,
  qty TEXT NOT NULL,
  price TEXT NOT NULL,
  amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
  rx_flag INTEGER NOT NULL DEFAULT 0,
  trace_codes TEXT NOT NULL DEFAULT '[]',
  spec TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL DEFAULT '',
  -- A/B/C (甲乙丙) for insured lines, self for goods and self-paid lines, as the receipt prints it
  class TEXT NOT NULL DEFAULT 'self' CHECK (class IN ('A', 'B', 'C', 'self')),
  PRIMARY KEY (sale_id, seq)
) STRICT;

-- Every message that can move money, written before it is sent.
CREATE TABLE platform_messages (
  msgid TEXT PRIMARY KEY,
  sale_id TEXT NOT NULL REFERENCES sales (id),
  infno TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('intent', 'answered', 'refused', 'unknown', 'reversed')),
  request TEXT NOT NULL,
  response TEXT,
  error TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX platform_messages_open ON platform_messages (state) WHERE state IN ('intent', 'unknown');
-- Never two live settlements for one sale: enforced by the database, not by care.
CREATE UNIQUE INDEX one_live_settlement ON platform_messages (sale_id)
  WHERE infno IN ('2102', '2207') AND state IN ('intent', 'unknown', 'answered');

-- A drug box's traceability code sells once: held from the intent to settle, released by a reversal or refund.
CREATE TABLE sold_trace_codes (
  code TEXT PRIMARY KEY,
  sale_id TEXT NOT NULL REFERENCES sales (id),
  sold_at TEXT NOT NULL
) STRICT;

CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
`,
}
