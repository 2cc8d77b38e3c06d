import type { Allocation } from '../../../shared/contract/stock/schemas'
import type { Db } from '../../base/store/database'
import type { LotRow, StockLedger } from './ledger'
import { OpenBoxStore, type OpenBoxRow } from './open-box-store'

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
  private readonly store: OpenBoxStore

  constructor(
    db: Db,
    private readonly ledger: StockLedger,
  ) {
    this.store = new OpenBoxStore(db)
  }

  private row(lotId: string): OpenBoxRow | undefined {
    return this.store.openBox(this.ledger.book(), lotId)
  }

  /** Whether a code is an opened box's (scanning it again opens nothing new). */
  isOpenCode(code: string): boolean {
    return this.store.isOpenCode(this.ledger.book(), code)
  }

  /** The opened boxes of an item, soonest expiry first, with their lots: what a split sale takes first. */
  looseOf(storeCode: string): { lot: LotRow; units: number }[] {
    const rows = this.store.looseOf(this.ledger.book(), storeCode)
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
    this.store.insertSplitLine(saleId, seq, boxes)
    return boxes
  }

  /** A refunded split sale's units go back into their lot's opened box (reopened if it was finished since). */
  giveBack(saleId: string, packSize: (lotId: string) => number): void {
    for (const r of this.store.splitLinesOf(saleId)) {
      const open = this.row(r.lot_id)
      const remaining = Math.min(packSize(r.lot_id), (open?.remaining_units ?? 0) + r.units)
      this.setRemaining(r.lot_id, open ? open.trace_code : r.trace_code, remaining, open ? null : saleId)
    }
  }

  /** How a sale's split lines left their boxes, line by line (seq → boxes). */
  boxesOf(saleId: string): Map<number, SplitBox[]> {
    const rows = this.store.splitLinesOf(saleId)
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
      this.store.closeBox(book, lotId)
      return
    }
    if (openedBy === null) {
      this.store.setRemaining(book, lotId, remaining)
      return
    }
    this.store.open(book, lotId, code, remaining, openedBy, this.ledger.now())
  }
}
