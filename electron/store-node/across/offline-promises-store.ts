import type { Pool } from 'pg'
import type { z } from 'zod'
import type { OfflinePromisesAnswer, offlinePromisesRequestSchema } from '../../../shared/contract/sync/across'
import type { Clock } from '../../base/clock'
import { inTransaction } from '../migrations'
import { GRANT_MS } from './offline-pool-store'

type PromisesRequest = z.infer<typeof offlinePromisesRequestSchema>

/**
 * What the store's other counters promised this person offline: the own account and the relative's quota of
 * their queued sales the platform has not answered yet (the counter's own rule, core/offline/queue-store.ts
 * `promised`, over their synced `offline_sales` rows), plus what was held for them here whose sale has not
 * arrived yet. A forwarded and answered sale (outcome set) no longer counts; a hold lapses with the advance
 * pool's grants. With `hold`, this sale's promise is recorded, under the person's lock, only if the others'
 * are still what the asking counter's estimate counted: two counters can never both take the same quota.
 */
export async function offlinePromises(pool: Pool, clock: Clock, storeId: string, terminalUid: string, r: PromisesRequest): Promise<OfflinePromisesAnswer> {
  const c = await pool.connect()
  try {
    return await inTransaction(c, async () => {
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [storeId, r.psn_no])
      const now = clock.now()
      const others = await c.query<{ acct: string; quota: string }>(
        `WITH promised AS (
           SELECT (s.body->>'acct_fen')::bigint AS acct, CASE WHEN s.body->>'mulaid_id' = $4 THEN (s.body->>'mulaid_fen')::bigint ELSE 0 END AS quota
           FROM counter_rows s JOIN terminals t ON t.terminal_uid = s.terminal_uid
           WHERE t.store_id = $1 AND s.terminal_uid <> $2 AND s.tbl = 'offline_sales' AND s.op <> 'delete' AND s.body->>'psn_no' = $3
             AND s.body->>'outcome' IS NULL AND (s.body->>'training')::int = $5
           UNION ALL
           SELECT p.acct_fen, CASE WHEN p.mulaid_id = $4 THEN p.quota_fen ELSE 0 END
           FROM offline_promises p
           WHERE p.store_id = $1 AND p.terminal_uid <> $2 AND p.psn_no = $3 AND p.training = $6 AND p.expires_at > $7
             AND NOT EXISTS (SELECT 1 FROM counter_rows s WHERE s.terminal_uid = p.terminal_uid AND s.tbl = 'offline_sales' AND s.pk = p.sale_id))
         SELECT COALESCE(SUM(acct), 0) AS acct, COALESCE(SUM(quota), 0) AS quota FROM promised`,
        [storeId, terminalUid, r.psn_no, r.mulaid_id, r.training ? 1 : 0, r.training, now],
      )
      const acct = Number(others.rows[0].acct)
      const quota = Number(others.rows[0].quota)
      const held = r.hold !== null && acct <= r.hold.counted.acct_fen && quota <= r.hold.counted.quota_fen
      if (held && r.hold) {
        await c.query(
          `INSERT INTO offline_promises (store_id, sale_id, terminal_uid, training, psn_no, mulaid_id, acct_fen, quota_fen, promised_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           ON CONFLICT (store_id, sale_id) DO UPDATE SET acct_fen = excluded.acct_fen, quota_fen = excluded.quota_fen, expires_at = excluded.expires_at
           WHERE offline_promises.terminal_uid = excluded.terminal_uid`,
          [storeId, r.sale_id, terminalUid, r.training, r.psn_no, r.mulaid_id, r.hold.acct_fen, r.hold.quota_fen, now, new Date(now.getTime() + GRANT_MS)],
        )
      }
      const counters = await c.query<{ n: string }>('SELECT COUNT(*) AS n FROM terminals WHERE store_id = $1', [storeId])
      return { acct_fen: acct, quota_fen: quota, held, counters: Math.max(1, Number(counters.rows[0].n)) }
    })
  } finally {
    c.release()
  }
}
