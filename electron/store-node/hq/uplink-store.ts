import type { Pool } from 'pg'

/** The store's links to its head office (`hq_links`). */

/** Whether the store is paired with a head office at all (its uplink then pushes from start-up). */
export async function anyHqLink(pool: Pool): Promise<boolean> {
  return Boolean((await pool.query('SELECT 1 FROM hq_links LIMIT 1')).rowCount)
}
