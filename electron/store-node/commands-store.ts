import type { Pool, PoolClient } from 'pg'

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

/** Tells the selling counter its sale was refunded at another (once per refund msgid). */
export async function commandRefundedElsewhere(
  client: PoolClient,
  c: { commandId: string; storeId: string; terminalUid: string; msgid: string; saleId: string; byTerminalNo: number; at: Date },
): Promise<void> {
  await client.query(
    `INSERT INTO store_commands (command_id, store_id, terminal_uid, kind, msgid, sale_id, by_terminal_no, created_at)
         VALUES ($1, $2, $3, 'refunded_elsewhere', $4, $5, $6, $7) ON CONFLICT (terminal_uid, kind, msgid) DO NOTHING`,
    [c.commandId, c.storeId, c.terminalUid, c.msgid, c.saleId, c.byTerminalNo, c.at],
  )
}

/** Tells a counter to reverse its message still between intent and answer (asking twice is one command). */
export async function commandReverseInBetween(
  client: PoolClient,
  c: { commandId: string; storeId: string; terminalUid: string; msgid: string; at: Date },
): Promise<void> {
  await client.query(
    `INSERT INTO store_commands (command_id, store_id, terminal_uid, kind, msgid, created_at) VALUES ($1, $2, $3, 'reverse_in_between', $4, $5)
           ON CONFLICT (terminal_uid, kind, msgid) DO NOTHING`,
    [c.commandId, c.storeId, c.terminalUid, c.msgid, c.at],
  )
}
