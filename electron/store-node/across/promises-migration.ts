import type { PgMigration } from '../migrations'

/**
 * Offline promises across counters (issue 15): a relative's quota or an own account an offline estimate promised
 * at one counter must not be promised again at another. A counter about to take such a sale offline asks the
 * store node, which counts the other counters' promises from their synced `offline_sales` rows (still without the
 * platform's answer) and what it held for them whose sale has not arrived yet; the hold is made under the person's
 * lock and lapses like the advance pool's grants. Store-local personal data (psn_no), never a counter row, so never
 * part of what goes up to HQ.
 */
export const offlinePromisesMigration: PgMigration = {
  id: 50,
  name: 'across counters: offline promises of quotas and accounts',
  sql: `
CREATE TABLE offline_promises (
  store_id text NOT NULL REFERENCES stores,
  sale_id text NOT NULL,
  terminal_uid uuid NOT NULL REFERENCES terminals,
  training boolean NOT NULL,
  psn_no text NOT NULL,
  mulaid_id text,
  acct_fen bigint NOT NULL CHECK (acct_fen >= 0),
  quota_fen bigint NOT NULL CHECK (quota_fen >= 0),
  promised_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (store_id, sale_id)
);
CREATE INDEX offline_promises_person ON offline_promises (store_id, psn_no);
-- a person's queued offline sales at every counter, found by the person
CREATE INDEX counter_rows_offline_person ON counter_rows ((body->>'psn_no')) WHERE tbl = 'offline_sales';
`,
}
