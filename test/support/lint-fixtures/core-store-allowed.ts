// lint as: electron/core/manager/example-store.ts
// A concern's store: the one file its statements are written in.
import type { Db } from '../../base/store/database'
import { prepared } from '../../base/store/statements'

export const closed = (db: Db, day: string) => db.prepare('SELECT 1 FROM day_closes WHERE day = ?').get(day) !== undefined
export const runs = (db: Db, day: string) => prepared(db, 'SELECT id FROM recon_runs WHERE day = ?').all(day)
