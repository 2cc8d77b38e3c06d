import pg from 'pg'

/** Where PostgreSQL is: a unix socket directory (`/run/postgresql`) or a `postgres://` URL. */
export function poolConfig(where: string, database: string): pg.PoolConfig {
  if (/^postgres(ql)?:\/\//.test(where)) return { connectionString: where, max: 8 }
  return { host: where, user: process.env.PGUSER ?? 'postgres', database, max: 8 }
}

/** Creates the store node's database on first start (a socket directory names the cluster, not the database). */
export async function ensureDatabase(where: string, database: string): Promise<void> {
  if (/^postgres(ql)?:\/\//.test(where)) return
  const admin = new pg.Client(poolConfig(where, 'postgres'))
  await admin.connect()
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`)
  } finally {
    await admin.end()
  }
}
