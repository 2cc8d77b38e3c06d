import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import { PosError } from '../../../shared/contract'
import type { CorrectionInputSchema, ReceiveInputSchema, StockItemInputSchema, SupplierReturnInputSchema } from '../../../shared/contract/stock/schemas'
import { toFen } from '../../../shared/money/money'
import type { AuditTrail } from '../audit'
import type { CatalogService } from '../catalog'
import type { Db } from '../../base/store/database'
import type { MsgidSequence } from '../platform'
import * as store from './receiving-store'
import { boxesAndUnits, type ItemRow, type LotRow, type StockLedger } from './ledger'

type Receive = z.output<typeof ReceiveInputSchema>
type SupplierReturn = z.output<typeof SupplierReturnInputSchema>
type Correction = z.output<typeof CorrectionInputSchema>
type StockItemInput = z.output<typeof StockItemInputSchema>

/**
 * A lot's batch number (fixmedins_bchno, at most 30 characters): "02-20261205-153021-07", the counter's
 * number, the day and time, and the slot's counter within that second. It is a msgid's slot, so no other
 * counter of the institution makes it (each has its own number while it holds it, and the time only goes
 * forward), and this counter never makes it twice, even across a number change. Lots numbered before
 * ("T01-20261205-000001", by terminal id and a daily count: two counters at T01 made the same) keep theirs;
 * the two shapes never meet.
 */
export function batchNo(s: ReturnType<MsgidSequence['nextStamp']>): string {
  return `${s.terminal}-${s.time.slice(0, 8)}-${s.time.slice(8)}-${s.counter}`
}

/**
 * Goods in and out of the store other than through the counter: 采购入库, 采购退货 and corrections.
 * Each is one transaction with its audit record; a refused line leaves nothing behind.
 */
export class Receiving {
  constructor(
    private readonly db: Db,
    private readonly ledger: StockLedger,
    private readonly audit: AuditTrail,
    private readonly catalog: Pick<CatalogService, 'findByStoreCode' | 'nationalEntry'>,
    /** Where batch numbers come from: the counter's msgid sequence (its number, the time, a slot never issued twice). */
    private readonly stamps: () => Pick<MsgidSequence, 'nextStamp'>,
  ) {}

  private catalogItem(storeCode: string) {
    const item = this.catalog.findByStoreCode(storeCode)
    if (!item) throw new PosError('CATALOG_ITEM_NOT_FOUND', { storeCode, at: 'receiving' })
    return item
  }

  /**
   * The item's stock row, created by its first receipt; its pack size is fixed once anything moved. A first
   * receipt that does not say the pack size takes the national catalog's (min_pac_cnt of min_useunt: 24 粒).
   */
  private ensureItem(storeCode: string, packSize: number | undefined, minUnit?: string): ItemRow {
    const existing = this.ledger.item(storeCode)
    if (existing) {
      if (packSize !== undefined && packSize !== existing.pack_size) {
        throw new PosError('STOCK_PACK_SIZE', { storeCode, packSize: existing.pack_size, wanted: packSize })
      }
      return existing
    }
    if (packSize === undefined) {
      const code = this.catalog.findByStoreCode(storeCode)?.nationalCode
      const national = code ? this.catalog.nationalEntry(code) : null
      if (national?.packCount) {
        packSize = national.packCount
        minUnit ||= national.useUnit
      }
    }
    if (packSize === undefined) throw new PosError('STOCK_PACK_SIZE', { storeCode })
    store.insertItem(this.db, this.ledger.book(), storeCode, packSize, minUnit ?? '', this.ledger.now())
    return this.ledger.item(storeCode)!
  }

  private lotFor(storeCode: string, line: { lotNo: string; manuDate: string; expiryDate: string; costPerBox: string }, supplier: string): LotRow {
    const existing = store.lotByNo(this.db, this.ledger.book(), storeCode, line.lotNo)
    if (existing) {
      if (existing.manu_date !== line.manuDate || existing.expiry_date !== line.expiryDate) {
        throw new PosError('STOCK_LOT_MISMATCH', {
          lotNo: line.lotNo,
          manuDate: existing.manu_date,
          expiry: existing.expiry_date,
          givenManuDate: line.manuDate,
          givenExpiry: line.expiryDate,
        })
      }
      return existing
    }
    const id = randomUUID()
    const bchno = batchNo(this.stamps().nextStamp())
    store.insertLot(this.db, {
      id,
      book: this.ledger.book(),
      bchno,
      storeCode,
      lotNo: line.lotNo,
      manuDate: line.manuDate,
      expiryDate: line.expiryDate,
      supplier,
      costFen: toFen(line.costPerBox),
      at: this.ledger.now(),
    })
    return this.ledger.lot(id)
  }

