import type { z } from 'zod'
import type { LotView, MovementView, OnHand, ReorderRowSchema } from '../../../shared/contract/stock/schemas'
import { fromFen } from '../../../shared/money/money'
import type { CatalogService } from '../catalog'
import type { Db } from '../../base/store/database'
import type { LotRow, StockLedger } from './ledger'
import { belowReorderRows, lotsByExpiry, lotsExpired, lotsNearExpiry, lotsNegative, movementRows, onHandRows } from './views-store'

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
      : lotsByExpiry(this.db, this.ledger.book(), includeEmpty)
    return this.lotViews(rows)
  }

  /** Per item: sellable, expired and loose units, in one read for a whole list of search hits. */
  onHandOf(storeCodes: readonly string[]): OnHand[] {
    if (!storeCodes.length) return []
    const today = this.ledger.today()
    const rows = onHandRows(this.db, this.ledger.book(), today, storeCodes)
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
    const name = this.namer()
    const belowReorder = belowReorderRows(this.db, book, today).map((r): ReorderRow => ({
      storeCode: r.store_code,
      name: name(r.store_code),
      minUnit: r.min_unit,
      packSize: r.pack_size,
      onHandUnits: r.on_hand,
      reorderUnits: r.reorder_units,
    }))
    return {
      nearExpiryDays,
      nearExpiry: this.lotViews(lotsNearExpiry(this.db, book, today, limit)),
      expired: this.lotViews(lotsExpired(this.db, book, today)),
      belowReorder,
      negative: this.lotViews(lotsNegative(this.db, book)),
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
    const rows = movementRows(this.db, this.ledger.book(), storeCode, limit)
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
