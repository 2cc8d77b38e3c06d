import type { Pool, PoolClient } from 'pg'

/** HQ's registry tables: the chain's stores (`hq_stores`), their one-time codes (`hq_pairing_codes`) and their sources in `terminals`. */

export async function insertHqPairingCode(
  pool: Pool,
  c: { codeSha256: Buffer; storeId: string; name: string; admdvs: string; at: Date; expiresAt: Date },
): Promise<void> {
  await pool.query('INSERT INTO hq_pairing_codes (code_sha256, store_id, name, admdvs, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    c.codeSha256,
    c.storeId,
    c.name,
    c.admdvs,
    c.at,
    c.expiresAt,
  ])
}

/** Marks a live, unused code used; answers what HQ registered with it, or undefined. */
export async function spendHqPairingCode(
  client: PoolClient,
  codeSha256: Buffer,
  now: Date,
): Promise<{ store_id: string; name: string; admdvs: string } | undefined> {
  const spent = await client.query<{ store_id: string; name: string; admdvs: string }>(
    'UPDATE hq_pairing_codes SET used_at = $2 WHERE code_sha256 = $1 AND used_at IS NULL AND expires_at > $2 RETURNING store_id, name, admdvs',
    [codeSha256, now],
  )
  return spent.rows[0]
}

/** Whether the institution is already paired, its row (if any) locked until commit. */
export async function lockHqStore(client: PoolClient, storeId: string): Promise<boolean> {
  const held = await client.query('SELECT 1 FROM hq_stores WHERE store_id = $1 FOR UPDATE', [storeId])
  return Boolean(held.rowCount)
}

/** Registers the store and its own source (terminal 00, under the store's id), and notes the code's store. */
export async function insertHqStore(
  client: PoolClient,
  s: { storeUid: string; storeId: string; admdvs: string; keySha256: Buffer; codeSha256: Buffer; at: Date },
): Promise<void> {
  await client.query('INSERT INTO hq_stores (store_uid, store_id, admdvs, key_sha256, paired_at) VALUES ($1, $2, $3, $4, $5)', [
    s.storeUid,
    s.storeId,
    s.admdvs,
    s.keySha256,
    s.at,
  ])
  await client.query(
    'INSERT INTO terminals (terminal_uid, store_id, terminal_no, label, key_sha256, paired_at, hq_store_uid) VALUES ($1, $2, 0, $3, NULL, $4, $1)',
    [s.storeUid, s.storeId, '门店服务器', s.at],
  )
  await client.query('UPDATE hq_pairing_codes SET store_uid = $2 WHERE code_sha256 = $1', [s.codeSha256, s.storeUid])
}

export async function hqStoreKey(pool: Pool, storeUid: string): Promise<{ key_sha256: Buffer; store_id: string } | undefined> {
  const r = await pool.query<{ key_sha256: Buffer; store_id: string }>('SELECT key_sha256, store_id FROM hq_stores WHERE store_uid = $1', [storeUid])
  return r.rows[0]
}

/** Mirrors a source into `terminals`; false when the terminal is held for another store or under another number. */
export async function mirrorSource(
  pool: Pool,
  s: { terminalUid: string; storeId: string; terminalNo: number; label: string; pairedAt: Date; storeUid: string },
): Promise<boolean> {
  const r = await pool.query(
    `INSERT INTO terminals (terminal_uid, store_id, terminal_no, label, key_sha256, paired_at, hq_store_uid) VALUES ($1, $2, $3, $4, NULL, $5, $6)
       ON CONFLICT (terminal_uid) DO UPDATE SET label = excluded.label WHERE terminals.hq_store_uid = excluded.hq_store_uid AND terminals.terminal_no = excluded.terminal_no
       RETURNING 1`,
    [s.terminalUid, s.storeId, s.terminalNo, s.label, s.pairedAt, s.storeUid],
  )
  return r.rowCount !== 0
}

export async function touchHqStore(pool: Pool, storeUid: string, at: Date): Promise<void> {
  await pool.query('UPDATE hq_stores SET last_push_at = $2 WHERE store_uid = $1', [storeUid, at])
}

/** Raises the store's watermark to `when` if HQ holds every named source up to its seq; answers the watermark. */
export async function raiseHqReportedThrough(
  pool: Pool,
  storeUid: string,
  when: Date,
  through: readonly { terminal_uid: string; acked_seq: number }[],
): Promise<Date | null> {
  const r = await pool.query<{ reported_through: Date | null }>(
    `UPDATE hq_stores SET reported_through = CASE
         WHEN NOT EXISTS (
           SELECT 1 FROM unnest($3::uuid[], $4::bigint[]) AS g(uid, seq)
           LEFT JOIN terminals t ON t.terminal_uid = g.uid AND t.hq_store_uid = $1
           WHERE t.terminal_uid IS NULL OR t.acked_seq < g.seq)
         AND (reported_through IS NULL OR reported_through < $2) THEN $2 ELSE reported_through END
       WHERE store_uid = $1 RETURNING reported_through`,
    [storeUid, when, through.map((t) => t.terminal_uid), through.map((t) => t.acked_seq)],
  )
  return r.rows[0]?.reported_through ?? null
}
