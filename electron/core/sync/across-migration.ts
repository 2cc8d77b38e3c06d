import type { Migration } from '../../base/store/database'

/**
 * Across counters (issue 15, store-node.md §5.7). `shadow_sales`: a sale of another counter copied here to
 * be refunded under this counter's own msgid and journal (the copy is a `sales` row with the seller's id;
 * `reported_at` is when the store node heard the refund). `refunded_elsewhere`: this counter's sale that
 * another counter refunded, which this counter must not refund again.
 */
export const acrossCountersMigration: Migration = {
  id: 385,
  name: 'across counters',
  sql: `
CREATE TABLE shadow_sales (
  sale_id TEXT PRIMARY KEY REFERENCES sales (id),
  owner_terminal_no INTEGER NOT NULL CHECK (owner_terminal_no BETWEEN 1 AND 99),
  owner_terminal_uid TEXT NOT NULL,
  copied_at TEXT NOT NULL,
  reported_at TEXT
) STRICT;

CREATE TABLE refunded_elsewhere (
  sale_id TEXT PRIMARY KEY,
  by_terminal_no INTEGER NOT NULL CHECK (by_terminal_no BETWEEN 1 AND 99),
  msgid TEXT NOT NULL,
  noted_at TEXT NOT NULL
) STRICT;
`,
}
