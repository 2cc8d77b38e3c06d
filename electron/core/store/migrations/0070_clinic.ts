export default {
  id: 70,
  name: 'clinic visits, fee lines and price list',
  sql: `
-- A clinic visit is a sale of kind 'clinic' (amounts, settlement, payment live in sales); this is the
-- visit's own side: its registration on the platform, the diagnosis and who saw the patient.
CREATE TABLE clinic_visits (
  sale_id TEXT PRIMARY KEY REFERENCES sales (id),
  -- registering: 2201 written, answer not yet on disk; cancelling: 2205/2202 under way after a refund or abandon
  reg_state TEXT NOT NULL CHECK (reg_state IN ('registering', 'registered', 'diagnosed', 'cancelling', 'cancelled', 'failed')),
  ipt_otp_no TEXT NOT NULL UNIQUE,
  chrg_bchno TEXT NOT NULL,
  med_type_requested TEXT NOT NULL CHECK (med_type_requested IN ('11', '13', '14')),
  dept_code TEXT NOT NULL,
  dept_name TEXT NOT NULL,
  caty TEXT NOT NULL,
  doctor_code TEXT NOT NULL,
  doctor_name TEXT NOT NULL,
  -- [{code, name}], the first is the main diagnosis, as sent in 2203
  diagnoses TEXT NOT NULL DEFAULT '[]',
  -- the relatives' quotas 1101 offered at registration: [{mulaidId, relation, relationName, payerNameMasked, remaining}]
  quotas TEXT NOT NULL DEFAULT '[]',
  certifications TEXT NOT NULL DEFAULT '[]',
  account_balance TEXT NOT NULL DEFAULT '0.00',
  error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- Every fee line ever put on the visit, cancelled ones included: a feedetl_sn is never used twice.
CREATE TABLE clinic_fee_lines (
  sale_id TEXT NOT NULL REFERENCES sales (id),
  seq INTEGER NOT NULL,
  feedetl_sn TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('price_list', 'catalog')),
  code TEXT NOT NULL,
  national_code TEXT NOT NULL,
  name TEXT NOT NULL,
  spec TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL DEFAULT '',
  qty TEXT NOT NULL,
  price TEXT NOT NULL,
  amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
  class TEXT NOT NULL CHECK (class IN ('A', 'B', 'C', 'self')),
  state TEXT NOT NULL CHECK (state IN ('pending', 'uploading', 'uploaded', 'cancelling', 'cancelled')),
  -- the platform's per-line answer to 2204 (detlcutinfo row)
  cut TEXT,
  PRIMARY KEY (sale_id, seq),
  UNIQUE (sale_id, feedetl_sn)
) STRICT;

-- The clinic's own services and examinations with their prices (a CSV import replaces the list).
CREATE TABLE clinic_price_items (
  code TEXT PRIMARY KEY,
  national_code TEXT NOT NULL,
  name TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('consult', 'exam', 'lab', 'treatment', 'material')),
  unit TEXT NOT NULL,
  price TEXT NOT NULL,
  initials TEXT NOT NULL,
  imported_at TEXT NOT NULL
) STRICT;
`,
}
