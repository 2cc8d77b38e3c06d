import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import { PosError } from '../../../shared/contract'
import type { StocktakeInputSchema, StocktakeLineSchema } from '../../../shared/contract/stock/schemas'
import type { AuditTrail } from '../audit'
import type { Db } from '../../base/store/database'
import { boxesAndUnits, type LotRow, type StockLedger } from './ledger'

type StocktakeInput = z.output<typeof StocktakeInputSchema>
type StocktakeLine = z.infer<typeof StocktakeLineSchema>

/**
 * 盘点: what was counted against the book, lot by lot. The book is read inside the posting transaction,
 * so a sale made while the shelf was being counted is not posted twice: the difference is taken against
 * the balance at the moment of posting.
 */
export class Stocktake {
  constructor(
    private readonly db: Db,
    private readonly ledger: StockLedger,
    private readonly audit: AuditTrail,
  ) {}

  post(input: StocktakeInput, actor: string): { stocktakeId: string; lines: StocktakeLine[]; storeCodes: string[] } {
    const stocktakeId = randomUUID()
    return this.db.transaction(() => {
      const counted = new Map<string, { lot: LotRow; units: number; reason: string }>()
      const entry = (lot: LotRow) => {
        let e = counted.get(lot.id)
        if (!e) counted.set(lot.id, (e = { lot, units: 0, reason: '' }))
        return e
      }
      for (const c of input.counts) {
        const e = entry(this.ledger.lot(c.lotId))
        e.units += c.countedUnits
        if (c.reason) e.reason = c.reason
      }
      for (const code of input.scanned) {
        const lot = this.ledger.lotOfTraceCode(code)
        if (!lot) throw new PosError('STOCK_TRACE_UNKNOWN', { code, at: 'stocktake' })
        entry(lot).units += this.ledger.item(lot.store_code)!.pack_size
      }
      const lines: StocktakeLine[] = [...counted.values()].map(({ lot, units, reason }) => ({
        lotId: lot.id,
        lotNo: lot.lot_no,
        storeCode: lot.store_code,
        bookUnits: lot.on_hand_units,
        countedUnits: units,
        differenceUnits: units - lot.on_hand_units,
        reason,
      }))
      const unexplained = lines.filter((l) => l.differenceUnits !== 0 && l.reason.trim().length < 2)
      if (unexplained.length) {
        const describe = (l: StocktakeLine) => {
          const item = this.ledger.item(l.storeCode)!
          return `${l.storeCode} 批号 ${l.lotNo} 差 ${boxesAndUnits(l.differenceUnits, item.pack_size, item.min_unit)}`
        }
        throw new PosError(
          'STOCK_COUNT_UNEXPLAINED',
          { count: unexplained.length, lots: unexplained.map(describe) },
          unexplained.map((l) => ({ path: `counts.${l.lotId}`, message: describe(l) })),
        )
      }
      lines.forEach((l, i) => {
        if (l.differenceUnits !== 0) {
          this.ledger.post({
            kind: 'count',
            lot: { id: l.lotId, store_code: l.storeCode },
            qtyUnits: l.differenceUnits,
            sourceId: stocktakeId,
            sourceLine: i + 1,
            reason: l.reason,
            actor,
          })
        }
      })
      this.audit.append({
        actor,
        action: 'stock.stocktakePosted',
        subject: stocktakeId,
        detail: {
          note: input.note,
          lots: lines.length,
          scanned: input.scanned.length,
          differences: lines.filter((l) => l.differenceUnits !== 0).map((l) => ({ lotId: l.lotId, differenceUnits: l.differenceUnits, reason: l.reason })),
        },
      })
      return { stocktakeId, lines, storeCodes: [...new Set(lines.filter((l) => l.differenceUnits !== 0).map((l) => l.storeCode))] }
    })()
  }
}