  receive(input: Receive, actor: string): { receiptId: string; lotIds: string[]; storeCodes: string[] } {
    const receiptId = randomUUID()
    const lotIds: string[] = []
    this.db.transaction(() => {
      input.lines.forEach((line, i) => {
        const catalogItem = this.catalogItem(line.storeCode)
        const item = this.ensureItem(catalogItem.storeCode, line.packSize, line.minUnit)
        if (line.minUnit && line.minUnit !== item.min_unit) {
          store.setMinUnit(this.db, this.ledger.book(), item.store_code, line.minUnit)
        }
        if (line.expiryDate < this.ledger.today()) {
          throw new PosError('STOCK_LOT_EXPIRED', { name: catalogItem.name, lotNo: line.lotNo, expiry: line.expiryDate, at: 'receiving' })
        }
        const lot = this.lotFor(item.store_code, line, input.supplier)
        this.ledger.post({
          kind: 'receipt',
          lot,
          qtyUnits: line.boxes * item.pack_size + line.units,
          sourceId: receiptId,
          sourceLine: i + 1,
          reason: input.supplier,
          actor,
        })
        for (const code of line.traceCodes) {
          try {
            store.insertTraceCode(this.db, this.ledger.book(), code, lot.id, receiptId)
          } catch {
            throw new PosError('STOCK_TRACE_DUPLICATE', { code })
          }
        }
        lotIds.push(lot.id)
      })
      this.audit.append({
        actor,
        action: 'stock.received',
        subject: receiptId,
        detail: {
          supplier: input.supplier,
          invoiceNo: input.invoiceNo,
          lines: input.lines.map((l) => ({
            storeCode: l.storeCode,
            lotNo: l.lotNo,
            boxes: l.boxes,
            units: l.units,
            costPerBox: l.costPerBox,
            traceCodes: l.traceCodes.length,
          })),
        },
      })
    })()
    return { receiptId, lotIds: [...new Set(lotIds)], storeCodes: [...new Set(input.lines.map((l) => l.storeCode))] }
  }

  returnToSupplier(input: SupplierReturn, actor: string): { returnId: string; lotIds: string[] } {
    const returnId = randomUUID()
    this.db.transaction(() => {
      input.lines.forEach((line, i) => {
        const lot = this.ledger.lot(line.lotId)
        const item = this.ledger.item(lot.store_code)!
        const units = line.boxes * item.pack_size + line.units
        if (units > lot.on_hand_units) {
          throw new PosError('STOCK_INSUFFICIENT', {
            why: 'returnMore',
            lotNo: lot.lot_no,
            onHand: boxesAndUnits(lot.on_hand_units, item.pack_size, item.min_unit),
            returned: boxesAndUnits(units, item.pack_size, item.min_unit),
          })
        }
        this.ledger.post({
          kind: 'supplier_return',
          lot,
          qtyUnits: -units,
          sourceId: returnId,
          sourceLine: i + 1,
          reason: `${input.supplier}：${input.reason}`,
          actor,
        })
      })
      this.audit.append({
        actor,
        action: 'stock.returnedToSupplier',
        subject: returnId,
        detail: { supplier: input.supplier, reason: input.reason, lines: input.lines },
      })
    })()
    return { returnId, lotIds: input.lines.map((l) => l.lotId) }
  }

  correct(input: Correction, actor: string): void {
    const correctionId = randomUUID()
    this.db.transaction(() => {
      const lot = this.ledger.lot(input.lotId)
      if (lot.on_hand_units + input.deltaUnits < 0 && input.deltaUnits < 0) {
        throw new PosError('STOCK_INSUFFICIENT', { why: 'belowZero', lotNo: lot.lot_no, onHand: lot.on_hand_units })
      }
      this.ledger.post({ kind: 'correction', lot, qtyUnits: input.deltaUnits, sourceId: correctionId, reason: input.reason, actor })
      this.audit.append({
        actor,
        action: 'stock.corrected',
        subject: correctionId,
        detail: { lotId: lot.id, lotNo: lot.lot_no, storeCode: lot.store_code, deltaUnits: input.deltaUnits, reason: input.reason },
      })
    })()
  }

  setItem(input: StockItemInput, actor: string): ItemRow {
    return this.db.transaction(() => {
      const storeCode = this.catalogItem(input.storeCode).storeCode
      const existing = this.ledger.item(storeCode)
      if (existing && input.packSize !== undefined && input.packSize !== existing.pack_size) {
        if (store.hasMoved(this.db, this.ledger.book(), storeCode)) this.ensureItem(storeCode, input.packSize)
        store.setPackSize(this.db, this.ledger.book(), storeCode, input.packSize)
      }
      const item = existing ? this.ledger.item(storeCode)! : this.ensureItem(storeCode, input.packSize ?? 1, input.minUnit)
      store.setMinUnitAndReorder(this.db, this.ledger.book(), storeCode, input.minUnit ?? item.min_unit, input.reorderUnits ?? item.reorder_units)
      this.audit.append({ actor, action: 'stock.itemSet', subject: storeCode, detail: { before: existing ?? null, set: input } })
      return this.ledger.item(storeCode)!
    })()
  }
}
