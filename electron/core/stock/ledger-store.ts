import type { Db } from '../../base/store/database'
import { prepared } from '../../base/store/statements'
import type { ItemRow, LotRow } from './ledger'

/** A movement as written to `stock_movement`: the book, the time and the terminal already settled by the ledger. */
export interface MovementInsert {
  id: string
  book: 0 | 1
  at: string
  kind: string
  storeCode: string
  lotId: string
  qtyUnits: number
  sourceId: string
  sourceLine: number
  reason: string
  actor: string
  terminalId: string
}

/** The movement ledger's tables (`stock_movement`, `stock_lot`, `stock_item`, `stock_trace_code`), per book (training or live). */
export class StockLedgerStore {
  constructor(private readonly db: Db) {}

  /** Appends the movement and applies it to its lot's balance: the caller's transaction holds both. */
  insertMovement(m: MovementInsert): void {
    prepared(
      this.db,
      `INSERT INTO stock_movement (id, training, at, kind, store_code, lot_id, qty_units, source_id, source_line, reason, actor, terminal_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(m.id, m.book, m.at, m.kind, m.storeCode, m.lotId, m.qtyUnits, m.sourceId, m.sourceLine, m.reason, m.actor, m.terminalId)
    prepared(this.db, 'UPDATE stock_lot SET on_hand_units = on_hand_units + ? WHERE id = ?').run(m.qtyUnits, m.lotId)
  }

  item(book: number, storeCode: string): ItemRow | undefined {
    return prepared(this.db, 'SELECT store_code, pack_size, min_unit, reorder_units FROM stock_item WHERE training = ? AND store_code = ?').get(
      book,
      storeCode,
    ) as ItemRow | undefined
  }

  lot(book: number, lotId: string): LotRow | undefined {
    return prepared(this.db, 'SELECT * FROM stock_lot WHERE id = ? AND training = ?').get(lotId, book) as LotRow | undefined
  }

  lotsOf(book: number, storeCode: string): LotRow[] {
    return prepared(this.db, 'SELECT * FROM stock_lot WHERE training = ? AND store_code = ? ORDER BY expiry_date, created_at, id').all(
      book,
      storeCode,
    ) as LotRow[]
  }

  lotOfTraceCode(book: number, code: string): LotRow | undefined {
    return prepared(this.db, 'SELECT l.* FROM stock_trace_code t JOIN stock_lot l ON l.id = t.lot_id WHERE t.training = ? AND t.code = ?').get(book, code) as
      LotRow | undefined
  }

  ledgerSum(lotId: string): number {
    return (prepared(this.db, 'SELECT COALESCE(SUM(qty_units), 0) AS n FROM stock_movement WHERE lot_id = ?').get(lotId) as { n: number }).n
  }
}
