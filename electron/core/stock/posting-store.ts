import type { Db } from '../../base/store/database'
import { prepared } from '../../base/store/statements'

/**
 * Which sales' stock has been posted, and in which direction (`stock_sale_posting`), and the movements a
 * sale took out: the counter's stock step posts a sale once and gives back exactly what it took.
 */

/** Marks the sale posted in this direction; false when it already was (the step is not repeated). */
export function claimPosting(db: Db, saleId: string, direction: 'out' | 'back', at: string): boolean {
  return prepared(db, 'INSERT OR IGNORE INTO stock_sale_posting (sale_id, direction, at) VALUES (?, ?, ?)').run(saleId, direction, at).changes === 1
}

/** What a sale took out, lot by lot, in the order it was taken. */
export function saleMovements(db: Db, saleId: string): { lot_id: string; store_code: string; qty_units: number; source_line: number }[] {
  return prepared(db, "SELECT lot_id, store_code, qty_units, source_line FROM stock_movement WHERE source_id = ? AND kind = 'sale' ORDER BY at, id").all(
    saleId,
  ) as { lot_id: string; store_code: string; qty_units: number; source_line: number }[]
}
