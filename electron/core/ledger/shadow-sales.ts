import type { Db } from '../../base/store/database'
import { prepared } from '../../base/store/statements'

/**
 * Another counter's sale copied here to be refunded under this counter's own journal (issue 15, across
 * counters; `shadow_sales`, migration 0385): the `sales` row under the seller's id and its lines, as the seller
 * pushed them. The named queries on sales that refund-at-any-counter needs, kept with the other SQL on sales.
 */

/**
 * The seller's facts that mean something only at the seller: its shift (交班). The copy takes this counter's
 * open shift instead (0360's trigger), whose drawer pays the refund back.
 */
const SELLER_ONLY = new Set(['shift_id'])

/** The columns of a table this counter has, less the seller's own facts. */
function columnsOf(db: Db, table: 'sales' | 'sale_lines'): Set<string> {
  return new Set((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name).filter((c) => !SELLER_ONLY.has(c)))
}

function insertRow(db: Db, table: 'sales' | 'sale_lines', row: Record<string, unknown>, have: Set<string>): void {
  const cols = Object.keys(row).filter((c) => have.has(c))
  db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => row[c] as never))
}

/** This counter's knowledge of a sale id: none, its own sale, or a shadow of another counter's. */
export function localSaleOrigin(db: Db, saleId: string): 'none' | 'own' | 'shadow' {
  const r = prepared(db, 'SELECT h.sale_id AS shadow FROM sales s LEFT JOIN shadow_sales h ON h.sale_id = s.id WHERE s.id = ?').get(saleId) as
    { shadow: string | null } | undefined
  return !r ? 'none' : r.shadow ? 'shadow' : 'own'
}

/** Copies the seller's synced sale and lines as a shadow, in one transaction (its outbox rows with it). */
export function copyShadowSale(
  db: Db,
  sale: Record<string, unknown>,
  lines: readonly Record<string, unknown>[],
  owner: { saleId: string; terminalNo: number; terminalUid: string },
  at: string,
  soldUploads: readonly string[] = [],
): void {
  const salesCols = columnsOf(db, 'sales')
  const lineCols = columnsOf(db, 'sale_lines')
  db.transaction(() => {
    insertRow(db, 'sales', sale, salesCols)
    for (const l of lines) insertRow(db, 'sale_lines', l, lineCols)
    prepared(db, 'INSERT INTO shadow_sales (sale_id, owner_terminal_no, owner_terminal_uid, copied_at) VALUES (?, ?, ?, ?)').run(
      owner.saleId,
      owner.terminalNo,
      owner.terminalUid,
      at,
    )
    soldUploads.forEach((request, n) => prepared(db, 'INSERT INTO shadow_sold_uploads (sale_id, n, request) VALUES (?, ?, ?)').run(owner.saleId, n, request))
  })()
}

/** Shadows refunded here whose refund the store node has not acknowledged yet. */
export function unreportedShadowRefunds(db: Db): string[] {
  return (
    prepared(db, "SELECT h.sale_id FROM shadow_sales h JOIN sales s ON s.id = h.sale_id WHERE h.reported_at IS NULL AND s.state = 'refunded'").all() as {
      sale_id: string
    }[]
  ).map((r) => r.sale_id)
}

/** A sale of ours refunded at another counter: its boxes came back there, so this counter may sell them again. */
/** The store node heard of this shadow sale's refund. */
export function shadowRefundReported(db: Db, saleId: string, at: string): void {
  db.prepare('UPDATE shadow_sales SET reported_at = ? WHERE sale_id = ?').run(at, saleId)
}

export function releaseSoldCodes(db: Db, saleId: string): void {
  prepared(db, 'DELETE FROM sold_trace_codes WHERE sale_id = ?').run(saleId)
}

/** The seller's 3505 requests of a shadow, as the seller sent them (empty for a sale of this counter). */
export function shadowSoldUploads(db: Db, saleId: string): string[] {
  return (prepared(db, 'SELECT request FROM shadow_sold_uploads WHERE sale_id = ? ORDER BY n').all(saleId) as { request: string }[]).map((r) => r.request)
}
