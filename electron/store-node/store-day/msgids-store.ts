import type { PoolClient } from 'pg'

/** The last msgid issued under terminal 00 per institution (`store_msgids`), read and kept in the caller's transaction. */

/** Reads the last one issued, the row locked until commit (created first: FOR UPDATE locks no row that is not there). */
export async function lockLastMsgid(client: PoolClient, storeId: string): Promise<{ second: number; counter: number } | undefined> {
  await client.query('INSERT INTO store_msgids (store_id, second, counter) VALUES ($1, 0, 0) ON CONFLICT (store_id) DO NOTHING', [storeId])
  const r = await client.query<{ second: string; counter: number }>('SELECT second, counter FROM store_msgids WHERE store_id = $1 FOR UPDATE', [storeId])
  return r.rows[0] ? { second: Number(r.rows[0].second), counter: r.rows[0].counter } : undefined
}

export async function saveLastMsgid(client: PoolClient, storeId: string, last: { second: number; counter: number }): Promise<void> {
  await client.query(
    'INSERT INTO store_msgids (store_id, second, counter) VALUES ($1, $2, $3) ON CONFLICT (store_id) DO UPDATE SET second = excluded.second, counter = excluded.counter',
    [storeId, last.second, last.counter],
  )
}
