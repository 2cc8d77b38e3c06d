import type { Migration } from '../../../base/store/database'
import { triggers, type Synced } from './0200_sync_outbox'

const QUEUE_COLUMNS = 'seq msgid sale_id infno request insuplc_admdvs training state attempts last_error response created_at updated_at item_code'.split(' ')
const SALES_COLUMNS =
  'sale_id msgid mode training psn_no mulaid_id queued_at pay_method tendered_fen paid_fen advanced_fen acct_fen mulaid_fen estimate outcome outcome_at decline_reason due_fen resolution resolved_at resolved_by resolved_note resolved_action'.split(
    ' ',
  )
const HOLDS_COLUMNS = 'msgid sale_id reason held_at replaced_by released_by released_at'.split(' ')

/** The three rebuilt tables as this migration's triggers sync them. */
export const SYNCED_0330: readonly Synced[] = [
  { table: 'offline_queue', pk: 'R.seq', columns: QUEUE_COLUMNS, scrub: ['request', 'response'] },
  { table: 'offline_sales', pk: 'R.sale_id', columns: SALES_COLUMNS },
  { table: 'offline_holds', pk: 'R.msgid', columns: HOLDS_COLUMNS },
]

/**
 * The platform's stock uploads (进销存 3501–3507, docs/stock-uploads.md) go through the offline queue like
 * the sale uploads always did: durable, in order, each under the msgid it was queued with.
 *
 * - offline_queue takes every 35xx transaction; a stock-in, a supplier return, a correction or a count
 *   belongs to no sale, so sale_id may be NULL; item_code orders a batch's uploads per item (a purchase
 *   before the sale of its boxes, a sale before its return). SQLite cannot alter a CHECK, and the rows of
 *   offline_sales and offline_holds reference the queue's msgids, so the three tables are rebuilt together
 *   (children first, so no reference is ever left dangling) with every row, index and sync trigger.
 * - stock_upload_pending: every stock movement, written by a trigger in the movement's own transaction, so
 *   no path that moves stock can forget its upload and a crash before the upload is queued loses nothing.
 *   The uploads module turns each into its message (or a hold) and deletes it in one transaction.
 * - stock_upload_holds: a line that cannot be sent as it is (no lot, a required fact the store never
 *   recorded, an input the spec refuses), with the reason, for the manager to complete and send.
 * - stock_upload_fixes: what became of an upload the platform refused: sent again corrected, or dismissed
 *   by a manager with a note. A refusal without a row here is still listed.
 * - stock_upload_facts: what the store records once and every upload reuses (an item's 批准文号, the
 *   pharmacist's 执业资格证号 ...), filled in by the manager, never guessed.
 */
