import type { Migration } from '../../../base/store/database'
import { SYNCED, triggers, type Synced } from './0200_sync_outbox'

const lines = SYNCED.find((t) => t.table === 'sale_lines')!

/** sale_lines as the outbox carries it from here on: with 拆零's pack size and the lot the line took (0320). */
export const SALE_LINES_0345: Synced = { ...lines, columns: [...lines.columns, 'pack_size', 'lot_id'] }

/**
 * A synced table's new columns reach the store node only if its triggers name them: 0320 added two to
 * sale_lines, so its triggers are written again. Frozen here like 0200's.
 */
export default {
  id: 345,
  name: 'outbox: sale line pack size and lot',
  sql: `
DROP TRIGGER sync_outbox_sale_lines_insert;
DROP TRIGGER sync_outbox_sale_lines_update;
DROP TRIGGER sync_outbox_sale_lines_delete;
${triggers(SALE_LINES_0345)}
`,
} satisfies Migration
