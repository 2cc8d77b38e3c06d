import type { Pool } from 'pg'

/** What the store node asks of counters (`store_commands`), as each counter fetches and settles them. */

export interface PendingCommandRow {
  command_id: string
  kind: string
  msgid: string
  sale_id: string | null
  by_terminal_no: number | null
}

/** A counter's commands not yet done, oldest first. */
export async function pendingCommands(pool: Pool, terminalUid: string): Promise<PendingCommandRow[]> {
  const c = await pool.query<PendingCommandRow>(
    'SELECT command_id, kind, msgid, sale_id, by_terminal_no FROM store_commands WHERE terminal_uid = $1 AND done_at IS NULL ORDER BY created_at',
    [terminalUid],
  )
  return c.rows
}

/** Marks the counter's command done; false when it was not open (unknown, another counter's, or done already). */
export async function markCommandDone(pool: Pool, commandId: string, terminalUid: string, at: Date, outcome: string): Promise<boolean> {
  const c = await pool.query('UPDATE store_commands SET done_at = $3, outcome = $4 WHERE command_id = $1 AND terminal_uid = $2 AND done_at IS NULL', [
    commandId,
    terminalUid,
    at,
    outcome,
  ])
  return (c.rowCount ?? 0) > 0
}
