import type { Pool } from 'pg'
import type { OfflineAdvanceAnswer, offlineAdvanceRequestSchema } from '../../../shared/contract/sync/across'
import type { z } from 'zod'
import type { Clock } from '../../base/clock'
import { inTransaction } from '../migrations'

/** How long a granted advance is held for a counter whose offline sale has not reached the store node yet. */
export const GRANT_MS = 10 * 60_000

type AdvanceRequest = z.infer<typeof offlineAdvanceRequestSchema>

/**
 * One offline advance pool for the store: the other counters' advances not yet got back, read from their synced
 * `offline_sales` rows with the counter's own rule (core/offline/queue.ts `outstandingFen`), plus what was granted
 * to them and has not arrived yet, plus what the asking counter says it holds itself. With `reserve` a grant is
 * recorded (once per sale), under the store row's lock so two counters cannot both take the last headroom.
 */
export async function offlineAdvance(pool: Pool, clock: Clock, storeId: string, terminalUid: string, r: AdvanceRequest): Promise<OfflineAdvanceAnswer> {
  const c = await pool.connect()
  try {
    return await inTransaction(c, async () => {
      await c.query('SELECT 1 FROM stores WHERE store_id = $1 FOR UPDATE', [storeId])
      const now = clock.now()
      const synced = await c.query<{ fen: string }>(
        `SELECT COALESCE(SUM(CASE WHEN s.body->>'outcome' IS NULL THEN (s.body->>'advanced_fen')::bigint
                                  WHEN s.body->>'resolution' = 'receivable' THEN -(s.body->>'due_fen')::bigint ELSE 0 END), 0) AS fen
         FROM counter_rows s JOIN terminals t ON t.terminal_uid = s.terminal_uid
         WHERE t.store_id = $1 AND s.terminal_uid <> $2 AND s.tbl = 'offline_sales' AND s.op <> 'delete'
           AND s.body->>'resolution' <> 'closed' AND s.body->>'mode' = 'advance' AND (s.body->>'training')::int = $3`,
        [storeId, terminalUid, r.training ? 1 : 0],
      )
      const held = await c.query<{ fen: string }>(
        `SELECT COALESCE(SUM(g.fen), 0) AS fen FROM offline_grants g
         WHERE g.store_id = $1 AND g.terminal_uid <> $2 AND g.training = $3 AND g.expires_at > $4
           AND NOT EXISTS (SELECT 1 FROM counter_rows s WHERE s.terminal_uid = g.terminal_uid AND s.tbl = 'offline_sales' AND s.pk = g.sale_id)`,
        [storeId, terminalUid, r.training, now],
      )
      const counters = await c.query<{ n: string }>('SELECT COUNT(*) AS n FROM terminals WHERE store_id = $1', [storeId])
      const outstanding = Number(synced.rows[0].fen) + Number(held.rows[0].fen) + r.own_outstanding_fen
      const granted = outstanding + r.advance_fen <= r.limit_fen
      if (granted && r.reserve) {
        await c.query(
          `INSERT INTO offline_grants (store_id, sale_id, terminal_uid, training, fen, granted_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (store_id, sale_id) DO UPDATE SET fen = excluded.fen, expires_at = excluded.expires_at WHERE offline_grants.terminal_uid = excluded.terminal_uid`,
          [storeId, r.sale_id, terminalUid, r.training, r.advance_fen, now, new Date(now.getTime() + GRANT_MS)],
        )
      }
      return { granted, store_outstanding_fen: outstanding, counters: Math.max(1, Number(counters.rows[0].n)) }
    })
  } finally {
    c.release()
  }
}
