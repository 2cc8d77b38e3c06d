import { z } from 'zod'
import { chrgitmLvSchema, flagSchema, listTypeSchema } from './codes'

/**
 * The catalog file 1301/1306 produce and 9102 delivers. UTF-8, one item per line, TAB between fields,
 * the header below first and `#END\t<count>` last: a file without its trailer was cut short. Every
 * line ends with \n, the trailer included.
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

export type CatalogFileParse =
  | { ok: true; items: CatalogFileItem[] }
  | { ok: false; error: 'bad_header' | 'truncated' | 'count_mismatch' | 'bad_line'; line?: number; message: string }

/** Reads a whole catalog file, refusing a truncated one. */
export function parseCatalogFile(text: string): CatalogFileParse {
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  if (lines[0] !== CATALOG_FILE_HEADER) return { ok: false, error: 'bad_header', line: 1, message: '目录文件表头不符' }
  const last = lines.at(-1) ?? ''
  const trailer = /^#END\t(\d+)$/.exec(last)
  if (lines.length < 2 || !trailer) return { ok: false, error: 'truncated', message: '目录文件缺少结束行，文件不完整' }
  const body = lines.slice(1, -1)
  if (Number(trailer[1]) !== body.length) {
    return { ok: false, error: 'count_mismatch', message: `结束行记 ${trailer[1]} 条，实有 ${body.length} 条` }
  }
  const items: CatalogFileItem[] = []
  for (let i = 0; i < body.length; i++) {
    const fields = body[i].split('\t')
    const record = Object.fromEntries(CATALOG_FILE_COLUMNS.map((c, j) => [c, fields[j]]))
    const parsed = catalogFileItemSchema.safeParse(record)
    if (fields.length !== CATALOG_FILE_COLUMNS.length || !parsed.success) {
      return { ok: false, error: 'bad_line', line: i + 2, message: `第 ${i + 2} 行格式错误` }
    }
    items.push(parsed.data)
  }
  return { ok: true, items }
}

/** EAN-13 check digit of the first 12 digits. */
export function ean13CheckDigit(first12: string): number {
  let total = 0
  for (let i = 0; i < 12; i++) total += Number(first12[i]) * (i % 2 === 0 ? 1 : 3)
  return (10 - (total % 10)) % 10
}

export function isValidEan13(code: string): boolean {
  return /^\d{13}$/.test(code) && ean13CheckDigit(code.slice(0, 12)) === Number(code[12])
}
