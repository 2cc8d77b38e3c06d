import type { Pool } from 'pg'
import type { ChainStore } from './reports'

/** The chain's stores (all, or those named), with their names and regions. */
export async function chainStores(pool: Pool, storeIds?: readonly string[]): Promise<ChainStore[]> {
  const r = await pool.query<ChainStore>(
    `SELECT h.store_id AS "storeId", s.name, h.admdvs FROM hq_stores h JOIN stores s ON s.store_id = h.store_id
     WHERE $1::text[] IS NULL OR h.store_id = ANY($1) ORDER BY h.store_id`,
    [storeIds ?? null],
  )
  return r.rows
}
