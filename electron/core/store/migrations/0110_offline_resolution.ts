/**
 * How an offline sale's open outcome was closed (refunded, collected, written off), apart from the
 * person's free-text note: the corrected receipt says "已补缴" or "差额由本店承担" from it.
 */
export default {
  id: 110,
  name: 'offline resolution action',
  sql: `
ALTER TABLE offline_sales ADD COLUMN resolved_action TEXT CHECK (resolved_action IN ('refunded', 'collected', 'written_off'));
UPDATE offline_sales SET resolved_action = resolved_note WHERE resolved_note IN ('refunded', 'collected', 'written_off');
`,
}
