import { z } from 'zod'
import { chrgitmLvSchema, flagSchema, listTypeSchema } from './codes'

/**
 * The flat national list: one entry per line with its class, share and cap in it, TAB between fields,
 * the header below first and `#END\t<count>` last (a file without its trailer was cut short). The
 * training catalog and generated catalogs are written this way; the platform's own 1301/1306 files are
 * another layout (national-file.ts). The core reads both (electron/core/catalog/nationalFile.ts).
 */
export const CATALOG_FILE_COLUMNS = [
  'hilist_code',
  'hilist_name',
  'list_type',
  'chrgitm_lv',
  'selfpay_prop',
  'pric_uplmt_amt',
  'rx_flag',
  'spec',
  'dosform',
  'prodentp_name',
  'unit',
  'barcode',
] as const
export const CATALOG_FILE_HEADER = CATALOG_FILE_COLUMNS.join('\t')
export const CATALOG_FILE_TRAILER = '#END'

export const catalogFileItemSchema = z.object({
  hilist_code: z.string().min(1),
  hilist_name: z.string().min(1),
  list_type: listTypeSchema,
  chrgitm_lv: chrgitmLvSchema,
  /** Two decimals, e.g. "0.10". */
  selfpay_prop: z.string().regex(/^[01]\.\d{2}$/),
  /** Yuan with two decimals, or "" when the item has no price cap. */
  pric_uplmt_amt: z.string().regex(/^(\d+\.\d{2})?$/),
  rx_flag: flagSchema,
  spec: z.string(),
  dosform: z.string(),
  prodentp_name: z.string(),
  unit: z.string(),
  /** EAN-13 or empty. */
  barcode: z.string().regex(/^(\d{8,14})?$/),
})
export type CatalogFileItem = z.infer<typeof catalogFileItemSchema>

const clean = (s: string) => s.replace(/[\t\r\n]/g, ' ')

export function catalogFileLine(item: CatalogFileItem): string {
  return CATALOG_FILE_COLUMNS.map((c) => clean(item[c])).join('\t')
}

export function catalogFileTrailer(count: number): string {
  return `${CATALOG_FILE_TRAILER}\t${count}`
}
