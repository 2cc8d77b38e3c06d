import type { Migration } from '../../../base/store/database'

/**
 * 拆零 (split packs). A sale line sold by the smallest unit records its box size (`sale_lines.pack_size`,
 * NULL for a line sold by the box), so stock, refunds and the platform uploads read its quantity as units.
 * The loose units of an opened box are tracked per lot (`stock_open_box`: one opened box per lot at a
 * time, finished before the next is opened), and every split line records which boxes its units came out
 * of and whether it opened the box (`stock_split_line.opened`): the box's traceability code is reported
 * once, with the sale that opened it (trdn_flag 1); later sales from the same box carry trdn_flag 1 and
 * no code. `sale_lines.lot_id` is the lot the cashier confirmed or picked at the counter for the boxes
 * whose code was not scanned.
 */
const migration: Migration = {
  id: 320,
  name: 'split_packs',
  sql: `
-- Every sale reads an item's lots in selling order (expiry, then oldest receipt): the index gives that order
-- without a sort per sale (the old index on expiry alone left two terms to a temporary b-tree).
DROP INDEX stock_lot_by_expiry;
CREATE INDEX stock_lot_selling_order ON stock_lot (training, store_code, expiry_date, created_at, id);

ALTER TABLE sale_lines ADD COLUMN pack_size INTEGER CHECK (pack_size IS NULL OR pack_size >= 2);
-- The lot the cashier confirmed or picked for the line's boxes without a scanned code (NULL: first-expiry-first-out).
ALTER TABLE sale_lines ADD COLUMN lot_id TEXT;

CREATE TABLE stock_open_box (
  training INTEGER NOT NULL CHECK (training IN (0, 1)),
  lot_id TEXT NOT NULL REFERENCES stock_lot (id),
  -- The opened box's traceability code when it was scanned as it was opened; NULL for a box without one.
  trace_code TEXT,
  remaining_units INTEGER NOT NULL CHECK (remaining_units > 0),
  opened_sale_id TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  PRIMARY KEY (training, lot_id)
) STRICT;

CREATE TABLE stock_split_line (
  sale_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  box_no INTEGER NOT NULL,
  lot_id TEXT NOT NULL REFERENCES stock_lot (id),
  trace_code TEXT,
  units INTEGER NOT NULL CHECK (units > 0),
  -- 1: this sale opened the box, so its code is reported with this sale (once per box).
  opened INTEGER NOT NULL CHECK (opened IN (0, 1)),
  PRIMARY KEY (sale_id, seq, box_no)
) STRICT;
`,
}

export default migration
