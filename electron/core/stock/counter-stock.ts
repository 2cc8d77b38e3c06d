import { PosError } from '../../../shared/contract'
import type { Allocation } from '../../../shared/contract/stock/schemas'
import { yuan } from '../../../shared/money/money'
import type { Db } from '../../base/store/database'
import { prepared } from '../../base/store/statements'
import { linesOf, trainingOf } from '../ledger/sale-reads'
import { allocate, type AllocationMode } from './allocation'
import type { ItemRow, StockLedger } from './ledger'
import type { StockSettingsStore } from './stock-settings'

export interface StockLine {
  storeCode: string
  name: string
  /** Boxes, as the cart and sale_lines carry it (up to 4 decimals). */
  qty: string
  traceCodes?: readonly string[]
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
  ) {}

  private unitsOf(item: ItemRow, line: Pick<StockLine, 'name' | 'qty'>): number {
    const units = yuan(line.qty).times(item.pack_size)
    if (!units.isInteger()) {
      throw new PosError('STOCK_NOT_WHOLE_UNITS', `「${line.name}」每盒 ${item.pack_size} ${item.min_unit || '个'}，${line.qty} 盒不是整数个最小单位，请按整盒或整${item.min_unit || '个'}销售`)
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
      const need = { name: line.name, units: this.unitsOf(item, line), codeLots: (line.traceCodes ?? []).map((c) => this.ledger.lotOfTraceCode(c)) }
      out.push({ line, allocations: allocate(item, this.ledger.lotsOf(line.storeCode), need, today, mode, taken) })
    }
    return out
  }

  /** The same check for a sale already written, just before it is charged. */
  checkSale(saleId: string): void {
    this.ledger.inBookOf(this.trainingOf(saleId), () => this.check(this.saleLines(saleId)))
  }

  private saleLines(saleId: string) {
    return linesOf(this.db, saleId).map((r) => ({ storeCode: r.store_code, name: r.name, qty: r.qty, traceCodes: JSON.parse(r.trace_codes) as string[], seq: r.seq }))
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
    const taken = prepared(this.db, "SELECT lot_id, store_code, qty_units, source_line FROM stock_movement WHERE source_id = ? AND kind = 'sale' ORDER BY at, id").all(saleId) as {
      lot_id: string
      store_code: string
      qty_units: number
      source_line: number
    }[]
    for (const m of taken) {
      this.ledger.post({ kind: 'sale_return', lot: { id: m.lot_id, store_code: m.store_code }, qtyUnits: -m.qty_units, sourceId: saleId, sourceLine: m.source_line, actor })
    }
    if (taken.length) this.changed([...new Set(taken.map((m) => m.store_code))])
  }

  private claim(saleId: string, direction: 'out' | 'back'): boolean {
    return prepared(this.db, 'INSERT OR IGNORE INTO stock_sale_posting (sale_id, direction, at) VALUES (?, ?, ?)').run(saleId, direction, this.ledger.now()).changes === 1
  }
}

/** The part of the stock the sale module sees. */
export type SaleStock = Pick<CounterStock, 'check' | 'checkSale' | 'taken' | 'returned'>
