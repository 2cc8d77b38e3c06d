import { z } from 'zod'
import { YuanStringSchema } from '../../catalog/schemas'
import { hasAtMostDecimals } from '../../money/money'
import { QtySchema } from '../../sale/schemas'

/**
 * The pharmacy's stock: lots (批次) of store items, and an append-only ledger of movements. Quantities
 * cross the boundary as whole smallest units (片, 粒, 支; a box is packSize of them) so no fraction of a
 * box is ever rounded; screens show boxes and loose units.
 */

/** What a sale may be refused for by stock, at opening and again before it is charged. */
export const STOCK_SALE_ERRORS = [
  'STOCK_LOT_EXPIRED',
  'STOCK_INSUFFICIENT',
  'STOCK_NOT_WHOLE_UNITS',
  'STOCK_SPLIT_UNAVAILABLE',
  'STOCK_PACK_SIZE',
  'STOCK_LOT_NOT_FOUND',
] as const

export const TraceCodeSchema = z.string().regex(/^\d{20}$/, '追溯码应为 20 位数字')
const StoreCodeSchema = z.string().trim().min(1, '店内编码不能为空').max(40)
/** A calendar date as printed on the box (YYYY-MM-DD). */
export const DaySchema = z.iso.date({ error: '日期应为 YYYY-MM-DD' })
const ReasonSchema = z.string().trim().min(2, '请写明原因（至少 2 个字）').max(200)
const UnitsSchema = z.number().int().min(0).max(100_000_000)
const PackSizeSchema = z.number().int().min(1, '每盒数量至少为 1').max(100_000)
const CostSchema = z
  .string()
  .regex(/^\d+(\.\d+)?$/, '进价须为非负数字')
  .refine((v) => hasAtMostDecimals(v, 2), '进价至多 2 位小数')

export const MovementKindSchema = z.enum(['receipt', 'supplier_return', 'correction', 'count', 'sale', 'sale_return'])
export type MovementKind = z.infer<typeof MovementKindSchema>

export const ReceiptLineSchema = z
  .object({
    storeCode: StoreCodeSchema,
    /** 生产批号 (manu_lotnum) as printed on the box. */
    lotNo: z.string().trim().min(1, '批号不能为空').max(40),
    manuDate: DaySchema,
    expiryDate: DaySchema,
    boxes: UnitsSchema,
    /** Loose smallest units on top of the whole boxes. */
    units: UnitsSchema.default(0),
    /** Smallest units per box; required the first time an item is received, fixed afterwards. */
    packSize: PackSizeSchema.optional(),
    /** 最小单位 (片, 粒, 支), the unit 拆零 sells by; kept from the item's first receipt unless given. */
    minUnit: z.string().trim().min(1).max(8).optional(),
    /** Purchase price per box, yuan. */
    costPerBox: CostSchema,
    /** The boxes' traceability codes scanned at receipt: each ties that box to this lot. */
    traceCodes: z.array(TraceCodeSchema).max(5000).default([]),
  })
  .strict()
  .refine((l) => l.boxes + l.units > 0, { message: '入库数量须大于 0', path: ['boxes'] })
  .refine((l) => l.manuDate < l.expiryDate, { message: '有效期须晚于生产日期', path: ['expiryDate'] })
  .refine((l) => l.traceCodes.length <= l.boxes, { message: '扫描的追溯码多于入库盒数', path: ['traceCodes'] })
  .refine((l) => new Set(l.traceCodes).size === l.traceCodes.length, { message: '同一追溯码扫描了两次', path: ['traceCodes'] })

export const ReceiveInputSchema = z
  .object({
    supplier: z.string().trim().min(1, '供应商不能为空').max(80),
    invoiceNo: z.string().trim().max(40).default(''),
    lines: z.array(ReceiptLineSchema).min(1, '至少一行').max(2000),
  })
  .strict()

export const LotQtySchema = z
  .object({ lotId: z.string().min(1), boxes: UnitsSchema.default(0), units: UnitsSchema.default(0) })
  .strict()
  .refine((l) => l.boxes + l.units > 0, { message: '数量须大于 0', path: ['boxes'] })

export const SupplierReturnInputSchema = z
  .object({ supplier: z.string().trim().min(1, '供应商不能为空').max(80), reason: ReasonSchema, lines: z.array(LotQtySchema).min(1).max(2000) })
  .strict()

export const CorrectionInputSchema = z
  .object({
    lotId: z.string().min(1),
    deltaUnits: z
      .number()
      .int()
      .min(-100_000_000)
      .max(100_000_000)
      .refine((n) => n !== 0, '调整数量不能为 0'),
    reason: ReasonSchema,
  })
  .strict()

export const StocktakeInputSchema = z
  .object({
    note: z.string().trim().max(200).default(''),
    /** Counted by list: loose units and whole boxes typed per lot, with the reason for any difference. */
    counts: z
      .array(z.object({ lotId: z.string().min(1), countedUnits: UnitsSchema.default(0), reason: z.string().trim().max(200).default('') }).strict())
      .max(50_000)
      .default([]),
    /** Counted by scan: each traceability code is one whole box of its lot, added to that lot's count. */
    scanned: z.array(TraceCodeSchema).max(100_000).default([]),
  })
  .strict()
  .refine((s) => s.counts.length + s.scanned.length > 0, { message: '没有清点任何批次', path: ['counts'] })

