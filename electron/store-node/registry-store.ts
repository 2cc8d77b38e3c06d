import type { Pool, PoolClient } from 'pg'

/** The registry's tables: institutions (`stores`), one-time codes (`pairing_codes`) and counters (`terminals`). */

export async function upsertStore(pool: Pool | PoolClient, storeId: string, name: string, at: Date): Promise<void> {
  await pool.query('INSERT INTO stores (store_id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT (store_id) DO UPDATE SET name = excluded.name', [
    storeId,
    name,
    at,
  ])
}

/** Keeps a code's hash for a known institution; false when the institution is not registered. */
export async function insertPairingCode(pool: Pool, codeSha256: Buffer, storeId: string, label: string, at: Date, expiresAt: Date): Promise<boolean> {
  const r = await pool.query(
    'INSERT INTO pairing_codes (code_sha256, store_id, label, created_at, expires_at) SELECT $1, store_id, $3, $4, $5 FROM stores WHERE store_id = $2',
    [codeSha256, storeId, label, at, expiresAt],
  )
  return r.rowCount !== 0
}

/** Marks a live, unused code used; answers its institution and label, or undefined. */
export async function spendPairingCode(client: PoolClient, codeSha256: Buffer, now: Date): Promise<{ store_id: string; label: string } | undefined> {
  const spent = await client.query<{ store_id: string; label: string }>(
    'UPDATE pairing_codes SET used_at = $2 WHERE code_sha256 = $1 AND used_at IS NULL AND expires_at > $2 RETURNING store_id, label',
    [codeSha256, now],
  )
  return spent.rowCount === 0 ? undefined : spent.rows[0]
}

/** Locks the institution's row until commit, so counters pairing at once are numbered one after the other. */
export async function lockStore(client: PoolClient, storeId: string): Promise<void> {
  await client.query('SELECT 1 FROM stores WHERE store_id = $1 FOR UPDATE', [storeId])
}

/** The institution's lowest free terminal number (1–99), or undefined when all are taken. */
export async function lowestFreeTerminalNo(client: PoolClient, storeId: string): Promise<number | undefined> {
  const free = await client.query<{ n: number }>(
    'SELECT n FROM generate_series(1, 99) AS n WHERE NOT EXISTS (SELECT 1 FROM terminals WHERE store_id = $1 AND terminal_no = n) ORDER BY n LIMIT 1',
    [storeId],
  )
  return free.rowCount === 0 ? undefined : free.rows[0].n
}

export async function insertTerminal(
  client: PoolClient,
  t: { terminalUid: string; storeId: string; terminalNo: number; label: string; keySha256: Buffer; at: Date },
): Promise<void> {
  await client.query('INSERT INTO terminals (terminal_uid, store_id, terminal_no, label, key_sha256, paired_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    t.terminalUid,
    t.storeId,
    t.terminalNo,
    t.label,
    t.keySha256,
    t.at,
  ])
}

/** Notes which counter a spent code paired. */
export async function tiePairingCode(client: PoolClient, codeSha256: Buffer, terminalUid: string): Promise<void> {
  await client.query('UPDATE pairing_codes SET terminal_uid = $2 WHERE code_sha256 = $1', [codeSha256, terminalUid])
}

export async function storeOfTerminal(pool: Pool, terminalUid: string): Promise<string | undefined> {
  const r = await pool.query<{ store_id: string }>('SELECT store_id FROM terminals WHERE terminal_uid = $1', [terminalUid])
  return r.rows[0]?.store_id
}

export async function terminalKeyHash(pool: Pool, terminalUid: string): Promise<Buffer | undefined> {
  const r = await pool.query<{ key_sha256: Buffer }>('SELECT key_sha256 FROM terminals WHERE terminal_uid = $1', [terminalUid])
  return r.rows[0]?.key_sha256
}
