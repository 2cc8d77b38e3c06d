import { SYNCED, outboxSnapshot, type Synced } from '../store/migrations/0200_sync_outbox'
import { SYNCED_0330 } from '../store/migrations/0330_stock_uploads'
import { SALE_LINES_0345 } from '../store/migrations/0345_outbox_sale_line_lots'

/**
 * The tables the outbox carries, with the columns their newest triggers name: 0200's list, as later
 * migrations rewrote a table's triggers. A migration that adds a column to a synced table adds its entry here,
 * so pairing's snapshot sends what the triggers would.
 */
const LATER: readonly Synced[] = [...SYNCED_0330, SALE_LINES_0345]

export const SYNCED_TABLES: readonly Synced[] = SYNCED.map((t) => LATER.find((l) => l.table === t.table) ?? t)

/** The statements that put every row the counter holds into the outbox when it is paired. */
export const OUTBOX_SNAPSHOT: readonly string[] = outboxSnapshot(SYNCED_TABLES)
