import type { Allocation } from '../../../shared/contract/stock/schemas'
import type { Db } from '../../base/store/database'
import { prepared } from '../../base/store/statements'
import type { LotRow, StockLedger } from './ledger'

interface OpenBoxRow {
  lot_id: string
  trace_code: string | null
  remaining_units: number
}

/** How one split line's units left their boxes: the facts the platform's 3505 needs (trdn_flag 1). */
export interface SplitBox {
  lotId: string
  traceCode: string | null
  units: number
  /** This sale opened the box: its code is reported with this sale, and never again. */
  opened: boolean
}

/**
 * 拆零: the loose units of opened boxes, per lot. A lot has at most one opened box; it is finished before
 * another box of that lot is opened (the counter takes from it first), so the units on the shelf and the
 * book agree box by box. Written in the caller's transaction, like the movements.
 */
export class OpenBoxes {
  constructor(
    private readonly db: Db,
    private readonly ledger: StockLedger,
  ) {}

  private row(lotId: string): OpenBoxRow | undefined {
    return prepared(this.db, 'SELECT lot_id, trace_code, remaining_units FROM stock_open_box WHERE training = ? AND lot_id = ?').get(
      this.ledger.book(),
      lotId,
    ) as OpenBoxRow | undefined
  }

  /** Whether a code is an opened box's (scanning it again opens nothing new). */
  isOpenCode(code: string): boolean {
    return prepared(this.db, 'SELECT 1 FROM stock_open_box WHERE training = ? AND trace_code = ?').get(this.ledger.book(), code) !== undefined
  }

  /** The opened boxes of an item, soonest expiry first, with their lots: what a split sale takes first. */
  looseOf(storeCode: string): { lot: LotRow; units: number }[] {
    const rows = prepared(
      this.db,
      `SELECT l.*, b.remaining_units AS loose FROM stock_open_box b JOIN stock_lot l ON l.id = b.lot_id
       WHERE b.training = ? AND l.store_code = ? ORDER BY l.expiry_date, l.created_at, l.id`,
    ).all(this.ledger.book(), storeCode) as (LotRow & { loose: number })[]
    return rows.map(({ loose, ...lot }) => ({ lot, units: loose }))
  }

  /** Boxes a split sale of `units` must open (and so scan) once the opened boxes' loose units are used. */
  boxesToOpen(storeCode: string, units: number, packSize: number, today: string): number {
    const loose = this.looseOf(storeCode)
      .filter((o) => o.lot.expiry_date >= today)
      .reduce((n, o) => n + o.units, 0)
    return Math.ceil(Math.max(0, units - loose) / packSize)
  }

  /**
   * Takes a split line's allocated units out of boxes: the lot's opened box first, then new boxes, each
   * opened with the next scanned code of that lot (or none). Returns how the units left their boxes.
   */
  sell(
    saleId: string,
    seq: number,
    allocations: readonly Allocation[],
    packSize: number,
    codes: readonly { code: string; lotId: string | undefined }[],
  ): SplitBox[] {
    const unused = [...codes]
    const boxes: SplitBox[] = []
    for (const a of allocations) {
      let left = a.units
      const open = this.row(a.lotId)
      if (open) {
        const units = Math.min(left, open.remaining_units)
        boxes.push({ lotId: a.lotId, traceCode: open.trace_code, units, opened: false })
        this.setRemaining(a.lotId, open.trace_code, open.remaining_units - units, null)
        left -= units
      }
      while (left > 0) {
        const at = unused.findIndex((c) => c.lotId === a.lotId)
        const code = at >= 0 ? unused.splice(at, 1)[0].code : null
        const units = Math.min(left, packSize)
        boxes.push({ lotId: a.lotId, traceCode: code, units, opened: true })
        this.setRemaining(a.lotId, code, packSize - units, saleId)
        left -= units
      }
    }
    const insert = prepared(this.db, 'INSERT INTO stock_split_line (sale_id, seq, box_no, lot_id, trace_code, units, opened) VALUES (?, ?, ?, ?, ?, ?, ?)')
    boxes.forEach((b, i) => insert.run(saleId, seq, i + 1, b.lotId, b.traceCode, b.units, b.opened ? 1 : 0))
    return boxes
  }

  /** A refunded split sale's units go back into their lot's opened box (reopened if it was finished since). */
  giveBack(saleId: string, packSize: (lotId: string) => number): void {
    const rows = prepared(this.db, 'SELECT lot_id, trace_code, units FROM stock_split_line WHERE sale_id = ? ORDER BY seq, box_no').all(saleId) as {
      lot_id: string
      trace_code: string | null
      units: number
    }[]
    for (const r of rows) {
      const open = this.row(r.lot_id)
      const remaining = Math.min(packSize(r.lot_id), (open?.remaining_units ?? 0) + r.units)
      this.setRemaining(r.lot_id, open ? open.trace_code : r.trace_code, remaining, open ? null : saleId)
    }
  }

  /** How a sale's split lines left their boxes, line by line (seq → boxes). */
  boxesOf(saleId: string): Map<number, SplitBox[]> {
    const rows = prepared(this.db, 'SELECT seq, lot_id, trace_code, units, opened FROM stock_split_line WHERE sale_id = ? ORDER BY seq, box_no').all(
      saleId,
    ) as {
      seq: number
      lot_id: string
      trace_code: string | null
      units: number
      opened: number
    }[]
    const out = new Map<number, SplitBox[]>()
    for (const r of rows) {
      const list = out.get(r.seq) ?? []
      list.push({ lotId: r.lot_id, traceCode: r.trace_code, units: r.units, opened: r.opened === 1 })
      out.set(r.seq, list)
    }
    return out
  }

  private setRemaining(lotId: string, code: string | null, remaining: number, openedBy: string | null): void {
    const book = this.ledger.book()
    if (remaining <= 0) {
      prepared(this.db, 'DELETE FROM stock_open_box WHERE training = ? AND lot_id = ?').run(book, lotId)
      return
    }
    if (openedBy === null) {
      prepared(this.db, 'UPDATE stock_open_box SET remaining_units = ? WHERE training = ? AND lot_id = ?').run(remaining, book, lotId)
      return
    }
    prepared(
      this.db,
      `INSERT INTO stock_open_box (training, lot_id, trace_code, remaining_units, opened_sale_id, opened_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (training, lot_id) DO UPDATE SET trace_code = excluded.trace_code, remaining_units = excluded.remaining_units,
         opened_sale_id = excluded.opened_sale_id, opened_at = excluded.opened_at`,
    ).run(book, lotId, code, remaining, openedBy, this.ledger.now())
  }
}
