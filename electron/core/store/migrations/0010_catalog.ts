import type { Migration } from '../../../base/store/database'

/**
 * The catalogs. Every row belongs to an import (its generation); searches read only the active
 * generation, so an import stages a whole new generation beside the live one in short transactions
 * (sales keep writing meanwhile) and goes live by flipping one status row. The store's name search
 * uses two contentless FTS5 indexes: trigram for 3+ characters (name and pinyin initials, `^` for
 * prefixes), and a token per 1- and 2-character gram (and per 1-2 character head of the name and of
 * the initials) for the short queries trigram cannot answer. Name and initials have no B-tree index:
 * FTS5 buffers a chunk's postings and writes them sorted, where two B-trees keyed on names took
 * random inserts that cost more than the rest of the row.
 */
const migration: Migration = {
  id: 10,
  name: 'catalog',
  sql: `
CREATE TABLE catalog_import (
  generation INTEGER PRIMARY KEY AUTOINCREMENT,
  catalog TEXT NOT NULL CHECK (catalog IN ('national_1301', 'national_1306', 'store')),
  status TEXT NOT NULL CHECK (status IN ('staging', 'active', 'retired', 'failed')),
  source_name TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  item_count INTEGER NOT NULL DEFAULT 0 CHECK (item_count >= 0),
  error_code TEXT,
  error_message TEXT
) STRICT;
CREATE UNIQUE INDEX catalog_import_one_active ON catalog_import (catalog) WHERE status = 'active';

CREATE TABLE national_item (
  generation INTEGER NOT NULL,
  hilist_code TEXT NOT NULL COLLATE NOCASE,
  hilist_name TEXT NOT NULL,
  list_type TEXT NOT NULL CHECK (list_type IN ('101', '102', '103', '201', '301')),
  chrgitm_lv TEXT NOT NULL CHECK (chrgitm_lv IN ('01', '02', '03')),
  selfpay_prop_bp INTEGER NOT NULL CHECK (selfpay_prop_bp BETWEEN 0 AND 10000),
  price_cap_fen INTEGER CHECK (price_cap_fen >= 0),
  rx_flag INTEGER NOT NULL CHECK (rx_flag IN (0, 1)),
  spec TEXT NOT NULL,
  dosform TEXT NOT NULL,
  prodentp_name TEXT NOT NULL,
  unit TEXT NOT NULL,
  barcode TEXT,
  PRIMARY KEY (generation, hilist_code)
) STRICT, WITHOUT ROWID;

CREATE TABLE store_item (
  id INTEGER PRIMARY KEY,
  generation INTEGER NOT NULL,
  store_code TEXT NOT NULL COLLATE NOCASE,
  barcode TEXT,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  initials TEXT NOT NULL,
  spec TEXT NOT NULL,
  maker TEXT NOT NULL,
  unit TEXT NOT NULL,
  price_fen INTEGER NOT NULL CHECK (price_fen >= 0),
  stock INTEGER NOT NULL CHECK (stock >= 0),
  kind TEXT NOT NULL CHECK (kind IN ('drug', 'device', 'consumable', 'goods')),
  national_code TEXT COLLATE NOCASE,
  CHECK (kind <> 'goods' OR national_code IS NULL)
) STRICT;
CREATE UNIQUE INDEX store_item_by_code ON store_item (generation, store_code);
CREATE INDEX store_item_by_barcode ON store_item (generation, barcode) WHERE barcode IS NOT NULL;
CREATE INDEX store_item_by_national_code ON store_item (generation, national_code) WHERE national_code IS NOT NULL;

CREATE VIRTUAL TABLE store_item_text USING fts5(
  name_key, initials, content = '', contentless_delete = 1, tokenize = 'trigram'
);
CREATE VIRTUAL TABLE store_item_grams USING fts5(
  grams, name_head, initials_head, content = '', contentless_delete = 1, detail = 'column', tokenize = 'unicode61'
);
`,
}

export default migration
