import type { PgMigration } from './migrations'

/**
 * The manager's counters screen (store-node.md "Registry and pairing"): a counter retired or replaced keeps
 * its row and so its number (msgids of a PC that may still run offline must not collide with a new one's),
 * a re-pairing code names the blocked counter it replaces, and an alarm is acknowledged by a manager.
 */
export const registryMigration: PgMigration = {
  id: 55,
  name: 'the manager counters screen: retiring, re-pairing, acknowledging alarms',
  sql: `
ALTER TABLE terminals ADD COLUMN retired_at timestamptz;
ALTER TABLE terminals ADD COLUMN retired_reason text;
ALTER TABLE terminals ADD COLUMN replaced_by uuid REFERENCES terminals;
ALTER TABLE pairing_codes ADD COLUMN replaces uuid REFERENCES terminals;
ALTER TABLE alarms ADD COLUMN acked_at timestamptz;
ALTER TABLE alarms ADD COLUMN acked_by text;
CREATE INDEX alarms_store ON alarms (store_id, id);
`,
}
