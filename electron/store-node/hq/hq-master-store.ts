import type { Pool, PoolClient } from 'pg'

/** The SQL of master data from HQ: the store's cursor of HQ's log (store role); what HQ keeps of its stores' pulls (HQ role). */

/** Store role: the cursor moves in the transaction that copied HQ's entry, and only forward. */
export async function advanceMasterCursor(client: PoolClient, storeId: string, hqSeq: number): Promise<void> {
  await client.query('UPDATE hq_links SET master_cursor = greatest(master_cursor, $2) WHERE store_id = $1', [storeId, hqSeq])
}

export async function masterPulled(pool: Pool, storeId: string, at: Date): Promise<void> {
  await pool.query('UPDATE hq_links SET master_pulled_at = $2 WHERE store_id = $1', [storeId, at])
}

/** HQ role: a store asking for entries after `after` holds every one up to it. */
export async function recordStorePull(pool: Pool, storeUid: string, after: number, at: Date): Promise<void> {
  await pool.query('UPDATE hq_stores SET master_cursor = greatest(master_cursor, $2), master_pulled_at = $3 WHERE store_uid = $1', [storeUid, after, at])
}

/** HQ role: the newest chain entry of this user, to keep its PIN hash and operator when an edit leaves them out. */
export async function lastChainUser(pool: Pool, id: string): Promise<{ pin_hash: string; nhsa_opter?: { code: string; name: string } | null } | undefined> {
  const r = await pool.query<{ body: { pin_hash: string; nhsa_opter?: { code: string; name: string } | null } }>(
    "SELECT body FROM change_log WHERE store_id IS NULL AND kind = 'user' AND key = $1 ORDER BY seq DESC LIMIT 1",
    [id],
  )
  return r.rows[0]?.body
}

export async function storePulls(pool: Pool): Promise<{ store_id: string; name: string; master_cursor: string; master_pulled_at: Date | null }[]> {
  const r = await pool.query<{ store_id: string; name: string; master_cursor: string; master_pulled_at: Date | null }>(
    'SELECT h.store_id, s.name, h.master_cursor, h.master_pulled_at FROM hq_stores h JOIN stores s ON s.store_id = h.store_id ORDER BY h.store_id',
  )
  return r.rows
}
