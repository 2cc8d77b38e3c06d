import type { Db } from '../../base/store/database'
import { prepared } from '../../base/store/statements'
import type { LotRow } from './ledger'

/** What receiving writes beyond the movements: items' stock rows, new lots and the codes a receipt scanned, per book. */

export function insertItem(db: Db, book: number, storeCode: string, packSize: number, minUnit: string, at: string): void {
  prepared(db, 'INSERT INTO stock_item (training, store_code, pack_size, min_unit, reorder_units, created_at) VALUES (?, ?, ?, ?, 0, ?)').run(
    book,
    storeCode,
    packSize,
    minUnit,
    at,
  )
}

export function setMinUnit(db: Db, book: number, storeCode: string, minUnit: string): void {
  prepared(db, 'UPDATE stock_item SET min_unit = ? WHERE training = ? AND store_code = ?').run(minUnit, book, storeCode)
}

export function setPackSize(db: Db, book: number, storeCode: string, packSize: number | undefined): void {
  prepared(db, 'UPDATE stock_item SET pack_size = ? WHERE training = ? AND store_code = ?').run(packSize, book, storeCode)
}

export function setMinUnitAndReorder(db: Db, book: number, storeCode: string, minUnit: string, reorderUnits: number): void {
  prepared(db, 'UPDATE stock_item SET min_unit = ?, reorder_units = ? WHERE training = ? AND store_code = ?').run(minUnit, reorderUnits, book, storeCode)
}

/** Whether anything of the item ever moved in this book (its pack size is then fixed). */
export function hasMoved(db: Db, book: number, storeCode: string): boolean {
  return prepared(db, 'SELECT 1 FROM stock_movement WHERE training = ? AND store_code = ? LIMIT 1').get(book, storeCode) !== undefined
}

export function lotByNo(db: Db, book: number, storeCode: string, lotNo: string): LotRow | undefined {
  return prepared(db, 'SELECT * FROM stock_lot WHERE training = ? AND store_code = ? AND lot_no = ?').get(book, storeCode, lotNo) as LotRow | undefined
}

export interface LotInsert {
  id: string
  book: number
  bchno: string
  storeCode: string
  lotNo: string
  manuDate: string
  expiryDate: string
  supplier: string
  costFen: number
  at: string
}

export function insertLot(db: Db, l: LotInsert): void {
  prepared(
    db,
    'INSERT INTO stock_lot (id, training, bchno, store_code, lot_no, manu_date, expiry_date, supplier, cost_fen, on_hand_units, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)',
  ).run(l.id, l.book, l.bchno, l.storeCode, l.lotNo, l.manuDate, l.expiryDate, l.supplier, l.costFen, l.at)
}

/** Ties a scanned code to its lot; throws (the unique key) when the code is already in stock. */
export function insertTraceCode(db: Db, book: number, code: string, lotId: string, receiptId: string): void {
  prepared(db, 'INSERT INTO stock_trace_code (training, code, lot_id, receipt_id) VALUES (?, ?, ?, ?)').run(book, code, lotId, receiptId)
}
