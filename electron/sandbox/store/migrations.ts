import type { Migration } from '../../base/store/database'

/**
 * The sandbox platform's own database history, oldest first. Append only. Money is INTEGER fen; CHECK
 * constraints are the last line behind the invariants (no balance or quota below zero, frozen never
 * above balance), so a logic error aborts the transaction instead of corrupting the ledger.
 */
const platform: Migration = {
  id: 1,
  name: 'sandbox_platform',
  sql: `
CREATE TABLE sequences (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT;

CREATE TABLE institutions (
  fixmedins_code TEXT PRIMARY KEY,
  fixmedins_name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('pharmacy', 'clinic', 'unknown')),
  admdvs TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE sessions (
  sign_no TEXT PRIMARY KEY,
  fixmedins_code TEXT NOT NULL REFERENCES institutions (fixmedins_code),
  opter_no TEXT NOT NULL,
  signed_in_at TEXT NOT NULL,
  signed_out_at TEXT
) STRICT;

CREATE TABLE persons (
  psn_no TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  certno TEXT NOT NULL UNIQUE,
  gend TEXT NOT NULL,
  brdy TEXT NOT NULL,
  insutype TEXT NOT NULL CHECK (insutype IN ('310', '390')),
  psn_type TEXT NOT NULL,
  insuplc_admdvs TEXT NOT NULL,
  emp_name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'terminated')),
  insu_date TEXT NOT NULL,
  acct_balance INTEGER NOT NULL CHECK (acct_balance >= 0),
  acct_frozen INTEGER NOT NULL DEFAULT 0 CHECK (acct_frozen >= 0 AND acct_frozen <= acct_balance),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE person_certifications (
  psn_no TEXT NOT NULL REFERENCES persons (psn_no),
  dise_codg TEXT NOT NULL,
  dise_name TEXT NOT NULL,
  begndate TEXT NOT NULL,
  enddate TEXT,
  PRIMARY KEY (psn_no, dise_codg)
) STRICT;

CREATE TABLE mutual_aid (
  mulaid_id TEXT PRIMARY KEY,
  payer_psn_no TEXT NOT NULL REFERENCES persons (psn_no),
  beneficiary_psn_no TEXT NOT NULL REFERENCES persons (psn_no),
  relation TEXT NOT NULL,
  quota_balc INTEGER NOT NULL CHECK (quota_balc >= 0),
  status TEXT NOT NULL CHECK (status IN ('active', 'ended')),
  begndate TEXT NOT NULL,
  ended_at TEXT,
  end_reason TEXT,
  CHECK (payer_psn_no <> beneficiary_psn_no),
  CHECK (status = 'active' OR quota_balc = 0)
) STRICT;
CREATE UNIQUE INDEX mutual_aid_one_active_pair ON mutual_aid (payer_psn_no, beneficiary_psn_no) WHERE status = 'active';
CREATE INDEX mutual_aid_beneficiary ON mutual_aid (beneficiary_psn_no, status);

CREATE TABLE accumulators (
  psn_no TEXT NOT NULL REFERENCES persons (psn_no),
  year INTEGER NOT NULL,
  bucket TEXT NOT NULL,
  deductible_used INTEGER NOT NULL CHECK (deductible_used >= 0),
  fund_paid INTEGER NOT NULL CHECK (fund_paid >= 0),
  PRIMARY KEY (psn_no, year, bucket)
) STRICT;

CREATE TABLE policies (
  admdvs TEXT PRIMARY KEY,
  policy_json TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE credentials (
  qrcode TEXT PRIMARY KEY,
  psn_no TEXT NOT NULL REFERENCES persons (psn_no),
  issued_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
) STRICT;

CREATE TABLE ec_tokens (
  ec_token TEXT PRIMARY KEY,
  psn_no TEXT NOT NULL REFERENCES persons (psn_no),
  issued_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) STRICT;

CREATE TABLE catalog_items (
  hilist_code TEXT PRIMARY KEY,
  hilist_name TEXT NOT NULL,
  list_type TEXT NOT NULL,
  chrgitm_lv TEXT NOT NULL CHECK (chrgitm_lv IN ('01', '02', '03')),
  selfpay_prop TEXT NOT NULL,
  pric_uplmt_fen INTEGER CHECK (pric_uplmt_fen IS NULL OR pric_uplmt_fen >= 0),
  rx_flag TEXT NOT NULL CHECK (rx_flag IN ('0', '1')),
  spec TEXT NOT NULL,
  dosform TEXT NOT NULL,
  prodentp_name TEXT NOT NULL,
  unit TEXT NOT NULL,
  barcode TEXT NOT NULL,
  ver INTEGER NOT NULL
) STRICT;
CREATE INDEX catalog_items_by_version ON catalog_items (list_type, ver);

CREATE TABLE files (
  file_qury_no TEXT PRIMARY KEY,
  fixmedins_code TEXT NOT NULL,
  filename TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('upload', 'download')),
  content BLOB NOT NULL,
  sha256 TEXT NOT NULL,
  item_count INTEGER,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE messages (
  fixmedins_code TEXT NOT NULL,
  msgid TEXT NOT NULL,
  infno TEXT NOT NULL,
  input_hash TEXT,
  state TEXT NOT NULL CHECK (state IN ('done', 'reversed')),
  response_json TEXT,
  reversed_by TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (fixmedins_code, msgid)
) STRICT;

CREATE TABLE visits (
  mdtrt_id TEXT PRIMARY KEY,
  fixmedins_code TEXT NOT NULL,
  psn_no TEXT NOT NULL REFERENCES persons (psn_no),
  kind TEXT NOT NULL CHECK (kind IN ('pharmacy', 'outpatient')),
  insutype TEXT NOT NULL,
  med_type TEXT NOT NULL,
  begntime TEXT NOT NULL,
  ipt_otp_no TEXT,
  dise_codg TEXT,
  dise_name TEXT,
  status TEXT NOT NULL CHECK (status IN ('open', 'cancelled')),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE fee_lines (
  mdtrt_id TEXT NOT NULL REFERENCES visits (mdtrt_id),
  feedetl_sn TEXT NOT NULL,
  chrg_bchno TEXT NOT NULL,
  med_list_codg TEXT NOT NULL,
  medins_list_codg TEXT NOT NULL,
  fee_fen INTEGER NOT NULL CHECK (fee_fen >= 0),
  cnt TEXT NOT NULL,
  pric TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('uploaded', 'cancelled', 'settled')),
  setl_id TEXT,
  PRIMARY KEY (mdtrt_id, feedetl_sn)
) STRICT;

CREATE TABLE settlements (
  setl_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('settle', 'revoke')),
  infno TEXT NOT NULL,
  msgid TEXT NOT NULL,
  fixmedins_code TEXT NOT NULL,
  mdtrt_id TEXT NOT NULL,
  psn_no TEXT NOT NULL REFERENCES persons (psn_no),
  insutype TEXT NOT NULL,
  psn_type TEXT NOT NULL,
  med_type TEXT NOT NULL,
  clr_type TEXT NOT NULL,
  clr_optins TEXT NOT NULL,
  insuplc_admdvs TEXT NOT NULL,
  mdtrtarea_admvs TEXT NOT NULL,
  chrg_bchno TEXT,
  medfee INTEGER NOT NULL,
  fulamt INTEGER NOT NULL,
  overlmt INTEGER NOT NULL,
  preself INTEGER NOT NULL,
  inscp INTEGER NOT NULL,
  dedc INTEGER NOT NULL,
  hifp INTEGER NOT NULL,
  fund INTEGER NOT NULL,
  psn_part INTEGER NOT NULL,
  acct INTEGER NOT NULL,
  mulaid INTEGER NOT NULL,
  cash INTEGER NOT NULL,
  mulaid_id TEXT,
  mulaid_payer_psn_no TEXT,
  mulaid_payer_admdvs TEXT,
  pool_year INTEGER,
  pool_bucket TEXT,
  init_setl_id TEXT REFERENCES settlements (setl_id),
  status TEXT NOT NULL CHECK (status IN ('valid', 'revoked', 'reversed')),
  setl_time TEXT NOT NULL,
  setl_date TEXT NOT NULL,
  output_json TEXT NOT NULL,
  CHECK (medfee = fund + psn_part AND psn_part = acct + mulaid + cash),
  CHECK (acct >= 0 AND mulaid >= 0 AND cash >= 0 AND fund >= 0)
) STRICT;
CREATE INDEX settlements_by_institution_date ON settlements (fixmedins_code, setl_date);
CREATE UNIQUE INDEX settlements_one_revoke ON settlements (init_setl_id) WHERE kind = 'revoke' AND status <> 'reversed';

CREATE TABLE ledger (
  entry_id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('settlement', 'revoke', 'reversal')),
  infno TEXT NOT NULL,
  msgid TEXT NOT NULL,
  fixmedins_code TEXT NOT NULL,
  setl_id TEXT NOT NULL,
  ref_msgid TEXT,
  psn_no TEXT NOT NULL,
  medfee INTEGER NOT NULL,
  fund INTEGER NOT NULL,
  acct INTEGER NOT NULL,
  mulaid INTEGER NOT NULL,
  cash INTEGER NOT NULL,
  mulaid_id TEXT,
  occurred_at TEXT NOT NULL
) STRICT;
CREATE INDEX ledger_by_institution ON ledger (fixmedins_code, occurred_at);

CREATE TABLE trace_codes (
  drug_trac_codg TEXT PRIMARY KEY,
  fixmedins_code TEXT NOT NULL,
  med_list_codg TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('sold', 'returned')),
  setl_id TEXT,
  sold_at TEXT NOT NULL,
  returned_at TEXT
) STRICT;
`,
}

