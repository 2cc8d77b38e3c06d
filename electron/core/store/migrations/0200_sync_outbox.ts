/**
 * The outbox a paired counter pushes to its store node (issue 15): every change of a money table is
 * appended by a trigger, so no code path can forget it, and in the same transaction as the change, so a
 * sale costs no extra commit. Personal identifiers (the ID number or ecToken in `cert_no` and in the
 * platform requests' `mdtrt_cert_no`, card numbers, names) never enter the outbox: the store node needs
 * `psn_no` only. Only a paired counter fills its outbox; pairing puts in first what it already held.
 */

/** JSON paths of the platform inputs that carry an identity document, removed before a row leaves. */
const IDENTITY_PATHS = [
  "'$.data.mdtrt_cert_no'",
  "'$.data.card_sn'",
  "'$.data.certno'",
  "'$.data.psn_name'",
  "'$.mdtrtinfo.mdtrt_cert_no'",
  "'$.mdtrtinfo.card_sn'",
]

/**
 * A JSON column with the identity paths removed; text that is not JSON is left out rather than failing the
 * sale. `|| ''` drops the JSON subtype, so the column travels as text like every other JSON column.
 */
const scrubbed = (col: string) => `CASE WHEN json_valid(R.${col}) THEN json_remove(R.${col}, ${IDENTITY_PATHS.join(', ')}) || '' END`

export interface Synced {
  table: string
  /** The row's key as text (composite keys joined with '|'). */
  pk: string
  /** Every column that travels; a column left out (cert_no) never leaves the counter. */
  columns: readonly string[]
  /** Columns holding platform JSON that may carry an identity document. */
  scrub?: readonly string[]
  /** Tables whose rows are never updated or deleted (a trigger already forbids it). */
  appendOnly?: boolean
}

export const SYNCED: readonly Synced[] = [
  {
    table: 'sales',
    pk: 'R.id',
    columns:
      'id kind state terminal_id cashier created_at updated_at training psn_no insuplc_admdvs insutype psn_type cert_type name_masked med_type acct_used mulaid_id mulaid_payer rxno pharmacist rx_external replaces_sale_id medfee_fen goods_fen setl_id mdtrt_id settled_msgid setlinfo presettle pay_method cash_due_fen tendered_fen change_fen'.split(
        ' ',
      ),
  },
  {
    table: 'sale_lines',
    pk: "R.sale_id || '|' || R.seq",
    columns: 'sale_id seq insured national_code store_code name qty price amount_fen rx_flag trace_codes spec unit class'.split(' '),
  },
  {
    table: 'platform_messages',
    pk: 'R.msgid',
    columns: 'msgid sale_id infno state request response error attempts created_at updated_at'.split(' '),
    scrub: ['request', 'response'],
  },
  {
    table: 'offline_sales',
    pk: 'R.sale_id',
    columns:
      'sale_id msgid mode training psn_no mulaid_id queued_at pay_method tendered_fen paid_fen advanced_fen acct_fen mulaid_fen estimate outcome outcome_at decline_reason due_fen resolution resolved_at resolved_by resolved_note resolved_action'.split(
        ' ',
      ),
  },
  {
    table: 'offline_queue',
    pk: 'R.seq',
    columns: 'seq msgid sale_id infno request insuplc_admdvs training state attempts last_error response created_at updated_at'.split(' '),
    scrub: ['request', 'response'],
  },
  // The raw answer (0125) stays home: unlike the parsed `response` it keeps whatever the platform sent,
  // names and ID numbers included.
  {
    table: 'answer_reviews',
    pk: 'R.msgid',
    columns: 'msgid sale_id infno verdict notes at'.split(' '),
  },
  {
    table: 'offline_holds',
    pk: 'R.msgid',
    columns: 'msgid sale_id reason held_at replaced_by released_by released_at'.split(' '),
  },
  // mac_key names the key (its sealing box), never the key itself.
  { table: 'audit_log', pk: 'R.seq', columns: 'seq at actor action subject detail prev_hash hash mac mac_key'.split(' '), appendOnly: true },
  { table: 'recon_runs', pk: 'R.id', columns: 'id day training at actor status totals detail fingerprint'.split(' ') },
  {
    table: 'recon_differences',
    pk: "R.run_id || '|' || R.seq",
    columns: 'run_id seq setl_id kind refd_setl_flag fields store_row platform_row sale_id msgid actions resolution note resolved_by resolved_at'.split(' '),
  },
  {
    table: 'recon_entries',
    pk: 'R.id',
    columns: 'id setl_id kind state training day msgid init_setl_id request setlinfo actor created_at updated_at'.split(' '),
  },
  {
    table: 'day_closes',
    pk: "R.day || '|' || R.training",
    columns: 'day training closed_at closed_by recon_run_id recon_status queue_acknowledged note report audit_seq audit_head audit_mac'.split(' '),
    appendOnly: true,
  },
]

/** The row `row` of table `t` as the outbox carries it. */
export const bodyOf = (t: Synced, row: string) =>
  `json_object(${t.columns.map((c) => `'${c}', ${t.scrub?.includes(c) ? scrubbed(c) : `R.${c}`}`).join(', ')})`.replaceAll('R.', `${row}.`)

/** Only a paired counter fills its outbox: a standalone one would grow it forever with nobody to prune it. */
export function triggers(t: Synced): string {
  const body = (row: 'NEW' | 'OLD') => bodyOf(t, row)
  const one = (op: 'insert' | 'update' | 'delete', row: 'NEW' | 'OLD') => `CREATE TRIGGER sync_outbox_${t.table}_${op} AFTER ${op.toUpperCase()} ON ${t.table}
WHEN EXISTS (SELECT 1 FROM sync_state) BEGIN
  INSERT INTO sync_outbox (tbl, pk, op, body, created_at) VALUES ('${t.table}', ${t.pk.replaceAll('R.', `${row}.`)}, '${op}', ${body(row)}, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;`
  return [one('insert', 'NEW'), ...(t.appendOnly ? [] : [one('update', 'NEW'), one('delete', 'OLD')])].join('\n')
}

/**
 * A statement that puts every row of a table the counter holds into the outbox as an 'insert', oldest
 * first, with the same body the triggers write: what a counter had before it was paired reaches the
 * store node as its first rows (sync/synced-tables.ts lists the tables as the newest migrations sync them).
 */
export const snapshotOf = (t: Synced) =>
  `INSERT INTO sync_outbox (tbl, pk, op, body, created_at) SELECT '${t.table}', ${t.pk.replaceAll('R.', 'S.')}, 'insert', ${bodyOf(t, 'S')}, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM ${t.table} AS S ORDER BY S.rowid`

export default {
  id: 200,
  name: 'sync outbox',
  sql: `
-- seq is the counter's own order of changes: AUTOINCREMENT never reuses a number, so the store node can
-- tell a gap from the end, and a rolled-back sale takes its outbox rows and their numbers with it.
CREATE TABLE sync_outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  tbl TEXT NOT NULL,
  pk TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

-- One row once paired: who this counter is to its store node, and how far the store node holds its outbox.
CREATE TABLE sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  store_url TEXT NOT NULL,
  store_id TEXT NOT NULL,
  terminal_uid TEXT NOT NULL,
  terminal_no INTEGER NOT NULL CHECK (terminal_no BETWEEN 1 AND 99),
  pairing_key TEXT NOT NULL,
  acked_seq INTEGER NOT NULL DEFAULT 0 CHECK (acked_seq >= 0),
  last_push_at TEXT,
  last_error TEXT,
  paired_at TEXT NOT NULL
) STRICT;

${SYNCED.map(triggers).join('\n\n')}
`,
}
