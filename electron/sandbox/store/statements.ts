import type { Statement } from 'better-sqlite3'
import type { Db } from '../../core/store/database'

const caches = new WeakMap<Db, Map<string, Statement>>()

/** Prepares each SQL text once per database: compiling is most of the cost of a small query. */
export function prepared(db: Db, sql: string): Statement {
  let cache = caches.get(db)
  if (!cache) {
    cache = new Map()
    caches.set(db, cache)
  }
  let stmt = cache.get(sql)
  if (!stmt) {
    stmt = db.prepare(sql)
    cache.set(sql, stmt)
  }
  return stmt
}
