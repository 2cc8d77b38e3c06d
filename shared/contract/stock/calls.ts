import { z } from 'zod'
import { ANY_STAFF, COUNTER, defineCall, MANAGER, NoInput, type CallDef } from '../define'
import { ExportSchema } from '../manager/schemas'
import type { STOCK_CALLS } from './names'
import {
  AllocationSchema,
  CorrectionInputSchema,
  LotViewSchema,
  MovementViewSchema,
  OnHandSchema,
  CounterLotSchema,
  StockChartsSchema,
  ReceiveInputSchema,
  StockAlertsSchema,
  StockItemInputSchema,
  StockSettingsSchema,
  StocktakeInputSchema,
  StocktakeLineSchema,
  SuggestInputSchema,
  SupplierReturnInputSchema,
  TraceCodeSchema,
} from './schemas'

const StoreCodeInputSchema = z.string().trim().min(1).max(40)
const LOT_ERRORS = ['STOCK_LOT_NOT_FOUND', 'STOCK_INSUFFICIENT'] as const

export const stockCalls = {
  receiveStock: defineCall({
    summary:
      '采购入库: goods received from a supplier, per line a lot (批号, production and expiry date), boxes and loose units, cost per box and the traceability codes scanned, each tied to its lot. One transaction, audited.',
    access: MANAGER,
    input: ReceiveInputSchema,
    output: z.object({ receiptId: z.string(), lots: z.array(LotViewSchema) }),
    errors: ['CATALOG_ITEM_NOT_FOUND', 'STOCK_LOT_MISMATCH', 'STOCK_LOT_EXPIRED', 'STOCK_PACK_SIZE', 'STOCK_TRACE_DUPLICATE'],
  }),
  returnToSupplier: defineCall({
    summary: '采购退货: boxes or units of lots sent back to a supplier, with the reason. Never more than the lot holds. Audited.',
    access: MANAGER,
    input: SupplierReturnInputSchema,
    output: z.object({ returnId: z.string(), lots: z.array(LotViewSchema) }),
    errors: LOT_ERRORS,
  }),
  correctStock: defineCall({
    summary: 'A correction of one lot by a signed number of smallest units, with the reason (broken, found, wrong entry). Audited.',
    access: MANAGER,
    input: CorrectionInputSchema,
    output: LotViewSchema,
    errors: LOT_ERRORS,
  }),
  postStocktake: defineCall({
    summary:
      '盘点: lots counted by list (units typed) and by scan (a code is one box of its lot); every difference from the book needs a reason, then all differences are posted as count movements in one transaction. Lots not counted are unchanged.',
    access: MANAGER,
    input: StocktakeInputSchema,
    output: z.object({ stocktakeId: z.string(), lines: z.array(StocktakeLineSchema) }),
    errors: ['STOCK_LOT_NOT_FOUND', 'STOCK_TRACE_UNKNOWN', 'STOCK_COUNT_UNEXPLAINED'],
  }),
  setStockItem: defineCall({
    summary: "An item's stock facts: smallest units per box (only before its first movement), the smallest unit's name, the reorder level.",
    access: MANAGER,
    input: StockItemInputSchema,
    output: z.object({ storeCode: z.string(), packSize: z.number().int(), minUnit: z.string(), reorderUnits: z.number().int() }),
    errors: ['CATALOG_ITEM_NOT_FOUND', 'STOCK_PACK_SIZE'],
  }),
  lookupTraceCode: defineCall({
    summary: 'The lot a box was received in, from its traceability code.',
    access: ANY_STAFF,
    input: z.object({ code: TraceCodeSchema }).strict(),
    output: LotViewSchema,
    errors: ['STOCK_TRACE_UNKNOWN'],
  }),
  suggestLots: defineCall({
    summary:
      'The lots a counter line would be taken from: the lot of each scanned box, the rest first-expiry-first-out. Refuses an expired lot and, unless the store allows negative stock, a shortfall. Empty for an item whose stock is not managed.',
    access: COUNTER,
    input: SuggestInputSchema,
    output: z.array(AllocationSchema),
    errors: ['STOCK_LOT_EXPIRED', 'STOCK_INSUFFICIENT', 'STOCK_NOT_WHOLE_UNITS', 'STOCK_LOT_NOT_FOUND'],
  }),
  counterLots: defineCall({
    summary:
      'The lots a cashier may pick for a line whose boxes carry no scanned code: every lot of the item holding stock, soonest expiry first; expired lots are listed, marked, and refused if picked.',
    access: COUNTER,
    input: z.object({ storeCode: StoreCodeInputSchema }).strict(),
    output: z.array(CounterLotSchema),
    errors: [],
  }),
  stockLots: defineCall({
    summary: 'Stock on hand by lot, soonest expiry first; for one item, or every lot holding stock (or below zero).',
    access: MANAGER,
    input: z.object({ storeCode: z.string().trim().max(40).optional(), includeEmpty: z.boolean().default(false) }).strict(),
    output: z.array(LotViewSchema),
    errors: [],
  }),
  stockOnHand: defineCall({
    summary:
      'Stock on hand of the items a search shows: sellable units (lots not expired), units in expired lots, loose units of opened boxes. Items whose stock is not managed are left out.',
    access: ANY_STAFF,
    input: z.object({ storeCodes: z.array(z.string().trim().min(1).max(40)).max(200) }).strict(),
    output: z.array(OnHandSchema),
    errors: [],
  }),
  stockAlerts: defineCall({
    summary:
      'What the manager must act on: lots near expiry (the setting or the days given), expired lots still held, items below their reorder level, lots below zero.',
    access: MANAGER,
    input: z.object({ nearExpiryDays: z.number().int().min(1).max(730).optional() }).strict(),
    output: StockAlertsSchema,
    errors: [],
  }),
  stockCharts: defineCall({
    summary:
      'Charts for the manager: stock value at cost by insurance class (甲/乙/丙/自费), and units and value expiring week by week within the near-expiry days (the setting or the days given), expired lots as the first bar.',
    access: MANAGER,
    input: z.object({ nearExpiryDays: z.number().int().min(1).max(730).optional() }).strict(),
    output: StockChartsSchema,
    errors: [],
  }),
  exportStock: defineCall({
    summary:
      '库存报表 as xlsx: near expiry, expired, below reorder, every lot on hand (with value at cost) and the movement ledger (newest first, at most 50,000 rows), one sheet each. A copy stays in the data folder.',
    access: MANAGER,
    input: z.object({ nearExpiryDays: z.number().int().min(1).max(730).optional() }).strict(),
    output: ExportSchema,
    errors: [],
  }),
  stockLedger: defineCall({
    summary: "An item's movement ledger, newest first: every receipt, return, correction, count, sale and sale return.",
    access: MANAGER,
    input: z.object({ storeCode: z.string().trim().min(1).max(40), limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    output: z.array(MovementViewSchema),
    errors: [],
  }),
  stockSettings: defineCall({
    summary: "The store's stock settings: whether the counter may sell below zero, how many days count as near expiry.",
    access: ANY_STAFF,
    input: NoInput,
    output: StockSettingsSchema,
    errors: [],
  }),
  updateStockSettings: defineCall({
    summary: "Changes the store's stock settings. Audited.",
    access: MANAGER,
    input: StockSettingsSchema.partial().strict(),
    output: StockSettingsSchema,
    errors: [],
  }),
} satisfies Record<(typeof STOCK_CALLS)[number], CallDef>
