import type { z } from 'zod'
import type { LotView, MovementView, OnHand, ReorderRowSchema } from '../../../shared/contract/stock/schemas'
import { fromFen } from '../../../shared/money/money'
import type { CatalogService } from '../catalog'
import type { Db } from '../../base/store/database'
import { prepared } from '../../base/store/statements'
import type { LotRow, StockLedger } from './ledger'

const DAY_MS = 86_400_000

type ReorderRow = z.infer<typeof ReorderRowSchema>

/** What the manager reads: lots on hand, what expires, what to reorder, and each item's ledger. */
export class StockViews {
  constructor(
    private readonly db: Db,
    private readonly ledger: StockLedger,
    private readonly catalog: Pick<CatalogService, 'findByStoreCode'>,
  ) {}

  private namer() {
    const names = new Map<string, string>()
    return (storeCode: string) => {
      let name = names.get(storeCode)
      if (name === undefined) names.set(storeCode, (name = this.catalog.findByStoreCode(storeCode)?.name ?? storeCode))
      return name
    }
  }

  private lotViews(rows: LotRow[]): LotView[] {
    const name = this.namer()
    const today = Date.parse(`${this.ledger.today()}T00:00:00Z`)
    return rows.map((r) => {
      const item = this.ledger.item(r.store_code)!
      const days = Math.round((Date.parse(`${r.expiry_date}T00:00:00Z`) - today) / DAY_MS)
      return {
        lotId: r.id,
        bchno: r.bchno,
        storeCode: r.store_code,
        name: name(r.store_code),
        lotNo: r.lot_no,
        manuDate: r.manu_date,
        expiryDate: r.expiry_date,
        supplier: r.supplier,
        packSize: item.pack_size,
        minUnit: item.min_unit,
        onHandUnits: r.on_hand_units,
        boxes: Math.trunc(r.on_hand_units / item.pack_size),
        looseUnits: r.on_hand_units % item.pack_size || 0,
        costPerBox: fromFen(r.cost_fen).toFixed(2),
        expired: days < 0,
        daysToExpiry: days,
      }
    })
  }

  lots(lotIds: string[]): LotView[] {
    return this.lotViews(lotIds.map((id) => this.ledger.lot(id)))
  }

  lot(lotId: string): LotView {
    return this.lots([lotId])[0]
  }

  onHand(storeCode: string | undefined, includeEmpty: boolean): LotView[] {
    const rows = storeCode
      ? this.ledger.lotsOf(storeCode).filter((l) => includeEmpty || l.on_hand_units !== 0)
      : (prepared(this.db, `SELECT * FROM stock_lot WHERE training = ? AND (? OR on_hand_units <> 0) ORDER BY expiry_date, store_code, created_at`).all(
          this.ledger.book(),
          includeEmpty ? 1 : 0,
        ) as LotRow[])
    return this.lotViews(rows)
  }

  /** Per item: sellable, expired and loose units, in one read for a whole list of search hits. */
  onHandOf(storeCodes: readonly string[]): OnHand[] {
    if (!storeCodes.length) return []
    const today = this.ledger.today()
    const marks = storeCodes.map(() => '?').join(', ')
    const rows = this.db
      .prepare(
        `SELECT i.store_code, i.pack_size, i.min_unit,
           COALESCE(SUM(CASE WHEN l.expiry_date >= ? THEN l.on_hand_units END), 0) AS sellable,
           COALESCE(SUM(CASE WHEN l.expiry_date < ? THEN l.on_hand_units END), 0) AS expired,
           COALESCE((SELECT SUM(b.remaining_units) FROM stock_open_box b JOIN stock_lot o ON o.id = b.lot_id
             WHERE b.training = i.training AND o.store_code = i.store_code AND o.expiry_date >= ?), 0) AS loose
         FROM stock_item i LEFT JOIN stock_lot l ON l.training = i.training AND l.store_code = i.store_code
         WHERE i.training = ? AND i.store_code IN (${marks}) GROUP BY i.store_code`,
      )
      .all(today, today, today, this.ledger.book(), ...storeCodes) as {
      store_code: string
      pack_size: number
      min_unit: string
      sellable: number
      expired: number
      loose: number
    }[]
    return rows.map((r) => ({
      storeCode: r.store_code,
      packSize: r.pack_size,
      minUnit: r.min_unit,
      sellableUnits: r.sellable,
      expiredUnits: r.expired,
      looseUnits: r.loose,
    }))
  }

  alerts(nearExpiryDays: number) {
    const today = this.ledger.today()
    const limit = new Date(Date.parse(`${today}T00:00:00Z`) + nearExpiryDays * DAY_MS).toISOString().slice(0, 10)
    const book = this.ledger.book()
    const held = (sql: string, ...args: unknown[]) => this.lotViews(prepared(this.db, sql).all(book, ...args) as LotRow[])
    const name = this.namer()
    const belowReorder = (
      prepared(
        this.db,
        `SELECT i.store_code, i.pack_size, i.min_unit, i.reorder_units, COALESCE(SUM(l.on_hand_units), 0) AS on_hand
         FROM stock_item i LEFT JOIN stock_lot l ON l.training = i.training AND l.store_code = i.store_code AND l.expiry_date >= ?
         WHERE i.training = ? AND i.reorder_units > 0 GROUP BY i.store_code HAVING on_hand < i.reorder_units ORDER BY i.store_code`,
      ).all(today, book) as { store_code: string; pack_size: number; min_unit: string; reorder_units: number; on_hand: number }[]
    ).map((r): ReorderRow => ({
      storeCode: r.store_code,
      name: name(r.store_code),
      minUnit: r.min_unit,
      packSize: r.pack_size,
      onHandUnits: r.on_hand,
      reorderUnits: r.reorder_units,
    }))
    return {
      nearExpiryDays,
      nearExpiry: held(
        'SELECT * FROM stock_lot WHERE training = ? AND on_hand_units > 0 AND expiry_date >= ? AND expiry_date <= ? ORDER BY expiry_date, store_code',
        today,
        limit,
      ),
      expired: held('SELECT * FROM stock_lot WHERE training = ? AND on_hand_units > 0 AND expiry_date < ? ORDER BY expiry_date, store_code', today),
      belowReorder,
      negative: held('SELECT * FROM stock_lot WHERE training = ? AND on_hand_units < 0 ORDER BY store_code, expiry_date'),
    }
  }

  /** Every item's movements, newest first, with the item's name: the ledger sheet of the export. */
  allMovements(limit: number): (MovementView & { name: string })[] {
    const name = this.namer()
    return this.movementRows(undefined, limit).map((m) => ({ ...m, name: name(m.storeCode) }))
  }

  movements(storeCode: string, limit: number): MovementView[] {
    return this.movementRows(storeCode, limit)
  }

  private movementRows(storeCode: string | undefined, limit: number): MovementView[] {
    const rows = prepared(
      this.db,
      `SELECT m.*, l.lot_no FROM stock_movement m JOIN stock_lot l ON l.id = m.lot_id WHERE m.training = ? AND (? IS NULL OR m.store_code = ?) ORDER BY m.at DESC, m.rowid DESC LIMIT ?`,
    ).all(this.ledger.book(), storeCode ?? null, storeCode ?? null, limit) as {
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
    }[]
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      kind: r.kind,
      storeCode: r.store_code,
      lotId: r.lot_id,
      lotNo: r.lot_no,
      qtyUnits: r.qty_units,
      sourceId: r.source_id,
      reason: r.reason,
      actor: r.actor,
      terminalId: r.terminal_id,
    }))
  }
}
