/**
 * The manager's day reads every sale of the day (issue 20). A sales row is ~2 KB (its 2101 and 2102
 * answers kept whole), so reading a few narrow columns from the table costs a page per sale; these
 * indexes answer the day's reads from the index alone. Written in the same commit as the sale itself,
 * so a sale costs no extra flush.
 */
export default {
  id: 240,
  name: 'day read indexes',
  sql: `
-- What a day's item shows of its sale, found by id from each answered settlement message.
CREATE INDEX sales_day_view ON sales (id, training, cashier, terminal_id, pay_method, goods_fen, medfee_fen, name_masked, mulaid_payer);
-- Sales settled at the counter alone (goods, offline sales declined), by day.
CREATE INDEX sales_counter_day ON sales (training, created_at) WHERE setl_id IS NULL AND state IN ('settled', 'refunded');
`,
}
