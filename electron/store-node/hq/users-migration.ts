import type { PgMigration } from '../migrations'

/**
 * The head office's page (store-node.md, "The head office's page"): its staff sign in with a user id and a
 * password, not with a store's pairing key nor the node's admin token. A regional manager sees only the stores
 * whose region code starts with one of theirs.
 */
export const hqUsersMigration: PgMigration = {
  id: 40,
  name: 'the head office page: users and sessions',
  sql: `
CREATE TABLE hq_users (
  user_id text PRIMARY KEY CHECK (user_id ~ '^[A-Za-z0-9._-]{2,32}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  role text NOT NULL CHECK (role IN ('admin', 'regional')),
  -- region code prefixes (2, 4 or 6 digits: a province, a city, a district); none for an admin
  regions text[] NOT NULL DEFAULT '{}',
  -- scrypt$N$r$p$salt$hash: the password itself is never stored
  password_hash text NOT NULL,
  failed_count integer NOT NULL DEFAULT 0 CHECK (failed_count >= 0),
  locked_until timestamptz,
  created_at timestamptz NOT NULL,
  disabled_at timestamptz,
  CHECK ((role = 'admin') = (cardinality(regions) = 0))
);

-- A session is its cookie's sha256: a dump of this table signs nobody in.
CREATE TABLE hq_sessions (
  token_sha256 bytea PRIMARY KEY,
  user_id text NOT NULL REFERENCES hq_users,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  ended_at timestamptz
);
CREATE INDEX hq_sessions_user ON hq_sessions (user_id);
`,
}
