import type { Db, Migration } from '../../base/store/database'
import { prepared } from '../../base/store/statements'

/**
 * Each user's 医保操作员 (the code and name the gateway assigned to that person), which their platform
 * messages go under. Both NULL: the user has none, and the institution's default operator stands in.
 */
export const userOperatorsMigration: Migration = {
  id: 430,
  name: 'user platform operators',
  sql: `
ALTER TABLE users ADD COLUMN nhsa_opter_code TEXT;
ALTER TABLE users ADD COLUMN nhsa_opter_name TEXT;
`,
}

export interface UserOperator {
  code: string
  name: string
}

/** The user's operator, or null when they have none (or no such user). */
export function userOperator(db: Db, userId: string): UserOperator | null {
  const row = prepared(db, 'SELECT nhsa_opter_code AS code, nhsa_opter_name AS name FROM users WHERE id = ?').get(userId) as
    { code: string | null; name: string | null } | undefined
  return row?.code ? { code: row.code, name: row.name ?? row.code } : null
}

/** Sets or clears (null) the user's operator; the caller's transaction holds it with the rest of the user. */
export function setUserOperator(db: Db, userId: string, operator: UserOperator | null): void {
  prepared(db, 'UPDATE users SET nhsa_opter_code = ?, nhsa_opter_name = ? WHERE id = ?').run(operator?.code ?? null, operator?.name ?? null, userId)
}