const migration: Migration = {
  id: 330,
  name: 'stock uploads',
  sql: `
CREATE TABLE offline_queue_next (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  msgid TEXT NOT NULL UNIQUE,
  -- NULL for a stock upload that belongs to no sale
  sale_id TEXT REFERENCES sales (id),
  infno TEXT NOT NULL CHECK (infno IN ('2102', '3501', '3502', '3503', '3504', '3505', '3506', '3507')),
  request TEXT NOT NULL,
  insuplc_admdvs TEXT,
  training INTEGER NOT NULL CHECK (training IN (0, 1)),
  -- sending: went out at least once without a definite answer; it is sent again under the same msgid
  state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'done', 'declined')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  response TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  -- a stock upload's item (store code): its uploads reach the platform in the order they were made
  item_code TEXT,
  CHECK (sale_id IS NOT NULL OR infno NOT IN ('2102'))
) STRICT;
INSERT INTO offline_queue_next (seq, msgid, sale_id, infno, request, insuplc_admdvs, training, state, attempts, last_error, response, created_at, updated_at)
  SELECT seq, msgid, sale_id, infno, request, insuplc_admdvs, training, state, attempts, last_error, response, created_at, updated_at FROM offline_queue ORDER BY seq;
UPDATE sqlite_sequence SET seq = (SELECT seq FROM sqlite_sequence WHERE name = 'offline_queue') WHERE name = 'offline_queue_next';

CREATE TABLE offline_sales_next (
  sale_id TEXT PRIMARY KEY REFERENCES sales (id),
  msgid TEXT NOT NULL UNIQUE REFERENCES offline_queue_next (msgid),
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
  resolved_note TEXT,
  resolved_action TEXT CHECK (resolved_action IN ('refunded', 'collected', 'written_off'))
) STRICT;
INSERT INTO offline_sales_next SELECT sale_id, msgid, mode, training, psn_no, mulaid_id, queued_at, pay_method, tendered_fen, paid_fen, advanced_fen, acct_fen, mulaid_fen,
  estimate, outcome, outcome_at, decline_reason, due_fen, resolution, resolved_at, resolved_by, resolved_note, resolved_action FROM offline_sales ORDER BY rowid;

CREATE TABLE offline_holds_next (
  msgid TEXT PRIMARY KEY REFERENCES offline_queue_next (msgid),
  -- NULL when the held message is a stock upload of no sale
  sale_id TEXT REFERENCES sales (id),
  reason TEXT NOT NULL,
  held_at TEXT NOT NULL,
  replaced_by TEXT UNIQUE REFERENCES offline_queue_next (msgid),
  released_by TEXT,
  released_at TEXT
) STRICT;
INSERT INTO offline_holds_next SELECT msgid, sale_id, reason, held_at, replaced_by, released_by, released_at FROM offline_holds ORDER BY rowid;

DROP TABLE offline_holds;
DROP TABLE offline_sales;
DROP TABLE offline_queue;
ALTER TABLE offline_queue_next RENAME TO offline_queue;
ALTER TABLE offline_sales_next RENAME TO offline_sales;
ALTER TABLE offline_holds_next RENAME TO offline_holds;

CREATE INDEX offline_queue_open ON offline_queue (seq) WHERE state IN ('queued', 'sending');
CREATE INDEX offline_queue_sale ON offline_queue (sale_id);
CREATE INDEX offline_sales_open ON offline_sales (resolution) WHERE resolution != 'closed';
-- covering: what a person's waiting sales promised is summed without touching the rows
CREATE INDEX offline_sales_waiting ON offline_sales (psn_no, mulaid_id, acct_fen, mulaid_fen) WHERE outcome IS NULL;
-- the manager's list of refused stock uploads
CREATE INDEX offline_queue_refused_uploads ON offline_queue (training, seq) WHERE state = 'declined' AND infno != '2102';

${SYNCED_0330.map(triggers).join('\n')}

CREATE TABLE stock_upload_pending (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  movement_id TEXT NOT NULL UNIQUE REFERENCES stock_movement (id),
  training INTEGER NOT NULL CHECK (training IN (0, 1)),
  store_code TEXT NOT NULL COLLATE NOCASE
) STRICT;
-- a lot's balance after one of its movements (what a count left, for 3501) is read by lot
CREATE INDEX stock_movement_by_lot ON stock_movement (lot_id);
CREATE TRIGGER stock_upload_on_movement AFTER INSERT ON stock_movement BEGIN
  INSERT INTO stock_upload_pending (movement_id, training, store_code) VALUES (NEW.id, NEW.training, NEW.store_code);
END;

CREATE TABLE stock_upload_holds (
  id TEXT PRIMARY KEY,
  training INTEGER NOT NULL CHECK (training IN (0, 1)),
  infno TEXT NOT NULL CHECK (infno IN ('3501', '3502', '3503', '3504', '3505', '3506')),
  store_code TEXT NOT NULL COLLATE NOCASE,
  -- the movement it was made from, or 'sale:<id>:<line>' for a sold line that took no lot
  source TEXT NOT NULL,
  sale_id TEXT REFERENCES sales (id),
  reason TEXT NOT NULL,
  -- the request as far as it could be built (JSON), completed by the manager
  draft TEXT NOT NULL,
  created_at TEXT NOT NULL,
  resolution TEXT CHECK (resolution IN ('sent', 'dismissed')),
  resolved_at TEXT,
  resolved_by TEXT,
  note TEXT,
  msgid TEXT REFERENCES offline_queue (msgid),
  UNIQUE (source, infno)
) STRICT;
CREATE INDEX stock_upload_holds_open ON stock_upload_holds (training, created_at) WHERE resolution IS NULL;

CREATE TABLE stock_upload_fixes (
  msgid TEXT PRIMARY KEY REFERENCES offline_queue (msgid),
  resolution TEXT NOT NULL CHECK (resolution IN ('resent', 'dismissed')),
  replaced_by TEXT UNIQUE REFERENCES offline_queue (msgid),
  note TEXT NOT NULL,
  resolved_by TEXT NOT NULL,
  resolved_at TEXT NOT NULL
) STRICT;

CREATE TABLE stock_upload_facts (
  training INTEGER NOT NULL CHECK (training IN (0, 1)),
  scope TEXT NOT NULL CHECK (scope IN ('item', 'pharmacist', 'store')),
  key TEXT NOT NULL COLLATE NOCASE,
  field TEXT NOT NULL,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  PRIMARY KEY (training, scope, key, field)
) STRICT;
`,
}

export default migration
