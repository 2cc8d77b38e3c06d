import type { Migration } from '../../base/store/database'

/**
 * Refund across counters, the goods' side (issue 15). The platform takes a return (3506) only against the batch
 * its sale (3505) named, which is the seller's: the refunding counter keeps, with its shadow of the sale, the
 * seller's 3505 requests as the seller sent them, and reports the return from them. The box itself goes into
 * the refunding counter's own stock (a `sale_return` movement referencing the seller's sale).
 */
export const acrossStockMigration: Migration = {
  id: 410,
  name: 'across counters: the seller stock uploads',
  sql: `
CREATE TABLE shadow_sold_uploads (
  sale_id TEXT NOT NULL REFERENCES shadow_sales (sale_id),
  n INTEGER NOT NULL,
  request TEXT NOT NULL,
  PRIMARY KEY (sale_id, n)
) STRICT;
`,
}
