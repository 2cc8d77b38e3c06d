import type { PgMigration } from '../migrations'

/**
 * The chain (store-node.md §5.8), in both roles: one schema serves a store node and an HQ node, and the
 * role decides which routes answer. A store node keeps its link to HQ and an outbox of its own facts; HQ
 * keeps its stores and mirrors each store's counters into `terminals` (no key: they never call HQ), so the
 * store node's ingestion and its day read (`store-day/items.ts`) run at HQ unchanged.
 */
export const hqMigration: PgMigration = {
  id: 30,
  name: 'the chain: HQ link, store outbox, HQ registry',
  sql: `
-- At HQ a store's counters are mirrored without a key (they never call HQ), and the store node's own
-- facts arrive as terminal 00 of its store. A counter of a store node always has a key and 1–99.
ALTER TABLE terminals ALTER COLUMN key_sha256 DROP NOT NULL;
ALTER TABLE terminals DROP CONSTRAINT terminals_terminal_no_check;
ALTER TABLE terminals ADD CONSTRAINT terminals_terminal_no_check
  CHECK ((terminal_no BETWEEN 1 AND 99 AND key_sha256 IS NOT NULL) OR (terminal_no BETWEEN 0 AND 99 AND key_sha256 IS NULL));

-- Store role: how far HQ holds each counter's rows (contiguous, the counter's own seq).
ALTER TABLE terminals ADD COLUMN hq_acked_seq bigint NOT NULL DEFAULT 0 CHECK (hq_acked_seq >= 0);

-- Store role: an institution's registration with its head office. The key is sealed with the node's seal key.
CREATE TABLE hq_links (
  store_id text PRIMARY KEY REFERENCES stores,
  hq_url text NOT NULL,
  store_uid uuid NOT NULL,
  admdvs text NOT NULL,
  pairing_key_sealed text NOT NULL,
  paired_at timestamptz NOT NULL,
  -- the last seq of the store's own outbox, and how far HQ holds it
  own_seq bigint NOT NULL DEFAULT 0,
  own_acked_seq bigint NOT NULL DEFAULT 0,
  last_push_at timestamptz,
  reported_through timestamptz,
  last_error text
);

-- Store role: the store node's own facts for HQ, appended by triggers in the same transaction as the change.
-- The seq comes from the store's hq_links row, locked until commit, so seqs become visible in order and a
-- cursor never skips one.
CREATE TABLE hq_outbox (
  store_id text NOT NULL REFERENCES hq_links,
  seq bigint NOT NULL CHECK (seq > 0),
  tbl text NOT NULL,
  pk text NOT NULL,
  op text NOT NULL,
  body jsonb NOT NULL,
  PRIMARY KEY (store_id, seq)
);

CREATE FUNCTION hq_outbox_append() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  sid text;
  k text;
  s bigint;
BEGIN
  IF TG_TABLE_NAME = 'store_recon_differences' THEN
    SELECT store_id INTO sid FROM store_recon_runs WHERE id = NEW.run_id;
    k := NEW.run_id || '|' || NEW.seq;
  ELSIF TG_TABLE_NAME = 'store_day_closes' THEN
    sid := NEW.store_id;
    k := NEW.day || '|' || NEW.part;
  ELSE
    sid := NEW.store_id;
    k := NEW.id::text;
  END IF;
  UPDATE hq_links SET own_seq = own_seq + 1 WHERE store_id = sid RETURNING own_seq INTO s;
  IF FOUND THEN
    INSERT INTO hq_outbox (store_id, seq, tbl, pk, op, body) VALUES (sid, s, TG_TABLE_NAME, k, lower(TG_OP), to_jsonb(NEW));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER hq_outbox_runs AFTER INSERT OR UPDATE ON store_recon_runs FOR EACH ROW EXECUTE FUNCTION hq_outbox_append();
CREATE TRIGGER hq_outbox_differences AFTER INSERT OR UPDATE ON store_recon_differences FOR EACH ROW EXECUTE FUNCTION hq_outbox_append();
CREATE TRIGGER hq_outbox_entries AFTER INSERT OR UPDATE ON store_recon_entries FOR EACH ROW EXECUTE FUNCTION hq_outbox_append();
CREATE TRIGGER hq_outbox_closes AFTER INSERT ON store_day_closes FOR EACH ROW EXECUTE FUNCTION hq_outbox_append();

-- HQ role: the chain's stores. store_uid is HQ's id for the store (and its facts' terminal 00); the key is a hash.
CREATE TABLE hq_stores (
  store_uid uuid PRIMARY KEY,
  store_id text NOT NULL UNIQUE REFERENCES stores,
  admdvs text NOT NULL CHECK (admdvs ~ '^[0-9]{6}$'),
  key_sha256 bytea NOT NULL,
  paired_at timestamptz NOT NULL,
  last_push_at timestamptz,
  -- HQ's time up to which the store reported having nothing unsent: the board's watermark
  reported_through timestamptz
);

CREATE TABLE hq_pairing_codes (
  code_sha256 bytea PRIMARY KEY,
  store_id text NOT NULL,
  name text NOT NULL,
  admdvs text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  store_uid uuid
);

-- HQ role: which store a mirrored terminal came from; a terminal is never taken from another store.
ALTER TABLE terminals ADD COLUMN hq_store_uid uuid REFERENCES hq_stores;
`,
}
