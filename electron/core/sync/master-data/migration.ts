import type { Migration } from '../../../base/store/database'

/**
 * Master data down (issue 15, store-node.md §5.4). `master_state`: how far this counter applied its store's
 * change log, per pairing (a new pairing starts again from 0, and every entry applies idempotently).
 * `store_prices`: a store item's price from `valid_from` on, over the catalog file's own price; the
 * catalog's reads pick the latest one already valid (catalog/rows.ts).
 */
export const masterDataMigration: Migration = {
  id: 400,
  name: 'master data',
  sql: `
CREATE TABLE master_state (
  terminal_uid TEXT PRIMARY KEY,
  cursor INTEGER NOT NULL CHECK (cursor >= 0),
  pulled_at TEXT,
  last_error TEXT
) STRICT;

CREATE TABLE store_prices (
  store_code TEXT NOT NULL COLLATE NOCASE,
  -- ISO UTC (toISOString): compared as text with the clock's now
  valid_from TEXT NOT NULL,
  price_fen INTEGER NOT NULL CHECK (price_fen >= 0),
  seq INTEGER NOT NULL,
  PRIMARY KEY (store_code, valid_from)
) STRICT;
`,
}
