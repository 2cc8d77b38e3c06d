import { z } from 'zod'

/**
 * The catalog as the renderer sees it. Pure: the contract and the core both import these, and every
 * type below is inferred from its schema so a field is declared exactly once.
 */

/** What the store sells: only drug, device and consumable lines can ever be insured fee lines. */
export const ItemKindSchema = z.enum(['drug', 'device', 'consumable', 'goods'])
export type ItemKind = z.infer<typeof ItemKindSchema>

/** NHSA list_type: 101 western & patent drugs, 102 herbal pieces, 103 preparations, 201 services, 301 consumables. */
export const ListTypeSchema = z.enum(['101', '102', '103', '201', '301'])
export type ListType = z.infer<typeof ListTypeSchema>

/** NHSA chrgitm_lv: 01 甲 (fully in scope), 02 乙 (selfpay_prop paid first), 03 丙 (self-paid). */
export const ChrgitmLvSchema = z.enum(['01', '02', '03'])
export type ChrgitmLv = z.infer<typeof ChrgitmLvSchema>

export const ClassLabelSchema = z.enum(['甲', '乙', '丙'])
export type ClassLabel = z.infer<typeof ClassLabelSchema>

export const CLASS_LABELS: Readonly<Record<ChrgitmLv, ClassLabel>> = { '01': '甲', '02': '乙', '03': '丙' }
/** The receipt's line class of each chrgitm_lv: the one table the pharmacy sale and the clinic visit read. */
export const LINE_CLASS_OF: Readonly<Record<ChrgitmLv, 'A' | 'B' | 'C'>> = { '01': 'A', '02': 'B', '03': 'C' }

/** Yuan with exactly 2 decimals, as every amount crosses the boundary ("12.30"). */
export const YuanStringSchema = z.string().regex(/^\d+\.\d{2}$/)

/** A ratio between 0 and 1 with 2 to 4 decimals ("0.10"), as the platform writes selfpay_prop. */
export const RatioStringSchema = z.string().regex(/^(0\.\d{2,4}|1\.0{2,4})$/)

/** The national catalog's facts about one entry (from 1301 / 1306), as a store item inherits them. */
export const NationalEntrySchema = z.object({
  hilistCode: z.string().min(1),
  hilistName: z.string().min(1),
  listType: ListTypeSchema,
  chrgitmLv: ChrgitmLvSchema,
  classLabel: ClassLabelSchema,
  selfpayProp: RatioStringSchema,
  /** pric_uplmt_amt; null when the catalog sets no cap. */
  priceCap: YuanStringSchema.nullable(),
  rxFlag: z.boolean(),
  spec: z.string(),
  dosform: z.string(),
  maker: z.string(),
  unit: z.string(),
  barcode: z.string().nullable(),
  /** min_pac_cnt: how many of the smallest unit used (min_useunt: 片, 粒) a pack holds; null when the file did not say. */
  packCount: z.number().int().positive().nullable(),
  useUnit: z.string(),
})
export type NationalEntry = z.infer<typeof NationalEntrySchema>

/**
 * One sellable store item joined to its national entry: everything a cart line shows and sends.
 * The national fields are null when the item has no national code or its code is not (or no longer)
 * in the imported national catalog; such an item is never insured.
 */
export const CatalogItemSchema = z.object({
  /** 店内编码: the item's stable identity (row ids change with every import). */
  storeCode: z.string().min(1),
  barcode: z.string().nullable(),
  name: z.string().min(1),
  spec: z.string(),
  maker: z.string(),
  unit: z.string(),
  price: YuanStringSchema,
  /** Stock as of the last import. */
  stock: z.number().int().nonnegative(),
  kind: ItemKindSchema,
  /** The national code the store file gave, matched or not. */
  nationalCode: z.string().nullable(),
  /** True when nationalCode was found in the national catalog. */
  nationalMatched: z.boolean(),
  listType: ListTypeSchema.nullable(),
  chrgitmLv: ChrgitmLvSchema.nullable(),
  classLabel: ClassLabelSchema.nullable(),
  selfpayProp: RatioStringSchema.nullable(),
  priceCap: YuanStringSchema.nullable(),
  /** Prescription drug (national rx_flag); false when unmatched. */
  rxFlag: z.boolean(),
  /** kind is not goods and the national code matched: the line may be sent to the platform. */
  insuredEligible: z.boolean(),
})
export type CatalogItem = z.infer<typeof CatalogItemSchema>

