import type { Pool, PoolClient } from 'pg'

/** The head office page's tables: its users (`hq_users`) and their sessions (`hq_sessions`). */

export interface HqUserRow {
  user_id: string
  name: string
  role: 'admin' | 'regional'
  regions: string[]
  password_hash: string
  failed_count: number
  locked_until: Date | null
  disabled_at: Date | null
}

/** Inserts a user; false when the id is taken (nothing changed). */
export async function insertHqUser(
  pool: Pool,
  u: { userId: string; name: string; role: 'admin' | 'regional'; regions: readonly string[]; passwordHash: string; at: Date },
): Promise<boolean> {
  const r = await pool.query(
    `INSERT INTO hq_users (user_id, name, role, regions, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (user_id) DO NOTHING`,
    [u.userId, u.name, u.role, u.regions, u.passwordHash, u.at],
  )
  return r.rowCount === 1
}

/** The user's row, locked for this transaction: the try is counted under the lock. */
export async function lockHqUser(client: PoolClient, userId: string): Promise<HqUserRow | undefined> {
  const r = await client.query<HqUserRow>('SELECT * FROM hq_users WHERE user_id = $1 FOR UPDATE', [userId])
  return r.rows[0]
}

export async function setHqFailedCount(client: PoolClient, userId: string, failed: number, lockedUntil: Date | null): Promise<void> {
  await client.query('UPDATE hq_users SET failed_count = $2, locked_until = $3 WHERE user_id = $1', [userId, failed, lockedUntil])
}

export async function clearHqFailedCount(pool: Pool, userId: string): Promise<void> {
  await pool.query('UPDATE hq_users SET failed_count = 0, locked_until = NULL WHERE user_id = $1', [userId])
}

export async function insertHqSession(pool: Pool, tokenSha256: Buffer, userId: string, at: Date): Promise<void> {
  await pool.query('INSERT INTO hq_sessions (token_sha256, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)', [tokenSha256, userId, at])
}

/**
 * Touches a live session (not ended, seen within `idleMs`, started within `maxMs`, its user not disabled) and
 * answers its user; undefined for anything else.
 */
export async function touchHqSession(pool: Pool, tokenSha256: Buffer, now: Date, idleMs: number, maxMs: number): Promise<HqUserRow | undefined> {
  const r = await pool.query<HqUserRow>(
    `WITH s AS (
       UPDATE hq_sessions SET last_seen_at = $2
       WHERE token_sha256 = $1 AND ended_at IS NULL
         AND last_seen_at > $2::timestamptz - make_interval(secs => $3::double precision / 1000)
         AND created_at > $2::timestamptz - make_interval(secs => $4::double precision / 1000)
       RETURNING user_id)
     SELECT u.* FROM s JOIN hq_users u ON u.user_id = s.user_id WHERE u.disabled_at IS NULL`,
    [tokenSha256, now, idleMs, maxMs],
  )
  return r.rows[0]
}

export async function endHqSession(pool: Pool, tokenSha256: Buffer, now: Date): Promise<void> {
  await pool.query('UPDATE hq_sessions SET ended_at = $2 WHERE token_sha256 = $1 AND ended_at IS NULL', [tokenSha256, now])
}
