import type { MovementView } from '../../../shared/contract/stock/schemas'
import type { Db } from '../../base/store/database'
import { prepared } from '../../base/store/statements'
import type { LotRow } from './ledger'

/** The manager's stock reads, named: lots by expiry, what each item has on hand, what to reorder, the movements. */

/** One book's lots (training or live), by expiry; `includeEmpty` keeps those at zero. */
export function lotsByExpiry(db: Db, book: number, includeEmpty: boolean): LotRow[] {
  return prepared(db, `SELECT * FROM stock_lot WHERE training = ? AND (? OR on_hand_units <> 0) ORDER BY expiry_date, store_code, created_at`).all(
    book,
    includeEmpty ? 1 : 0,
  ) as LotRow[]
}

export interface OnHandRow {
  store_code: string
  pack_size: number
  min_unit: string
  sellable: number
  expired: number
  loose: number
}

/** Per item: sellable, expired and loose units on `today`, in one read for a whole list of items. */
export function onHandRows(db: Db, book: number, today: string, storeCodes: readonly string[]): OnHandRow[] {
  const marks = storeCodes.map(() => '?').join(', ')
  return db
    .prepare(
      `SELECT i.store_code, i.pack_size, i.min_unit,
           COALESCE(SUM(CASE WHEN l.expiry_date >= ? THEN l.on_hand_units END), 0) AS sellable,
           COALESCE(SUM(CASE WHEN l.expiry_date < ? THEN l.on_hand_units END), 0) AS expired,
           COALESCE((SELECT SUM(b.remaining_units) FROM stock_open_box b JOIN stock_lot o ON o.id = b.lot_id
             WHERE b.training = i.training AND o.store_code = i.store_code AND o.expiry_date >= ?), 0) AS loose
         FROM stock_item i LEFT JOIN stock_lot l ON l.training = i.training AND l.store_code = i.store_code
         WHERE i.training = ? AND i.store_code IN (${marks}) GROUP BY i.store_code`,
    )
    .all(today, today, today, book, ...storeCodes) as OnHandRow[]
}

/** Lots with stock that expire in [today, limit]. */
export function lotsNearExpiry(db: Db, book: number, today: string, limit: string): LotRow[] {
  return prepared(
    db,
    'SELECT * FROM stock_lot WHERE training = ? AND on_hand_units > 0 AND expiry_date >= ? AND expiry_date <= ? ORDER BY expiry_date, store_code',
  ).all(book, today, limit) as LotRow[]
}

/** Lots with stock past their expiry on `today`. */
export function lotsExpired(db: Db, book: number, today: string): LotRow[] {
  return prepared(db, 'SELECT * FROM stock_lot WHERE training = ? AND on_hand_units > 0 AND expiry_date < ? ORDER BY expiry_date, store_code').all(
    book,
    today,
  ) as LotRow[]
}

/** Lots below zero (sold before they were received). */
export function lotsNegative(db: Db, book: number): LotRow[] {
  return prepared(db, 'SELECT * FROM stock_lot WHERE training = ? AND on_hand_units < 0 ORDER BY store_code, expiry_date').all(book) as LotRow[]
}

/** Items whose sellable units are below their reorder level. */
export function belowReorderRows(
  db: Db,
  book: number,
  today: string,
): { store_code: string; pack_size: number; min_unit: string; reorder_units: number; on_hand: number }[] {
  return prepared(
    db,
    `SELECT i.store_code, i.pack_size, i.min_unit, i.reorder_units, COALESCE(SUM(l.on_hand_units), 0) AS on_hand
         FROM stock_item i LEFT JOIN stock_lot l ON l.training = i.training AND l.store_code = i.store_code AND l.expiry_date >= ?
         WHERE i.training = ? AND i.reorder_units > 0 GROUP BY i.store_code HAVING on_hand < i.reorder_units ORDER BY i.store_code`,
  ).all(today, book) as { store_code: string; pack_size: number; min_unit: string; reorder_units: number; on_hand: number }[]
}

export interface MovementRow {
  id: string
  at: string
  kind: MovementView['kind']
  store_code: string
  lot_id: string
  lot_no: string
  qty_units: number
  source_id: string
  reason: string
  actor: string
  terminal_id: string
}

/** Movements newest first, of one item or all, with their lot's number. */
export function movementRows(db: Db, book: number, storeCode: string | undefined, limit: number): MovementRow[] {
  return prepared(
    db,
    `SELECT m.*, l.lot_no FROM stock_movement m JOIN stock_lot l ON l.id = m.lot_id WHERE m.training = ? AND (? IS NULL OR m.store_code = ?) ORDER BY m.at DESC, m.rowid DESC LIMIT ?`,
  ).all(book, storeCode ?? null, storeCode ?? null, limit) as MovementRow[]
}
