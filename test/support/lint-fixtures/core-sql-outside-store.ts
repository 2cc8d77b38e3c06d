// lint as: electron/core/manager/example.ts
// A service compiling its own statements instead of calling its concern's store; RegExp's exec is no SQL.
import type { Db } from '../../base/store/database'
import { prepared } from '../../base/store/statements'

export const closed = (db: Db, day: string) => db.prepare('SELECT 1 FROM day_closes WHERE day = ?').get(day) !== undefined
export const runs = (db: Db, day: string) => prepared(db, 'SELECT id FROM recon_runs WHERE day = ?').all(day)
export const dayOf = (text: string) => /^(\d{4}-\d{2}-\d{2})/.exec(text)?.[1]
