import type { Pool, PoolClient } from 'pg'

/** The counters' completeness watermarks (`terminals.reported_through`). */

export interface TerminalRow {
  terminal_no: number
  label: string
  reported_through: Date | null
  blocked_at: Date | null
}

export async function terminalsOfStore(db: Pool | PoolClient, storeId: string): Promise<TerminalRow[]> {
  const r = await db.query<TerminalRow>(
    'SELECT terminal_no, label, reported_through, blocked_at FROM terminals WHERE store_id = $1 AND retired_at IS NULL ORDER BY terminal_no',
    [storeId],
  )
  return r.rows
}

/** Raises the counter's watermark to `when` if the store node holds everything up to `ackedSeq`; answers the watermark. */
export async function raiseReportedThrough(db: Pool, terminalUid: string, ackedSeq: number, when: Date): Promise<Date | null> {
  const r = await db.query<{ reported_through: Date | null }>(
    `UPDATE terminals SET reported_through = CASE WHEN acked_seq >= $2 AND (reported_through IS NULL OR reported_through < $3) THEN $3 ELSE reported_through END
     WHERE terminal_uid = $1 RETURNING reported_through`,
    [terminalUid, ackedSeq, when],
  )
  return r.rows[0]?.reported_through ?? null
}
