import type { Pool } from 'pg'
import type { SoldTraceCode } from '../../../shared/contract/sync/across'

/**
 * Box codes (追溯码) a counter of the store has sold and not taken back: on a line of a sale past its draft
 * that was neither voided nor refunded (at its own counter or, by lease, at another). A refunding counter's
 * copy of the sale is refunded, so it never counts. A practice sale's box is only ever sold in practice:
 * training and live sales are kept apart.
 */
export async function soldInStore(pool: Pool, storeId: string, codes: string[], training: boolean): Promise<SoldTraceCode[]> {
  const r = await pool.query<{ code: string; sale_id: string; terminal_no: number }>(
    `SELECT c.code, s.pk AS sale_id, t.terminal_no
     FROM counter_rows l
     JOIN terminals t ON t.terminal_uid = l.terminal_uid
     JOIN counter_rows s ON s.terminal_uid = l.terminal_uid AND s.tbl = 'sales' AND s.pk = l.body->>'sale_id' AND s.op <> 'delete'
     LEFT JOIN sale_leases sl ON sl.store_id = t.store_id AND sl.sale_id = s.pk
     CROSS JOIN LATERAL jsonb_array_elements_text((l.body->>'trace_codes')::jsonb) AS c(code)
     WHERE t.store_id = $1 AND l.tbl = 'sale_lines' AND l.op <> 'delete'
       AND (l.body->>'trace_codes')::jsonb ?| $2::text[] AND c.code = ANY($2::text[])
       AND s.body->>'state' NOT IN ('draft', 'presettled', 'voided', 'refunded') AND sl.refunded_at IS NULL
       AND s.body->>'training' = $3`,
    [storeId, codes, training ? '1' : '0'],
  )
  return r.rows
}
