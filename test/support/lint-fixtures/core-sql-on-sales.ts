// lint as: electron/core/manager/example.ts
// A concern asking the money tables itself instead of through the ledger's named queries.
import type { Db } from '../../base/store/database'

export const unresolved = (db: Db) => db.prepare(`SELECT COUNT(*) AS n FROM sales WHERE state = 'settling'`).get()
