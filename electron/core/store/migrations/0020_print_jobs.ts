/**
 * Receipts waiting for, or done with, the printer. A row is written before any byte goes out, so a
 * receipt survives a crash or a dead printer and can be printed again; reprints are new rows (copy n)
 * so the history shows every paper that left the counter.
 */
export default {
  id: 20,
  name: 'print_jobs',
  sql: `
CREATE TABLE print_jobs (
  id INTEGER PRIMARY KEY,
  sale_id TEXT NOT NULL,
  copy INTEGER NOT NULL CHECK (copy >= 0),
  receipt TEXT NOT NULL,
  open_drawer INTEGER NOT NULL CHECK (open_drawer IN (0, 1)),
  state TEXT NOT NULL CHECK (state IN ('queued', 'printing', 'printed', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  last_error_message TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (sale_id, copy)
) STRICT;
CREATE INDEX print_jobs_state ON print_jobs (state, id);
`,
}
