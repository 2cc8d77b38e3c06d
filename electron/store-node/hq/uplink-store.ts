import type { Pool, PoolClient } from 'pg'

/** The store's links to its head office (`hq_links`). */

/** Whether the store is paired with a head office at all (its uplink then pushes from start-up). */
export async function anyHqLink(pool: Pool): Promise<boolean> {
  return Boolean((await pool.query('SELECT 1 FROM hq_links LIMIT 1')).rowCount)
}

export interface LinkRow {
  store_id: string
  hq_url: string
  store_uid: string
  pairing_key_sealed: string
  paired_at: Date
  own_seq: string
  own_acked_seq: string
  /** How far the store has copied HQ's master-data log (HQ's seq). */
  master_cursor: string
}

/** A row as HQ is sent it: the body as text, its seq as PostgreSQL gives a bigint. */
export interface RowToForward {
  seq: string
  tbl: string
  pk: string
  op: string
  body: string
}

export async function isLinked(pool: Pool, storeId: string): Promise<boolean> {
  const held = await pool.query('SELECT 1 FROM hq_links WHERE store_id = $1', [storeId])
  return Boolean(held.rowCount)
}

export async function isKnownStore(pool: Pool, storeId: string): Promise<boolean> {
  const known = await pool.query('SELECT 1 FROM stores WHERE store_id = $1', [storeId])
  return Boolean(known.rowCount)
}

export async function insertLink(
  client: PoolClient,
  l: { storeId: string; hqUrl: string; storeUid: string; admdvs: string; pairingKeySealed: string; at: Date },
): Promise<void> {
  await client.query('INSERT INTO hq_links (store_id, hq_url, store_uid, admdvs, pairing_key_sealed, paired_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    l.storeId,
    l.hqUrl,
    l.storeUid,
    l.admdvs,
    l.pairingKeySealed,
    l.at,
  ])
}

/**
 * What the store already holds of its own goes first into its outbox to HQ, oldest first, as the
 * triggers would have written it; the link's own seq then counts them. In the linking transaction.
 */
export async function queueStoreFactsSoFar(client: PoolClient, storeId: string): Promise<void> {
  const n = await client.query(
    `INSERT INTO hq_outbox (store_id, seq, tbl, pk, op, body)
           SELECT $1, row_number() OVER (ORDER BY ord, k1, k2), tbl, pk, 'insert', body FROM (
             SELECT 1 AS ord, r.id AS k1, 0 AS k2, 'store_recon_runs' AS tbl, r.id::text AS pk, to_jsonb(r) AS body FROM store_recon_runs r WHERE r.store_id = $1
             UNION ALL SELECT 2, d.run_id, d.seq, 'store_recon_differences', d.run_id || '|' || d.seq, to_jsonb(d)
               FROM store_recon_differences d JOIN store_recon_runs r ON r.id = d.run_id WHERE r.store_id = $1
             UNION ALL SELECT 3, e.id, 0, 'store_recon_entries', e.id::text, to_jsonb(e) FROM store_recon_entries e WHERE e.store_id = $1
             UNION ALL SELECT 4, extract(epoch FROM c.day)::bigint, c.part, 'store_day_closes', c.day || '|' || c.part, to_jsonb(c) FROM store_day_closes c WHERE c.store_id = $1
           ) x`,
    [storeId],
  )
  await client.query('UPDATE hq_links SET own_seq = $2 WHERE store_id = $1', [storeId, n.rowCount ?? 0])
}

/** Each link with how many rows wait to go up (the store's own and its counters'). */
export async function linkStatusRows(pool: Pool) {
  const r = await pool.query<{
    store_id: string
    hq_url: string
    store_uid: string
    paired_at: Date
    last_push_at: Date | null
    reported_through: Date | null
    last_error: string | null
    waiting: string
    master_cursor: string
    master_pulled_at: Date | null
  }>(
    `SELECT l.store_id, l.hq_url, l.store_uid, l.paired_at, l.last_push_at, l.reported_through, l.last_error, l.master_cursor, l.master_pulled_at,
              (l.own_seq - l.own_acked_seq) + coalesce((SELECT sum(t.acked_seq - t.hq_acked_seq) FROM terminals t WHERE t.store_id = l.store_id), 0) AS waiting
       FROM hq_links l ORDER BY l.store_id`,
  )
  return r.rows
}

export async function links(pool: Pool): Promise<LinkRow[]> {
  return (await pool.query<LinkRow>('SELECT store_id, hq_url, store_uid, pairing_key_sealed, paired_at, own_seq, own_acked_seq, master_cursor FROM hq_links'))
    .rows
}

export async function setLastError(pool: Pool, storeId: string, error: string | null): Promise<void> {
  if (error === null) await pool.query('UPDATE hq_links SET last_error = NULL WHERE store_id = $1', [storeId])
  else await pool.query('UPDATE hq_links SET last_error = $2 WHERE store_id = $1', [storeId, error])
}

/** The store's own outbox rows after `after`, oldest first. */
export async function ownRowsAfter(pool: Pool, storeId: string, after: number, limit: number): Promise<RowToForward[]> {
  const r = await pool.query<RowToForward>(
    'SELECT seq, tbl, pk, op, body::text AS body FROM hq_outbox WHERE store_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
    [storeId, after, limit],
  )
  return r.rows
}

export async function setOwnAcked(pool: Pool, storeId: string, acked: number, at: Date): Promise<void> {
  await pool.query('UPDATE hq_links SET own_acked_seq = $2, last_push_at = $3 WHERE store_id = $1', [storeId, acked, at])
}

/** The store's counters with what the store holds of each and what HQ has acknowledged. */
export async function terminalsToForward(pool: Pool, storeId: string) {
  const terminals = await pool.query<{
    terminal_uid: string
    terminal_no: number
    label: string
    paired_at: Date
    acked_seq: string
    hq_acked_seq: string
  }>('SELECT terminal_uid, terminal_no, label, paired_at, acked_seq, hq_acked_seq FROM terminals WHERE store_id = $1 ORDER BY terminal_no', [storeId])
  return terminals.rows
}

/** A counter's journal rows in (after, through], oldest first. */
export async function terminalRowsBetween(pool: Pool, terminalUid: string, after: number, through: number, limit: number): Promise<RowToForward[]> {
  const r = await pool.query<RowToForward>(
    'SELECT seq, tbl, pk, op, body::text AS body FROM journal_events WHERE terminal_uid = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4',
    [terminalUid, after, through, limit],
  )
  return r.rows
}

/** What HQ acknowledged of a counter, and when the store last pushed. */
export async function setTerminalHqAcked(pool: Pool, storeId: string, terminalUid: string, acked: number, at: Date): Promise<void> {
  await pool.query('UPDATE terminals SET hq_acked_seq = $2 WHERE terminal_uid = $1', [terminalUid, acked])
  await pool.query('UPDATE hq_links SET last_push_at = $2 WHERE store_id = $1', [storeId, at])
}

export async function setReportedThrough(pool: Pool, storeId: string, at: Date): Promise<void> {
  await pool.query('UPDATE hq_links SET reported_through = $2 WHERE store_id = $1', [storeId, at])
}
