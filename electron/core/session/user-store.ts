import type { Role } from '../../../shared/contract'
import type { Db } from '../../base/store/database'

export interface UserRow {
  id: string
  name: string
  role: Role
  active: number
  training: number
  pin_hash: string
  failed_attempts: number
  locked_until: string | null
  nhsa_opter_code: string | null
  nhsa_opter_name: string | null
}

/**
 * The `users` table, named: the session service keeps it, and the other concerns ask here for a user's
 * name (a receipt, a report, an audit line) instead of reading the table themselves.
 */
export class UserStore {
  constructor(private readonly db: Db) {}

  get(id: string): UserRow | undefined {
    return this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined
  }

  /** Users of live mode, and of training mode too when `training` is 1. */
  list(training: number): UserRow[] {
    return this.db.prepare('SELECT * FROM users WHERE training <= ? ORDER BY training, role, id').all(training) as UserRow[]
  }

  trainingUserCount(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM users WHERE training = 1').get() as { n: number }).n
  }

  insertTrainingUsers(users: readonly { id: string; name: string; role: Role; pinHash: string }[], at: string): void {
    const insert = this.db.prepare(
      'INSERT OR IGNORE INTO users (id, name, role, active, training, pin_hash, created_at, updated_at) VALUES (?, ?, ?, 1, 1, ?, ?, ?)',
    )
    for (const u of users) insert.run(u.id, u.name, u.role, u.pinHash, at, at)
  }

  /** A live user created or changed; a new PIN clears the lock, any change clears the failed count. */
  save(u: { id: string; name: string; role: Role; active: boolean; pinHash: string; pinChanged: boolean }, at: string): void {
    this.db
      .prepare(
        `INSERT INTO users (id, name, role, active, training, pin_hash, created_at, updated_at) VALUES (@id, @name, @role, @active, 0, @pin, @at, @at)
           ON CONFLICT(id) DO UPDATE SET name = @name, role = @role, active = @active, pin_hash = @pin, failed_attempts = 0,
             locked_until = CASE WHEN @pinChanged THEN NULL ELSE locked_until END, updated_at = @at`,
      )
      .run({ id: u.id, name: u.name, role: u.role, active: u.active ? 1 : 0, pin: u.pinHash, at, pinChanged: u.pinChanged ? 1 : 0 })
  }

  setFailedAttempts(id: string, failed: number, lockedUntil: string | null, at: string): void {
    this.db.prepare('UPDATE users SET failed_attempts = ?, locked_until = ?, updated_at = ? WHERE id = ?').run(failed, lockedUntil, at, id)
  }

  clearFailedAttempts(id: string, at: string): void {
    this.db.prepare('UPDATE users SET failed_attempts = 0, locked_until = NULL, updated_at = ? WHERE id = ?').run(at, id)
  }

  hasLiveManager(): boolean {
    return Boolean(this.db.prepare("SELECT 1 FROM users WHERE training = 0 AND active = 1 AND role = 'manager'").get())
  }

  /** Every user's name by id (reports name the people in them). */
  names(): Map<string, string> {
    const rows = this.db.prepare('SELECT id, name FROM users').all() as { id: string; name: string }[]
    return new Map(rows.map((r) => [r.id, r.name]))
  }
}

/** A user's name, or the id itself for one this counter does not know (a name on paper is never blank). */
export function userName(db: Db, id: string): string {
  return (db.prepare('SELECT name FROM users WHERE id = ?').get(id) as { name: string } | undefined)?.name ?? id
}
