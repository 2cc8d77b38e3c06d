import { randomBytes } from 'node:crypto'
import type { Pool } from 'pg'

/**
 * Member snapshots shared within the store (issue 15, across counters): offline identity for a customer any
 * counter of the store saw online. The store node hands its paired counters one HMAC key, so they all key a
 * customer alike without the ID number ever leaving a counter; it keeps the newest snapshot per key. Store-local
 * personal data: not a counter row, so never in what goes up to HQ.
 */
export async function snapshotKey(pool: Pool, storeId: string): Promise<string> {
  await pool.query('INSERT INTO store_snapshot_keys (store_id, key) VALUES ($1, $2) ON CONFLICT (store_id) DO NOTHING', [storeId, randomBytes(32)])
  const r = await pool.query<{ key: Buffer }>('SELECT key FROM store_snapshot_keys WHERE store_id = $1', [storeId])
  return r.rows[0].key.toString('base64')
}

export async function putSnapshot(
  pool: Pool,
  storeId: string,
  s: { cert_hash: string; psn_no: string; snapshot: Record<string, unknown>; seen_at: string },
): Promise<{ kept: boolean }> {
  const r = await pool.query(
    `INSERT INTO member_snapshots (store_id, cert_hash, psn_no, snapshot, seen_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (store_id, cert_hash) DO UPDATE SET psn_no = excluded.psn_no, snapshot = excluded.snapshot, seen_at = excluded.seen_at
     WHERE member_snapshots.seen_at < excluded.seen_at`,
    [storeId, s.cert_hash, s.psn_no, JSON.stringify(s.snapshot), s.seen_at],
  )
  return { kept: (r.rowCount ?? 0) > 0 }
}

export async function getSnapshot(pool: Pool, storeId: string, certHash: string): Promise<{ snapshot: Record<string, unknown>; seen_at: string } | null> {
  const r = await pool.query<{ snapshot: Record<string, unknown>; seen_at: Date }>(
    'SELECT snapshot, seen_at FROM member_snapshots WHERE store_id = $1 AND cert_hash = $2',
    [storeId, certHash],
  )
  const row = r.rows[0]
  return row ? { snapshot: row.snapshot, seen_at: row.seen_at.toISOString() } : null
}