export const StockItemInputSchema = z
  .object({
    storeCode: StoreCodeSchema,
    packSize: PackSizeSchema.optional(),
    /** 最小单位 as the box says it (片, 粒, 支). */
    minUnit: z.string().trim().min(1).max(8).optional(),
    /** Below this many smallest units the item is listed for reordering; 0 never. */
    reorderUnits: UnitsSchema.optional(),
  })
  .strict()

export const StockSettingsSchema = z.object({
  /** Sell a managed item below zero (the shortfall shows as negative stock) instead of refusing it. */
  allowNegative: z.boolean(),
  /** A lot expiring within this many days is listed as near expiry. */
  nearExpiryDays: z.number().int().min(1).max(730),
})
export type StockSettings = z.infer<typeof StockSettingsSchema>

export const SuggestInputSchema = z
  .object({
    storeCode: StoreCodeSchema,
    qty: QtySchema,
    traceCodes: z.array(TraceCodeSchema).max(200).default([]),
    /** unit: 拆零, qty counts smallest units (opened boxes first). */
    by: z.enum(['pack', 'unit']).default('pack'),
    /** A lot the cashier picked: checked (expired, short) instead of the first-expiry-first-out choice. */
    lotId: z.string().min(1).max(64).optional(),
  })
  .strict()

/** A lot as the cashier picks from it: no cost, no supplier. Expired lots are listed so the refusal can be shown. */
export const CounterLotSchema = z.object({ lotId: z.string(), lotNo: z.string(), expiryDate: z.string(), onHandUnits: z.number().int(), expired: z.boolean() })

export const LotViewSchema = z.object({
  lotId: z.string(),
  /** The store's stock batch number (fixmedins_bchno of the 3501-3507 uploads). */
  bchno: z.string(),
  storeCode: z.string(),
  name: z.string(),
  lotNo: z.string(),
  manuDate: z.string(),
  expiryDate: z.string(),
  supplier: z.string(),
  packSize: z.number().int(),
  minUnit: z.string(),
  onHandUnits: z.number().int(),
  /** Whole boxes and loose units of onHandUnits (negative stock: both negative). */
  boxes: z.number().int(),
  looseUnits: z.number().int(),
  costPerBox: YuanStringSchema,
  expired: z.boolean(),
  /** Days from today (China time) to the expiry date; negative once expired. */
  daysToExpiry: z.number().int(),
})
export type LotView = z.infer<typeof LotViewSchema>

export const MovementViewSchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: MovementKindSchema,
  storeCode: z.string(),
  lotId: z.string(),
  lotNo: z.string(),
  qtyUnits: z.number().int(),
  /** What the movement belongs to: a receipt, a return, a correction, a stocktake or a sale. */
  sourceId: z.string(),
  reason: z.string(),
  actor: z.string(),
  terminalId: z.string(),
})
export type MovementView = z.infer<typeof MovementViewSchema>

export const AllocationSchema = z.object({
  lotId: z.string(),
  lotNo: z.string(),
  expiryDate: z.string(),
  units: z.number().int(),
  /** True when the lot was known from a box's traceability code, false when chosen first-expiry-first-out. */
  byTraceCode: z.boolean(),
})
export type Allocation = z.infer<typeof AllocationSchema>

export const ReorderRowSchema = z.object({
  storeCode: z.string(),
  name: z.string(),
  minUnit: z.string(),
  packSize: z.number().int(),
  onHandUnits: z.number().int(),
  reorderUnits: z.number().int(),
})

export const StockAlertsSchema = z.object({
  nearExpiryDays: z.number().int(),
  nearExpiry: z.array(LotViewSchema),
  expired: z.array(LotViewSchema),
  belowReorder: z.array(ReorderRowSchema),
  negative: z.array(LotViewSchema),
})

export const StocktakeLineSchema = z.object({
  lotId: z.string(),
  lotNo: z.string(),
  storeCode: z.string(),
  bookUnits: z.number().int(),
  countedUnits: z.number().int(),
  differenceUnits: z.number().int(),
  reason: z.string(),
})

/** An item's stock as the counter's and the catalog's search show it (only items whose stock is managed). */
export const OnHandSchema = z.object({
  storeCode: z.string(),
  packSize: z.number().int(),
  minUnit: z.string(),
  /** Units the counter may sell: lots not expired (negative when sold below zero). */
  sellableUnits: z.number().int(),
  /** Units in expired lots, still on the shelf until the manager deals with them. */
  expiredUnits: z.number().int(),
  /** Loose units of opened boxes (拆零), part of sellableUnits. */
  looseUnits: z.number().int(),
})
export type OnHand = z.infer<typeof OnHandSchema>

export type StockAlerts = z.infer<typeof StockAlertsSchema>

/** The manager's charts: stock value at cost by insurance class, and what expires week by week. */
export const StockChartsSchema = z.object({
  valueByClass: z.array(z.object({ label: z.enum(['甲', '乙', '丙', '自费']), value: YuanStringSchema, lots: z.number().int() })),
  /** `week` is the Monday (YYYY-MM-DD) the expiry falls in, or "expired" for lots already expired. */
  expiringByWeek: z.array(z.object({ week: z.string(), units: z.number().int(), value: YuanStringSchema, lots: z.number().int() })),
  total: YuanStringSchema,
})
export type StockCharts = z.infer<typeof StockChartsSchema>
