export default {
  id: 40,
  name: 'users',
  sql: `
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('cashier', 'receptionist', 'manager')),
  active INTEGER NOT NULL CHECK (active IN (0, 1)),
  training INTEGER NOT NULL CHECK (training IN (0, 1)),
  -- scrypt$N$r$p$salt$hash: the PIN itself is never stored
  pin_hash TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
`,
}