/**
 * What each settlement drew from which grant. The platform draws quotas by itself (oldest grant first), so one
 * settlement may take from several relatives; a revoke or a reversal gives back exactly these amounts.
 */
const quotaDraws: Migration = {
  id: 2,
  name: 'quota_draws',
  sql: `
CREATE TABLE quota_draws (
  setl_id TEXT NOT NULL REFERENCES settlements (setl_id),
  seq INTEGER NOT NULL,
  mulaid_id TEXT NOT NULL REFERENCES mutual_aid (mulaid_id),
  amount INTEGER NOT NULL CHECK (amount > 0),
  PRIMARY KEY (setl_id, seq)
) STRICT;
`,
}

/**
 * The stock uploads (进销存 3501–3506) the platform accepted, per batch, so a return can be checked against a
 * purchase or a sale and 3507 can withdraw them.
 */
const inventoryUploads: Migration = {
  id: 3,
  name: 'inventory_uploads',
  sql: `
CREATE TABLE inventory_uploads (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  fixmedins_code TEXT NOT NULL,
  msgid TEXT NOT NULL,
  infno TEXT NOT NULL CHECK (infno IN ('3501', '3502', '3503', '3504', '3505', '3506')),
  inv_data_type TEXT NOT NULL CHECK (inv_data_type IN ('1', '2', '3', '4')),
  fixmedins_bchno TEXT NOT NULL,
  med_list_codg TEXT NOT NULL,
  cnt REAL NOT NULL,
  uploaded_at TEXT NOT NULL,
  deleted_at TEXT,
  deleted_by_msgid TEXT
) STRICT;
CREATE INDEX inventory_uploads_by_batch ON inventory_uploads (fixmedins_code, fixmedins_bchno, infno);
`,
}

/**
 * Quotas are yearly (年度额度, seed 000): each grant and each draw names its quota year, so that at the turn of the
 * year last year's unused quota goes back to its payer, and a refund of last year's draw goes to the payer too.
 */
const quotaYears: Migration = {
  id: 4,
  name: 'quota years',
  sql: `
ALTER TABLE mutual_aid ADD COLUMN quota_year INTEGER;
UPDATE mutual_aid SET quota_year = CAST(substr(begndate, 1, 4) AS INTEGER);
CREATE INDEX mutual_aid_quota_year ON mutual_aid (quota_year) WHERE status = 'active';
ALTER TABLE quota_draws ADD COLUMN quota_year INTEGER;
UPDATE quota_draws SET quota_year = (SELECT CAST(substr(s.setl_date, 1, 4) AS INTEGER) FROM settlements s WHERE s.setl_id = quota_draws.setl_id);
`,
}

export const sandboxMigrations: readonly Migration[] = [platform, quotaDraws, inventoryUploads, quotaYears]
