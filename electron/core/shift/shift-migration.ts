import { SYNCED, triggers, type Synced } from '../store'

/**
 * Shifts (交班, issue 15): a counter's drawer from its opening float to its blind count. One shift is open
 * at a time per counter (a counter is one database). A sale carries the shift that was open when it was
 * written, a refund the shift that was open when it became final: both are linked by trigger, in the
 * transaction that writes the sale or its refund, so no path (counter, clinic, replacement of a partial
 * return, offline) can forget the link and a sale costs no extra commit.
 */

export const SALES_WITH_SHIFT: Synced = (() => {
  const sales = SYNCED.find((t) => t.table === 'sales')!
  return { ...sales, columns: [...sales.columns, 'shift_id'] }
})()

export const SHIFT_TABLES: readonly Synced[] = [
  {
    table: 'shifts',
    pk: 'R.id',
    columns:
      'id no terminal_id training state cashier opened_at opened_by opening_fen opening_denoms closed_at closed_by counted_fen counted_denoms expected_fen difference_fen note handed_to handed_from report'.split(
        ' ',
      ),
  },
  { table: 'shift_cash_moves', pk: 'R.id', columns: 'id shift_id kind amount_fen reason actor at'.split(' '), appendOnly: true },
  { table: 'shift_refunds', pk: 'R.sale_id', columns: 'sale_id shift_id at'.split(' '), appendOnly: true },
]

export const shiftsMigration = {
  id: 360,
  name: 'shifts',
  sql: `
CREATE TABLE shifts (
  id TEXT PRIMARY KEY,
  -- The counter's own running number, printed on the X report and the handover slip.
  no INTEGER NOT NULL UNIQUE CHECK (no > 0),
  terminal_id TEXT NOT NULL,
  training INTEGER NOT NULL CHECK (training IN (0, 1)),
  state TEXT NOT NULL CHECK (state IN ('open', 'closed')),
  cashier TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  opened_by TEXT NOT NULL,
  opening_fen INTEGER NOT NULL CHECK (opening_fen >= 0),
  -- [{"fen":10000,"count":2}, …] when the float was counted by denomination, else NULL.
  opening_denoms TEXT,
  closed_at TEXT,
  closed_by TEXT,
  counted_fen INTEGER CHECK (counted_fen >= 0),
  counted_denoms TEXT,
  expected_fen INTEGER,
  difference_fen INTEGER,
  note TEXT,
  handed_to TEXT,
  handed_from TEXT REFERENCES shifts (id),
  -- The X report frozen at the close (JSON), so the shift's figures never move afterwards.
  report TEXT,
  CHECK ((state = 'open') = (closed_at IS NULL))
) STRICT;
CREATE UNIQUE INDEX shifts_one_open ON shifts (state) WHERE state = 'open';
CREATE INDEX shifts_opened ON shifts (opened_at);
CREATE TRIGGER shifts_closed_frozen BEFORE UPDATE ON shifts WHEN OLD.state = 'closed'
BEGIN SELECT RAISE(ABORT, 'a closed shift is never changed'); END;
CREATE TRIGGER shifts_no_delete BEFORE DELETE ON shifts
BEGIN SELECT RAISE(ABORT, 'shifts are never deleted'); END;

CREATE TABLE shift_cash_moves (
  id TEXT PRIMARY KEY,
  shift_id TEXT NOT NULL REFERENCES shifts (id),
  kind TEXT NOT NULL CHECK (kind IN ('in', 'out')),
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  reason TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;
CREATE INDEX shift_cash_moves_shift ON shift_cash_moves (shift_id);
CREATE TRIGGER shift_cash_moves_frozen BEFORE UPDATE ON shift_cash_moves
BEGIN SELECT RAISE(ABORT, 'cash movements are never changed'); END;
CREATE TRIGGER shift_cash_moves_no_delete BEFORE DELETE ON shift_cash_moves
BEGIN SELECT RAISE(ABORT, 'cash movements are never deleted'); END;

-- The sale's shift; NULL for a sale written while no shift was open (allowed unless the setting requires one).
ALTER TABLE sales ADD COLUMN shift_id TEXT REFERENCES shifts (id);
CREATE INDEX sales_shift ON sales (shift_id) WHERE shift_id IS NOT NULL;
CREATE TRIGGER sales_shift_link AFTER INSERT ON sales
WHEN EXISTS (SELECT 1 FROM shifts WHERE state = 'open')
BEGIN UPDATE sales SET shift_id = (SELECT id FROM shifts WHERE state = 'open') WHERE id = NEW.id; END;

-- A refund belongs to the shift whose drawer paid it back, which may not be the sale's.
CREATE TABLE shift_refunds (
  sale_id TEXT PRIMARY KEY REFERENCES sales (id),
  shift_id TEXT NOT NULL REFERENCES shifts (id),
  at TEXT NOT NULL
) STRICT;
CREATE INDEX shift_refunds_shift ON shift_refunds (shift_id);
CREATE TRIGGER sales_refund_shift_link AFTER UPDATE OF state ON sales
WHEN NEW.state = 'refunded' AND OLD.state <> 'refunded' AND EXISTS (SELECT 1 FROM shifts WHERE state = 'open')
BEGIN INSERT OR IGNORE INTO shift_refunds (sale_id, shift_id, at) VALUES (NEW.id, (SELECT id FROM shifts WHERE state = 'open'), NEW.updated_at); END;

-- The sales rows travel with their shift (the store Z's shift section reads shift_id), as 0200 lists columns by hand.
DROP TRIGGER sync_outbox_sales_insert;
DROP TRIGGER sync_outbox_sales_update;
DROP TRIGGER sync_outbox_sales_delete;
${[SALES_WITH_SHIFT, ...SHIFT_TABLES].map(triggers).join('\n\n')}
`,
}
