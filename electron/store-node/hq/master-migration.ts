import type { PgMigration } from '../migrations'

/**
 * Master data from the head office down (store-node.md "Master data from HQ"), in both roles. At HQ the chain's
 * own entries live in the same `change_log` a store keeps for its counters, with no store (`store_id` NULL: the
 * whole chain); at a store an entry copied from HQ keeps HQ's seq (`hq_seq`, once per store, so a replay adds
 * nothing) and says where it came from (`origin`), so a counter can show it as 总部下发.
 */
export const hqMasterMigration: PgMigration = {
  id: 45,
  name: 'the chain: master data from HQ',
  sql: `
ALTER TABLE change_log ALTER COLUMN store_id DROP NOT NULL;
ALTER TABLE change_log ADD COLUMN origin text NOT NULL DEFAULT 'store' CHECK (origin IN ('store', 'hq'));
ALTER TABLE change_log ADD COLUMN hq_seq bigint CHECK (hq_seq > 0);
-- An entry without a store is HQ's chain-wide one, never a store's own.
ALTER TABLE change_log ADD CONSTRAINT change_log_chain_entry CHECK (store_id IS NOT NULL OR origin = 'hq');
CREATE UNIQUE INDEX change_log_from_hq ON change_log (store_id, hq_seq) WHERE hq_seq IS NOT NULL;
CREATE INDEX change_log_chain ON change_log (seq) WHERE store_id IS NULL;
-- Asking "did HQ publish this user, this price" is a lookup, not a scan of the store's log.
CREATE INDEX change_log_hq_owned ON change_log (store_id, kind, key) WHERE origin = 'hq';

-- A chain catalog generation's file at HQ belongs to no store.
ALTER TABLE catalog_files ALTER COLUMN store_id DROP NOT NULL;

-- Store role: how far the store has copied HQ's log (HQ's seq), and how its last pull went.
ALTER TABLE hq_links ADD COLUMN master_cursor bigint NOT NULL DEFAULT 0 CHECK (master_cursor >= 0);
ALTER TABLE hq_links ADD COLUMN master_pulled_at timestamptz;

-- HQ role: how far each store has asked for the chain's log (its cursor as it last pulled), for the head office's page.
ALTER TABLE hq_stores ADD COLUMN master_cursor bigint NOT NULL DEFAULT 0 CHECK (master_cursor >= 0);
ALTER TABLE hq_stores ADD COLUMN master_pulled_at timestamptz;
`,
}