/** Why a row was found, best first: the order search ranks by. */
export const MatchKindSchema = z.enum(['barcode', 'storeCode', 'nationalCode', 'namePrefix', 'codePrefix', 'initials', 'name'])
export type MatchKind = z.infer<typeof MatchKindSchema>

export const SearchHitSchema = CatalogItemSchema.extend({ match: MatchKindSchema })
export type SearchHit = z.infer<typeof SearchHitSchema>

export const SEARCH_LIMIT_DEFAULT = 20
export const SEARCH_LIMIT_MAX = 200

export const SearchInputSchema = z.object({
  query: z.string().max(100),
  limit: z.number().int().min(1).max(SEARCH_LIMIT_MAX).optional(),
})
export type SearchInput = z.infer<typeof SearchInputSchema>

export const SearchResultSchema = z.object({
  query: z.string(),
  hits: z.array(SearchHitSchema),
})
export type SearchResult = z.infer<typeof SearchResultSchema>

/**
 * The platform downloads each national list separately (1301 drugs, 1306 consumables), so each is
 * imported and replaced on its own: importing consumables never touches drugs.
 */
export const NationalListSchema = z.enum(['1301', '1306'])
export type NationalList = z.infer<typeof NationalListSchema>

export const CatalogNameSchema = z.enum(['national_1301', 'national_1306', 'store'])
export type CatalogName = z.infer<typeof CatalogNameSchema>

export function nationalCatalogName(list: NationalList): CatalogName {
  return list === '1301' ? 'national_1301' : 'national_1306'
}

export const ImportProgressSchema = z.object({
  catalog: CatalogNameSchema,
  /** reading: parsing and staging; activating: the swap; cleanup: removing the replaced catalog. */
  phase: z.enum(['reading', 'activating', 'cleanup']),
  linesDone: z.number().int().nonnegative(),
  bytesDone: z.number().int().nonnegative(),
  bytesTotal: z.number().int().nonnegative(),
})
export type ImportProgress = z.infer<typeof ImportProgressSchema>

export const ImportSummarySchema = z.object({
  catalog: CatalogNameSchema,
  generation: z.number().int().positive(),
  items: z.number().int().nonnegative(),
  /** Store items whose national code is in the national catalog / is not; 0 for a national import. */
  nationalMatched: z.number().int().nonnegative(),
  nationalUnmatched: z.number().int().nonnegative(),
  sourceName: z.string(),
  importedAt: z.string(),
})
export type ImportSummary = z.infer<typeof ImportSummarySchema>

export const CatalogErrorCodeSchema = z.enum([
  /** A line breaks the format: wrong header, field count, value, duplicate key, not UTF-8. */
  'CATALOG_CORRUPT',
  /** The file ends early: no #END trailer, a count mismatch, a cut-off last line or quote. */
  'CATALOG_TRUNCATED',
  /** A well-formed file with no items: refused so a wrong file cannot empty the catalog. */
  'CATALOG_EMPTY',
  'CATALOG_UNREADABLE',
  'CATALOG_CANCELLED',
  /** Another import is running (the app runs one at a time). */
  'CATALOG_BUSY',
  /** The import stopped for a reason outside the file (disk full, the import process died). */
  'CATALOG_FAILED',
])
export type CatalogErrorCode = z.infer<typeof CatalogErrorCodeSchema>

/** A failed import as shown to the manager: `message` is 第 N 行：reason when a line is to blame. */
export const CatalogImportErrorDataSchema = z.object({
  code: CatalogErrorCodeSchema,
  message: z.string().min(1),
  line: z.number().int().positive().nullable(),
  field: z.string().nullable(),
  reason: z.string().min(1),
})
export type CatalogImportErrorData = z.infer<typeof CatalogImportErrorDataSchema>

const LiveCatalogSchema = z.object({ generation: z.number().int(), items: z.number().int(), importedAt: z.string(), sourceName: z.string() }).nullable()

/** What is live now, per catalog; null = never imported. */
export const CatalogStatusSchema = z.object({
  national_1301: LiveCatalogSchema,
  national_1306: LiveCatalogSchema,
  store: LiveCatalogSchema,
})
export type CatalogStatus = z.infer<typeof CatalogStatusSchema>
