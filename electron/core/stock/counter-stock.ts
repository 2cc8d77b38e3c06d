import { PosError } from '../../../shared/contract'
import type { Allocation } from '../../../shared/contract/stock/schemas'
import { yuan } from '../../../shared/money/money'
import type { Db } from '../../base/store/database'
import { linesOf, trainingOf, localSaleOrigin } from '../ledger'
import { allocate, type AllocationMode } from './allocation'
import type { ItemRow, StockLedger } from './ledger'
import type { OpenBoxes } from './open-boxes'
import { claimPosting, saleMovements } from './posting-store'
import type { StockSettingsStore } from './stock-settings-store'

export interface StockLine {
  storeCode: string
  name: string
  /** Boxes, as the cart and sale_lines carry it (up to 4 decimals). */
  qty: string
  traceCodes?: readonly string[]
  /** 拆零: sold by the smallest unit out of boxes of this many (qty counts units); absent or null by the box. */
  packSize?: number | null
  /** The lot confirmed or picked at the counter for the boxes without a scanned code. */
  lotId?: string | null
}

/**
 * What the counter's sales do to stock. The sale module calls `taken` inside the transaction that
 * records a sale as settled and `returned` inside the one that records its refund; each posts at most
 * once per sale (stock_sale_posting), whichever path (platform answer, cash, offline queue) gets there.
 * Items the store has never received or counted are not stock-managed and are sold as before.
 */
export class CounterStock {
  constructor(
    private readonly db: Db,
    private readonly ledger: StockLedger,
    private readonly settings: StockSettingsStore,
    private readonly changed: (storeCodes: string[]) => void,
    private readonly boxes: OpenBoxes,
  ) {}

  private unitsOf(item: ItemRow, line: Pick<StockLine, 'name' | 'qty' | 'packSize'>): number {
    if (line.packSize) {
      if (line.packSize !== item.pack_size) {
        throw new PosError('STOCK_PACK_SIZE', { name: line.name, packSize: item.pack_size, unit: item.min_unit || '个', linePackSize: line.packSize })
      }
      return yuan(line.qty).toNumber()
    }
    const units = yuan(line.qty).times(item.pack_size)
    if (!units.isInteger()) {
      throw new PosError('STOCK_NOT_WHOLE_UNITS', { name: line.name, packSize: item.pack_size, unit: item.min_unit || '个', qty: line.qty })
    }
    return units.toNumber()
  }

  private allocateLines<L extends StockLine>(lines: readonly L[], mode: AllocationMode): { line: L; allocations: Allocation[] }[] {
    const taken = new Map<string, number>()
    const today = this.ledger.today()
    const out: { line: L; allocations: Allocation[] }[] = []
    for (const line of lines) {
      const item = this.ledger.item(line.storeCode)
      if (!item) continue
      const need = this.needOf(item, line)
      out.push({ line, allocations: allocate(item, this.ledger.lotsOf(line.storeCode), need, today, mode, taken) })
    }
    return out
  }

  private needOf(item: ItemRow, line: StockLine) {
    const units = this.unitsOf(item, line)
    const chosen = line.lotId ? this.chosenLot(item, line.lotId) : undefined
    if (!line.packSize) return { name: line.name, units, chosen, codeLots: (line.traceCodes ?? []).map((c) => this.ledger.lotOfTraceCode(c)) }
    const loose = this.boxes.looseOf(line.storeCode).filter((o) => !chosen || o.lot.id === chosen.id)
    // A code scanned for a split line opens that box; the opened box's own code, scanned again, opens nothing.
    const codes = (line.traceCodes ?? []).filter((c) => !this.boxes.isOpenCode(c))
    return { name: line.name, units, loose, chosen, codeLots: codes.map((c) => this.ledger.lotOfTraceCode(c)) }
  }

  private chosenLot(item: ItemRow, lotId: string) {
    const lot = this.ledger.lot(lotId)
    if (lot.store_code.toUpperCase() !== item.store_code.toUpperCase()) throw new PosError('STOCK_LOT_NOT_FOUND', { lotNo: lot.lot_no })
    return lot
  }

  /** The lots a cashier may pick from for an item: every lot holding stock, soonest expiry first (expired ones shown, refused). */
  lotsFor(storeCode: string) {
    const today = this.ledger.today()
    return this.ledger
      .lotsOf(storeCode)
      .filter((l) => l.on_hand_units > 0)
      .map((l) => ({ lotId: l.id, lotNo: l.lot_no, expiryDate: l.expiry_date, onHandUnits: l.on_hand_units, expired: l.expiry_date < today }))
  }

  /** 拆零 needs the item's box size: only an item whose stock is managed has one. */
  splitPack(storeCode: string): { packSize: number; minUnit: string } | undefined {
    const item = this.ledger.item(storeCode)
    return item && item.pack_size > 1 ? { packSize: item.pack_size, minUnit: item.min_unit || '个' } : undefined
  }

  /** How many boxes a split sale of `units` opens (each to be scanned when the drug is traceable). */
  boxesToOpen(storeCode: string, units: number): number {
    const item = this.ledger.item(storeCode)
    return item ? this.boxes.boxesToOpen(storeCode, units, item.pack_size, this.ledger.today()) : 0
  }

  /** 拆零: how each split line of a sale left its boxes (seq → lot, code, units, opened), for the 3505/3506 uploads' trdn_flag and codes. */
  splitBoxes(saleId: string) {
    return this.boxes.boxesOf(saleId)
  }

