import type { Db } from '../../base/store/database'
import type { Migration } from '../../base/store/database'
import { prepared } from '../../base/store/statements'

/**
 * How many counters the store had when the store node last answered, so a counter cut off from it keeps its
 * fixed share of the store's offline advance limit (limit ÷ counters) across restarts.
 */
export const offlinePoolMigration: Migration = {
  id: 411,
  name: 'across counters: the offline advance share',
  sql: `
CREATE TABLE offline_pool_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  counters INTEGER NOT NULL CHECK (counters > 0),
  updated_at TEXT NOT NULL
) STRICT;
`,
}

export function knownCounters(db: Db): number | null {
  const r = prepared(db, 'SELECT counters FROM offline_pool_state WHERE id = 1').get() as { counters: number } | undefined
  return r?.counters ?? null
}

export function rememberCounters(db: Db, counters: number, at: string): void {
  prepared(
    db,
    'INSERT INTO offline_pool_state (id, counters, updated_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET counters = excluded.counters, updated_at = excluded.updated_at',
  ).run(counters, at)
}
