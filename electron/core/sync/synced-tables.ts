import { SYNCED, snapshotOf, type Synced, SYNCED_0330, SALE_LINES_0345 } from '../store'
import { Z_PARTS_SYNCED } from '../manager'
import { SALES_WITH_SHIFT, SHIFT_TABLES } from '../shift'

/**
 * The tables the outbox carries, with the columns their newest triggers name: 0200's list as later
 * migrations rewrote a table's triggers, then the tables later migrations added. A migration that adds a
 * column to a synced table, or a synced table, adds its entry here, so pairing's snapshot sends what the
 * triggers would.
 */
const REWRITTEN: readonly Synced[] = [...SYNCED_0330, SALE_LINES_0345, SALES_WITH_SHIFT]
const ADDED: readonly Synced[] = [...SHIFT_TABLES, Z_PARTS_SYNCED]

export const SYNCED_TABLES: readonly Synced[] = [...SYNCED.map((t) => REWRITTEN.find((l) => l.table === t.table) ?? t), ...ADDED]

/** The statements that put every row the counter holds into the outbox when it is paired. */
export const OUTBOX_SNAPSHOT: readonly string[] = SYNCED_TABLES.map(snapshotOf)