  /** The same check for a sale already written, just before it is charged. */
  checkSale(saleId: string): void {
    this.ledger.inBookOf(this.trainingOf(saleId), () => this.check(this.saleLines(saleId)))
  }

  private saleLines(saleId: string) {
    return linesOf(this.db, saleId).map((r) => ({
      storeCode: r.store_code,
      name: r.name,
      qty: r.qty,
      traceCodes: JSON.parse(r.trace_codes) as string[],
      seq: r.seq,
      packSize: r.pack_size,
      lotId: r.lot_id,
    }))
  }

  /** Refuses a cart the counter must not sell (an expired lot, a shortfall the store does not allow); changes nothing. */
  check(lines: readonly StockLine[]): void {
    this.allocateLines(lines, { refuse: true, allowNegative: this.settings.get().allowNegative })
  }

  suggest(line: StockLine): Allocation[] {
    return this.allocateLines([line], { refuse: true, allowNegative: this.settings.get().allowNegative })[0]?.allocations ?? []
  }

  /**
   * Takes a settled sale's stock. `refuse` where nothing has been charged yet (cash, an offline sale
   * being queued): the caller's transaction rolls back. Not where the platform's answer is being
   * recorded: what happened is recorded, below zero if need be.
   */
  taken(saleId: string, actor: string, refuse: boolean): void {
    this.ledger.inBookOf(this.trainingOf(saleId), () => this.take(saleId, actor, refuse))
  }

  private trainingOf(saleId: string): number {
    return trainingOf(this.db, saleId) ?? 0
  }

  private take(saleId: string, actor: string, refuse: boolean): void {
    if (!this.claim(saleId, 'out')) return
    const lines = this.saleLines(saleId)
    const mode: AllocationMode = refuse ? { refuse: true, allowNegative: this.settings.get().allowNegative } : { refuse: false }
    const touched = new Set<string>()
    for (const { line, allocations } of this.allocateLines(lines, mode)) {
      if (line.packSize) {
        const codes = (line.traceCodes ?? []).map((code) => ({ code, lotId: this.ledger.lotOfTraceCode(code)?.id }))
        this.boxes.sell(saleId, line.seq, allocations, line.packSize, codes)
      }
      for (const a of allocations) {
        this.ledger.post({ kind: 'sale', lot: { id: a.lotId, store_code: line.storeCode }, qtyUnits: -a.units, sourceId: saleId, sourceLine: line.seq, actor })
        touched.add(line.storeCode)
      }
    }
    if (touched.size) this.changed([...touched])
  }

  /** Gives back exactly what the sale took, to the same lots; once, however many times a refund is recorded. */
  returned(saleId: string, actor: string): void {
    this.ledger.inBookOf(this.trainingOf(saleId), () => this.giveBack(saleId, actor))
  }

  private giveBack(saleId: string, actor: string): void {
    if (!this.claim(saleId, 'back')) return
    this.boxes.giveBack(saleId, (lotId) => this.ledger.item(this.ledger.lot(lotId).store_code)!.pack_size)
    const taken = saleMovements(this.db, saleId)
    if (!taken.length && localSaleOrigin(this.db, saleId) === 'shadow') return this.takeInShadow(saleId, actor)
    for (const m of taken) {
      this.ledger.post({
        kind: 'sale_return',
        lot: { id: m.lot_id, store_code: m.store_code },
        qtyUnits: -m.qty_units,
        sourceId: saleId,
        sourceLine: m.source_line,
        actor,
      })
    }
    if (taken.length) this.changed([...new Set(taken.map((m) => m.store_code))])
  }

  /**
   * Another counter's sale refunded here (store mode): the goods are handed back at this counter, so they go
   * into this counter's stock, though its ledger never took them. Each box whose code this counter received
   * goes back to that lot; the rest to the seller's lot when this counter holds it, else to the lot this
   * counter would sell from next (its rule for a line with no known lot). Never refused: the platform has
   * already given the money back. Items this counter does not manage stay unmanaged, as for its own sales.
   */
  private takeInShadow(saleId: string, actor: string): void {
    const today = this.ledger.today()
    const touched = new Set<string>()
    for (const line of this.saleLines(saleId)) {
      const item = this.ledger.item(line.storeCode)
      if (!item) continue
      const lots = this.ledger.lotsOf(line.storeCode)
      const chosen = lots.find((l) => l.id === line.lotId) ?? lots.find((l) => l.expiry_date >= today) ?? lots[lots.length - 1]
      if (!chosen) continue
      // A split line counts units; a box line counts boxes of this counter's pack size (whole units, half-up).
      const units = line.packSize ? yuan(line.qty).round().toNumber() : yuan(line.qty).times(item.pack_size).round().toNumber()
      const codeLots = line.packSize ? [] : (line.traceCodes ?? []).map((c) => this.ledger.lotOfTraceCode(c))
      for (const a of allocate(item, lots, { name: line.name, units, codeLots, chosen }, today, { refuse: false }, new Map())) {
        this.ledger.post({
          kind: 'sale_return',
          lot: { id: a.lotId, store_code: line.storeCode },
          qtyUnits: a.units,
          sourceId: saleId,
          sourceLine: line.seq,
          actor,
        })
        touched.add(line.storeCode)
      }
    }
    if (touched.size) this.changed([...touched])
  }

  private claim(saleId: string, direction: 'out' | 'back'): boolean {
    return claimPosting(this.db, saleId, direction, this.ledger.now())
  }
}

/** The part of the stock the sale module sees. */
export type SaleStock = Pick<CounterStock, 'check' | 'checkSale' | 'taken' | 'returned' | 'splitPack' | 'boxesToOpen'>
