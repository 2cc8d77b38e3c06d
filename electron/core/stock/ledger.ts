import { randomUUID } from 'node:crypto'
import { PosError } from '../../../shared/contract'
import type { MovementKind } from '../../../shared/contract/stock/schemas'
import type { Clock } from '../../base/clock'
import { cstDay } from '../sale'
import type { Db } from '../../base/store/database'
import { StockLedgerStore } from './ledger-store'

export interface LotRow {
  id: string
  bchno: string
  store_code: string
  lot_no: string
  manu_date: string
  expiry_date: string
  supplier: string
  cost_fen: number
  on_hand_units: number
  created_at: string
}

export interface ItemRow {
  store_code: string
  pack_size: number
  min_unit: string
  reorder_units: number
}

export interface Movement {
  kind: MovementKind
  lot: Pick<LotRow, 'id' | 'store_code'>
  qtyUnits: number
  sourceId: string
  sourceLine?: number
  reason?: string
  actor: string
}

/**
 * The movement ledger and the lots it moves. Every change of stock is one appended movement and the same
 * change to its lot's balance, in the caller's transaction. Movement ids are UUIDs and carry the
 * terminal, so movements made on different counters can later be merged by a store node as they are.
 */
export class StockLedger {
  private sale: 0 | 1 | null = null
  private readonly store: StockLedgerStore

  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly terminalId: () => string,
    private readonly trainingMode: () => boolean,
  ) {
    this.store = new StockLedgerStore(db)
  }

  /** The book every read and write goes to: the training book in training mode, else the store's. */
  book(): 0 | 1 {
    return this.sale ?? (this.trainingMode() ? 1 : 0)
  }

  /** Runs a sale's stock step in the book the sale was made in, whatever the mode is now. */
  inBookOf<T>(training: number, work: () => T): T {
    const outer = this.sale
    this.sale = training ? 1 : 0
    try {
      return work()
    } finally {
      this.sale = outer
    }
  }

  now(): string {
    return this.clock.now().toISOString()
  }

  today(): string {
    return cstDay(this.clock.now())
  }

  post(m: Movement): string {
    const id = randomUUID()
    this.store.insertMovement({
      id,
      book: this.book(),
      at: this.now(),
      kind: m.kind,
      storeCode: m.lot.store_code,
      lotId: m.lot.id,
      qtyUnits: m.qtyUnits,
      sourceId: m.sourceId,
      sourceLine: m.sourceLine ?? 0,
      reason: m.reason ?? '',
      actor: m.actor,
      terminalId: this.terminalId(),
    })
    return id
  }

  item(storeCode: string): ItemRow | undefined {
    return this.store.item(this.book(), storeCode)
  }

  lot(lotId: string): LotRow {
    const lot = this.store.lot(this.book(), lotId)
    if (!lot) throw new PosError('STOCK_LOT_NOT_FOUND', { lotId })
    return lot
  }

  /** An item's lots, soonest expiry first (then oldest receipt): the order the counter sells them in. */
  lotsOf(storeCode: string): LotRow[] {
    return this.store.lotsOf(this.book(), storeCode)
  }

  lotOfTraceCode(code: string): LotRow | undefined {
    return this.store.lotOfTraceCode(this.book(), code)
  }

  /** The lot's balance as the ledger says it: what on_hand_units must always equal. */
  ledgerSum(lotId: string): number {
    return this.store.ledgerSum(lotId)
  }
}

/** "3 盒 4 片" from smallest units, for messages. */
export function boxesAndUnits(units: number, packSize: number, minUnit: string): string {
  const sign = units < 0 ? '-' : ''
  const abs = Math.abs(units)
  const boxes = Math.trunc(abs / packSize)
  const loose = abs % packSize
  if (packSize === 1) return `${sign}${abs} ${minUnit || '盒'}`
  return `${sign}${boxes} 盒${loose ? ` ${loose} ${minUnit || '个'}` : ''}`
}
