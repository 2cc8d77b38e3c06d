// lint as: electron/store-node/store-day/example.ts
// A store-node service running its own query instead of a *-store.ts file's named function.
import type pg from 'pg'

export const closedDay = (pool: pg.Pool, storeId: string, day: string) =>
  pool.query('SELECT 1 FROM store_day_closes WHERE store_id = $1 AND day = $2', [storeId, day])
