import { z } from 'zod'
import { SearchInputSchema, SearchResultSchema, CatalogItemSchema } from '../../catalog/schemas'
import { ANY_STAFF, defineCall, MANAGER, NoInput, type CallDef } from '../define'
import type { CATALOG_CALLS } from './names'
import { BarcodeLookupSchema, CatalogOverviewSchema, ImportJobSchema, ImportListSchema, ImportSourceSchema, NationalListSchema } from './schemas'

const IMPORT_ERRORS = [
  'CATALOG_BUSY',
  'CATALOG_UNREADABLE',
  'CATALOG_FAILED',
  'CATALOG_CORRUPT',
  'CATALOG_TRUNCATED',
  'CATALOG_EMPTY',
  'CATALOG_CANCELLED',
  'MASTER_DATA_READ_ONLY',
] as const
const DOWNLOAD_ERRORS = [
  'CATALOG_BUSY',
  'CATALOG_CORRUPT',
  'CATALOG_TRUNCATED',
  'CATALOG_EMPTY',
  'CATALOG_CANCELLED',
  'CATALOG_FAILED',
  'CATALOG_DOWNLOAD_CORRUPT',
  'PLATFORM_NOT_CONFIGURED',
  'PLATFORM_REFUSED',
  'PLATFORM_UNREACHABLE',
  'PLATFORM_NO_ANSWER',
  'PLATFORM_BAD_ANSWER',
  'MASTER_DATA_READ_ONLY',
  'PLATFORM_ANSWER_REJECTED',
] as const

export const catalogCalls = {
  searchCatalog: defineCall({
    summary:
      'Store items matching typed text, best first: exact barcode, store code or national code, then name and code prefixes, pinyin initials, name substring. Each hit carries class, self-pay ratio, price cap, prescription flag and kind. Empty when no store catalog is imported.',
    access: ANY_STAFF,
    input: SearchInputSchema.strict(),
    output: SearchResultSchema,
    errors: [],
  }),
  lookupBarcode: defineCall({
    summary: 'The store items with exactly this barcode (what a scanner sends).',
    access: ANY_STAFF,
    input: z.object({ barcode: z.string().trim().min(1, '条码不能为空').max(48) }).strict(),
    output: BarcodeLookupSchema,
    errors: ['CATALOG_ITEM_NOT_FOUND'],
  }),
  lookupStoreCode: defineCall({
    summary: 'The store item with this store code (店内编码).',
    access: ANY_STAFF,
    input: z.object({ storeCode: z.string().trim().min(1, '店内编码不能为空').max(40) }).strict(),
    output: CatalogItemSchema,
    errors: ['CATALOG_ITEM_NOT_FOUND'],
  }),
  catalogStatus: defineCall({
    summary: 'What is live per list (generation, items, when imported), the import running now with its progress, and how the last one ended.',
    access: ANY_STAFF,
    input: NoInput,
    output: CatalogOverviewSchema,
    errors: [],
  }),
  importCatalog: defineCall({
    summary:
      'Starts importing one list from a file on the counter PC or uploaded from the page (about 1 MB at most), in the background; answers at once. Progress comes as catalogImportProgress, the end as catalogImportEnded (a refused file names its line and reason and changes nothing), a new live list as catalogChanged. One import at a time.',
    access: MANAGER,
    input: z.object({ list: ImportListSchema, source: ImportSourceSchema }).strict(),
    output: ImportJobSchema,
    errors: IMPORT_ERRORS,
  }),
  downloadNationalCatalog: defineCall({
    summary:
      'Downloads the full national list (1301 drugs or 1306 consumables, ver "0") from the medical-insurance platform: the list transaction, 9102, a signed GET of the file from the gateway, checked against the announced size and SHA-256; then imports it in the background like importCatalog (answers the job once the file is downloaded). A file that does not match is refused (CATALOG_DOWNLOAD_CORRUPT) and nothing is imported.',
    access: MANAGER,
    input: z.object({ list: NationalListSchema }).strict(),
    output: ImportJobSchema,
    errors: DOWNLOAD_ERRORS,
  }),
  cancelImport: defineCall({
    summary: 'Stops the running import; the lists stay as they were. No effect once the new list is being switched live.',
    access: MANAGER,
    input: NoInput,
    output: z.object({ cancelling: z.boolean() }),
    errors: [],
  }),
} satisfies Record<(typeof CATALOG_CALLS)[number], CallDef>
