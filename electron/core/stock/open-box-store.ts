import type { Db } from '../../base/store/database'
import { prepared } from '../../base/store/statements'
import type { LotRow } from './ledger'

export interface OpenBoxRow {
  lot_id: string
  trace_code: string | null
  remaining_units: number
}

/** A split line's box as written: which lot, which code, how many units, whether this sale opened it. */
export interface SplitLineBox {
  lotId: string
  traceCode: string | null
  units: number
  opened: boolean
}

/** The opened boxes (`stock_open_box`) and how split lines left them (`stock_split_line`), per book (training or live). */
export class OpenBoxStore {
  constructor(private readonly db: Db) {}

  openBox(book: number, lotId: string): OpenBoxRow | undefined {
    return prepared(this.db, 'SELECT lot_id, trace_code, remaining_units FROM stock_open_box WHERE training = ? AND lot_id = ?').get(book, lotId) as
      OpenBoxRow | undefined
  }

  isOpenCode(book: number, code: string): boolean {
    return prepared(this.db, 'SELECT 1 FROM stock_open_box WHERE training = ? AND trace_code = ?').get(book, code) !== undefined
  }

  /** An item's opened boxes with their lots, soonest expiry first. */
  looseOf(book: number, storeCode: string): (LotRow & { loose: number })[] {
    return prepared(
      this.db,
      `SELECT l.*, b.remaining_units AS loose FROM stock_open_box b JOIN stock_lot l ON l.id = b.lot_id
       WHERE b.training = ? AND l.store_code = ? ORDER BY l.expiry_date, l.created_at, l.id`,
    ).all(book, storeCode) as (LotRow & { loose: number })[]
  }

  insertSplitLine(saleId: string, seq: number, boxes: readonly SplitLineBox[]): void {
    const insert = prepared(this.db, 'INSERT INTO stock_split_line (sale_id, seq, box_no, lot_id, trace_code, units, opened) VALUES (?, ?, ?, ?, ?, ?, ?)')
    boxes.forEach((b, i) => insert.run(saleId, seq, i + 1, b.lotId, b.traceCode, b.units, b.opened ? 1 : 0))
  }

  /** A sale's split boxes, line by line and box by box. */
  splitLinesOf(saleId: string): { seq: number; lot_id: string; trace_code: string | null; units: number; opened: number }[] {
    return prepared(this.db, 'SELECT seq, lot_id, trace_code, units, opened FROM stock_split_line WHERE sale_id = ? ORDER BY seq, box_no').all(saleId) as {
      seq: number
      lot_id: string
      trace_code: string | null
      units: number
      opened: number
    }[]
  }

  closeBox(book: number, lotId: string): void {
    prepared(this.db, 'DELETE FROM stock_open_box WHERE training = ? AND lot_id = ?').run(book, lotId)
  }

  setRemaining(book: number, lotId: string, remaining: number): void {
    prepared(this.db, 'UPDATE stock_open_box SET remaining_units = ? WHERE training = ? AND lot_id = ?').run(remaining, book, lotId)
  }

  /** A box opened (or reopened) by a sale, with its code if scanned. */
  open(book: number, lotId: string, code: string | null, remaining: number, openedBy: string, at: string): void {
    prepared(
      this.db,
      `INSERT INTO stock_open_box (training, lot_id, trace_code, remaining_units, opened_sale_id, opened_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (training, lot_id) DO UPDATE SET trace_code = excluded.trace_code, remaining_units = excluded.remaining_units,
         opened_sale_id = excluded.opened_sale_id, opened_at = excluded.opened_at`,
    ).run(book, lotId, code, remaining, openedBy, at)
  }
}
