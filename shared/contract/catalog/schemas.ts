import { z } from 'zod'
import { CatalogImportErrorDataSchema, CatalogItemSchema, CatalogStatusSchema, ImportSummarySchema } from '../../catalog/schemas'

/** What a manager imports: one national list (1301 drugs, 1306 consumables) or the store's own items. */
export const ImportListSchema = z.enum(['1301', '1306', 'store'])
export type ImportList = z.infer<typeof ImportListSchema>

/** The lists the platform delivers (1301 / 1306 plus 9102); the store's items only come from a file. */
export const NationalListSchema = z.enum(['1301', '1306'])
export type NationalList = z.infer<typeof NationalListSchema>

/**
 * The web shell refuses request bodies over 1 MiB; an uploaded file travels JSON-encoded (quotes and
 * line breaks escaped), so the limit is on that encoding, with room for the rest of the request.
 */
export const UPLOAD_MAX_JSON_BYTES = 1_000_000

const utf8 = new TextEncoder()

/** Whether a file's text fits in one upload; the page checks before sending, the contract again. */
export function uploadFits(content: string): boolean {
  // Cheap bound first: UTF-8 is at most 3 bytes per UTF-16 unit, escaping at most doubles ASCII.
  if (content.length * 2 + 2 <= UPLOAD_MAX_JSON_BYTES / 3) return true
  return utf8.encode(JSON.stringify(content)).length <= UPLOAD_MAX_JSON_BYTES
}

export const UPLOAD_TOO_LARGE = '文件太大，无法从网页上传（上限约 1 MB）；请把文件复制到收银电脑上，输入文件路径导入'

/** Windows cannot name a file with these, so no uploaded name can pose as the training catalog's. */
const FILE_NAME = /^[^\\/:*?"<>|\r\n\t]{1,200}$/

export const ImportSourceSchema = z.discriminatedUnion('kind', [
  /** A file on the counter PC (the core reads it directly; any size). */
  z.object({ kind: z.literal('path'), path: z.string().trim().min(1, '请输入文件路径').max(1000) }).strict(),
  /** The file's text sent from the page, for a browser that cannot hand the core a path. */
  z
    .object({
      kind: z.literal('upload'),
      name: z.string().trim().regex(FILE_NAME, '文件名不能含 \\ / : * ? " < > |'),
      content: z.string().min(1, '文件是空的').refine(uploadFits, UPLOAD_TOO_LARGE),
    })
    .strict(),
])
export type ImportSource = z.infer<typeof ImportSourceSchema>

/** One import run: a manager's file, or the training catalog (three lists, one after another). */
export const ImportJobSchema = z.object({
  id: z.number().int().positive(),
  lists: z.array(ImportListSchema).min(1),
  sourceName: z.string(),
  startedAt: z.string(),
  /** User id of the manager, or `system` for the training catalog. */
  by: z.string(),
})
export type ImportJob = z.infer<typeof ImportJobSchema>

export const ImportProgressEventSchema = z.object({
  jobId: z.number().int().positive(),
  /** The list being imported now (the training catalog goes through three). */
  list: ImportListSchema,
  /** reading: parsing and staging; activating: the swap; cleanup: removing the replaced rows. */
  phase: z.enum(['starting', 'reading', 'activating', 'cleanup']),
  linesDone: z.number().int().nonnegative(),
  bytesDone: z.number().int().nonnegative(),
  bytesTotal: z.number().int().nonnegative(),
  /** Of this list's file, 0-100. */
  percent: z.number().int().min(0).max(100),
})
export type ImportProgressEvent = z.infer<typeof ImportProgressEventSchema>

export const ImportOutcomeSchema = z.object({
  job: ImportJobSchema,
  outcome: z.enum(['done', 'failed', 'cancelled']),
  finishedAt: z.string(),
  /** One per list that went live, in order (a failed training import may have finished some). */
  summaries: z.array(ImportSummarySchema),
  /** Why it did not finish: `line` and `reason` name the first bad line of the file, when one is to blame. */
  error: CatalogImportErrorDataSchema.extend({ list: ImportListSchema }).nullable(),
})
export type ImportOutcome = z.infer<typeof ImportOutcomeSchema>

export const CatalogOverviewSchema = z.object({
  lists: CatalogStatusSchema,
  /** The import running now, with its latest progress. */
  running: z.object({ job: ImportJobSchema, progress: ImportProgressEventSchema.nullable() }).nullable(),
  /** How the last import since the app started ended. */
  last: ImportOutcomeSchema.nullable(),
  /** True while the live national or store list is the training catalog (demo data, not the store's). */
  trainingCatalog: z.boolean(),
})
export type CatalogOverview = z.infer<typeof CatalogOverviewSchema>

export const BarcodeLookupSchema = z.object({
  barcode: z.string(),
  /** Never empty: an unknown barcode is the error CATALOG_ITEM_NOT_FOUND. Several when a box and a strip share one. */
  items: z.array(CatalogItemSchema).min(1),
})
export type BarcodeLookup = z.infer<typeof BarcodeLookupSchema>
