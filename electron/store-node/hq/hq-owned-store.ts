import type { PoolClient } from 'pg'

/** What the store's log holds from its head office, asked before a store's own change (hq-owned.ts). */

export async function linkedWithHq(db: PoolClient, storeId: string): Promise<boolean> {
  return Boolean((await db.query('SELECT 1 FROM hq_links WHERE store_id = $1', [storeId])).rowCount)
}

/** Whether HQ ever published an entry of this kind and key to the store (a user's id). */
export async function hqPublished(db: PoolClient, storeId: string, kind: string, key: string): Promise<boolean> {
  const r = await db.query("SELECT 1 FROM change_log WHERE store_id = $1 AND origin = 'hq' AND kind = $2 AND key = $3 LIMIT 1", [storeId, kind, key])
  return Boolean(r.rowCount)
}

/** HQ's price of the item in force at `at`: the latest `valid_from` not after it (the newer entry of one moment). */
export async function chainPriceAt(db: PoolClient, storeId: string, storeCode: string, at: Date): Promise<number | undefined> {
  const r = await db.query<{ price_fen: number }>(
    `SELECT (body->>'price_fen')::int AS price_fen FROM change_log
     WHERE store_id = $1 AND origin = 'hq' AND kind = 'price' AND upper(body->>'store_code') = upper($2) AND (body->>'valid_from')::timestamptz <= $3
     ORDER BY (body->>'valid_from')::timestamptz DESC, seq DESC LIMIT 1`,
    [storeId, storeCode, at],
  )
  return r.rows[0]?.price_fen
}

/**
 * The store's own prices of an item dated after `after` that still hold at their moment (no later entry of the same
 * moment replaced them): the markdowns a chain price dated before them may have to cap.
 */
export async function storePricesAfter(db: PoolClient, storeId: string, storeCode: string, after: Date): Promise<{ valid_from: string; price_fen: number }[]> {
  const r = await db.query<{ valid_from: string; price_fen: number }>(
    `SELECT body->>'valid_from' AS valid_from, (body->>'price_fen')::int AS price_fen FROM (
       SELECT DISTINCT ON (key) key, origin, body FROM change_log
       WHERE store_id = $1 AND kind = 'price' AND upper(body->>'store_code') = upper($2) AND (body->>'valid_from')::timestamptz > $3
       ORDER BY key, seq DESC) latest
     WHERE origin = 'store'`,
    [storeId, storeCode, after],
  )
  return r.rows
}
