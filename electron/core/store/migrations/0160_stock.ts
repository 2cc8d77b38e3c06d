import type { Migration } from '../../../base/store/database'

/**
 * The pharmacy's stock. The movement ledger is the truth and append-only (triggers refuse UPDATE and
 * DELETE); each movement has a globally unique id and names the terminal that made it, so a future store
 * node can take counters' movements as they sync without renumbering or double-counting them. A lot's
 * on_hand_units is the ledger's sum for that lot, kept in the same transaction as each movement so the
 * counter never sums the ledger while a customer waits. Every row belongs to a book: training (1) or the
 * store's real stock (0), so a trainee's practice receipts and sales never touch the real shelves, and a
 * demo lot can never surface under a real item's code after training mode is switched off.
 */
const migration: Migration = {
  id: 160,
  name: 'stock',
  sql: `
CREATE TABLE stock_item (
  training INTEGER NOT NULL CHECK (training IN (0, 1)),
  store_code TEXT NOT NULL COLLATE NOCASE,
  pack_size INTEGER NOT NULL CHECK (pack_size >= 1),
  min_unit TEXT NOT NULL DEFAULT '',
  reorder_units INTEGER NOT NULL DEFAULT 0 CHECK (reorder_units >= 0),
  created_at TEXT NOT NULL,
  PRIMARY KEY (training, store_code)
) STRICT;

CREATE TABLE stock_lot (
  id TEXT PRIMARY KEY,
  training INTEGER NOT NULL CHECK (training IN (0, 1)),
  bchno TEXT NOT NULL UNIQUE,
  store_code TEXT NOT NULL COLLATE NOCASE,
  lot_no TEXT NOT NULL,
  manu_date TEXT NOT NULL,
  expiry_date TEXT NOT NULL,
  supplier TEXT NOT NULL,
  cost_fen INTEGER NOT NULL CHECK (cost_fen >= 0),
  on_hand_units INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  UNIQUE (training, store_code, lot_no),
  FOREIGN KEY (training, store_code) REFERENCES stock_item (training, store_code)
) STRICT;
CREATE INDEX stock_lot_by_expiry ON stock_lot (training, store_code, expiry_date);

CREATE TABLE stock_movement (
  id TEXT PRIMARY KEY,
  training INTEGER NOT NULL CHECK (training IN (0, 1)),
  at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('receipt', 'supplier_return', 'correction', 'count', 'sale', 'sale_return')),
  store_code TEXT NOT NULL COLLATE NOCASE,
  lot_id TEXT NOT NULL REFERENCES stock_lot (id),
  qty_units INTEGER NOT NULL CHECK (qty_units <> 0),
  source_id TEXT NOT NULL,
  source_line INTEGER NOT NULL DEFAULT 0,
  reason TEXT NOT NULL DEFAULT '',
  actor TEXT NOT NULL,
  terminal_id TEXT NOT NULL
) STRICT;
CREATE INDEX stock_movement_by_item ON stock_movement (training, store_code, at);
CREATE INDEX stock_movement_by_source ON stock_movement (source_id);
CREATE TRIGGER stock_movement_no_update BEFORE UPDATE ON stock_movement BEGIN SELECT RAISE(ABORT, 'stock movements are append-only'); END;
CREATE TRIGGER stock_movement_no_delete BEFORE DELETE ON stock_movement BEGIN SELECT RAISE(ABORT, 'stock movements are append-only'); END;

-- A sale's stock is taken once and given back once, whichever path settles or refunds it.
CREATE TABLE stock_sale_posting (
  sale_id TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('out', 'back')),
  at TEXT NOT NULL,
  PRIMARY KEY (sale_id, direction)
) STRICT;

-- Every box whose traceability code was scanned at receipt, and the lot it came in.
CREATE TABLE stock_trace_code (
  training INTEGER NOT NULL CHECK (training IN (0, 1)),
  code TEXT NOT NULL,
  lot_id TEXT NOT NULL REFERENCES stock_lot (id),
  receipt_id TEXT NOT NULL,
  PRIMARY KEY (training, code)
) STRICT;

CREATE TABLE stock_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  allow_negative INTEGER NOT NULL CHECK (allow_negative IN (0, 1)),
  near_expiry_days INTEGER NOT NULL CHECK (near_expiry_days BETWEEN 1 AND 730)
) STRICT;
INSERT INTO stock_settings (id, allow_negative, near_expiry_days) VALUES (1, 0, 90);
`,
}

export default migration
