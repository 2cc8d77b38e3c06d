import type { Migration } from '../../../base/store/database'

/**
 * A catalog generation pulled but not yet live (issue 15): the pull queues it with the cursor and goes on with
 * the entries after it; the catalog's own task imports it and deletes the row in the transaction that records
 * it applied. A crash mid-import leaves the row, so the next start imports it again.
 */
export const catalogQueueMigration: Migration = {
  id: 450,
  name: 'master catalog queue',
  sql: `
CREATE TABLE master_catalog_pending (
  terminal_uid TEXT NOT NULL,
  seq INTEGER NOT NULL CHECK (seq > 0),
  list TEXT NOT NULL,
  -- the log entry as pulled (JSON), parsed again when it is applied
  entry TEXT NOT NULL,
  PRIMARY KEY (terminal_uid, seq)
) STRICT;
`,
}
