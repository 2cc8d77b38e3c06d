import type { CoreContext, CoreModule } from '../module'
import { CounterStock } from './counter-stock'
import { StockLedger } from './ledger'
import { OpenBoxes } from './open-boxes'
import { Receiving } from './receiving'
import { StockSettingsStore } from './stock-settings-store'
import { Stocktake } from './stocktake'
import { savedExport, stockWorkbook } from './stock-export'
import { stockCharts } from './stock-value'
import { StockViews } from './views'
import type { STOCK_CALLS } from '../../../shared/contract/stock/names'
import { PosError } from '../../../shared/contract'
import { msgidSequenceFor } from '../platform'

export interface StockModule extends CoreModule<(typeof STOCK_CALLS)[number]> {
  /** What the sale module calls inside its own transactions. */
  counter: CounterStock
}

export function stockModule(ctx: CoreContext): StockModule {
  const terminalId = () => ctx.settings.get().terminalId
  const ledger = new StockLedger(ctx.db, ctx.clock, terminalId, () => ctx.settings.get().trainingMode)
  const settings = new StockSettingsStore(ctx.db, ctx.audit)
  const changed = (storeCodes: string[]) => {
    // Sale hooks run inside the sale's transaction: tell the screens once it has committed.
    if (storeCodes.length) queueMicrotask(() => ctx.events.emit('stockChanged', { storeCodes }))
  }
  const counter = new CounterStock(ctx.db, ledger, settings, changed, new OpenBoxes(ctx.db, ledger))
  const receiving = new Receiving(ctx.db, ledger, ctx.audit, ctx.catalog, () => msgidSequenceFor(ctx.db, ctx.clock, ctx.settings.get()))
  const stocktake = new Stocktake(ctx.db, ledger, ctx.audit)
  const views = new StockViews(ctx.db, ledger, ctx.catalog)
  const classOf = (storeCode: string) => {
    const item = ctx.catalog.findByStoreCode(storeCode)
    return item?.insuredEligible && item.classLabel ? item.classLabel : '自费'
  }
  return {
    counter,
    handlers: {
      receiveStock: (input, caller) => {
        const r = receiving.receive(input, caller.id)
        changed(r.storeCodes)
        return { receiptId: r.receiptId, lots: views.lots(r.lotIds) }
      },
      returnToSupplier: (input, caller) => {
        const r = receiving.returnToSupplier(input, caller.id)
        const lots = views.lots([...new Set(r.lotIds)])
        changed([...new Set(lots.map((l) => l.storeCode))])
        return { returnId: r.returnId, lots }
      },
      correctStock: (input, caller) => {
        receiving.correct(input, caller.id)
        const lot = views.lot(input.lotId)
        changed([lot.storeCode])
        return lot
      },
      postStocktake: (input, caller) => {
        const r = stocktake.post(input, caller.id)
        changed(r.storeCodes)
        return { stocktakeId: r.stocktakeId, lines: r.lines }
      },
      setStockItem: (input, caller) => {
        const item = receiving.setItem(input, caller.id)
        return { storeCode: item.store_code, packSize: item.pack_size, minUnit: item.min_unit, reorderUnits: item.reorder_units }
      },
      lookupTraceCode: ({ code }) => {
        const lot = ledger.lotOfTraceCode(code)
        if (!lot) throw new PosError('STOCK_TRACE_UNKNOWN', { code, at: 'lookup' })
        return views.lot(lot.id)
      },
      suggestLots: ({ storeCode, qty, traceCodes, by, lotId }) =>
        counter.suggest({
          storeCode,
          name: ctx.catalog.findByStoreCode(storeCode)?.name ?? storeCode,
          qty,
          traceCodes,
          lotId,
          packSize: by === 'unit' ? counter.splitPack(storeCode)?.packSize : undefined,
        }),
      counterLots: ({ storeCode }) => counter.lotsFor(storeCode),
      stockLots: ({ storeCode, includeEmpty }) => views.onHand(storeCode, includeEmpty),
      stockOnHand: ({ storeCodes }) => views.onHandOf(storeCodes),
      stockAlerts: ({ nearExpiryDays }) => views.alerts(nearExpiryDays ?? settings.get().nearExpiryDays),
      stockCharts: ({ nearExpiryDays }) => {
        const days = nearExpiryDays ?? settings.get().nearExpiryDays
        return stockCharts(views.onHand(undefined, false), classOf, ledger.today(), days)
      },
      exportStock: async ({ nearExpiryDays }) => {
        const s = ctx.settings.get()
        const training = s.trainingMode
        const at = ctx.clock.now()
        const data = await stockWorkbook({
          alerts: views.alerts(nearExpiryDays ?? settings.get().nearExpiryDays),
          lots: views.onHand(undefined, false),
          movements: views.allMovements(50_000),
          meta: [
            `${s.fixmedinsName}（${s.fixmedinsCode}）`,
            `终端 ${s.terminalId}`,
            `库存报表 ${ledger.today()}${training ? '（培训模式）' : ''}`,
            `导出时间 ${at.toISOString()}`,
          ],
          at,
        })
        return savedExport(ctx.config.dataDir, `gongji-stock-${ledger.today()}${training ? '-training' : ''}.xlsx`, data)
      },
      stockLedger: ({ storeCode, limit }) => views.movements(storeCode, limit),
      stockSettings: () => settings.get(),
      updateStockSettings: (patch, caller) => settings.update(patch, caller.id),
    },
  }
}
