import { CATALOG_FILE_COLUMNS, CATALOG_FILE_HEADER, CATALOG_FILE_TRAILER } from '../../../shared/nhsa/catalog-file'
import { ChrgitmLvSchema, ListTypeSchema, type ChrgitmLv, type ListType } from '../../../shared/catalog/schemas'
import { FieldError } from './errors'
import { nationalCode, oneOf, optionalEan13, optionalMoneyFen, ratioBp, text } from './fields'

/**
 * The national catalog file (1301 drugs / 1306 consumables as fetched with 9102): UTF-8, LF lines,
 * TAB fields, this header, one item per line, then `#END<TAB>count`. See docs/catalog.md.
 */
// One definition of the file for the platform that writes it and the counter that reads it.
export const NATIONAL_COLUMNS = CATALOG_FILE_COLUMNS
export const NATIONAL_HEADER = CATALOG_FILE_HEADER
export const NATIONAL_TRAILER_MARK = CATALOG_FILE_TRAILER

/** One national entry as stored: money in fen, ratio in ten-thousandths. */
export interface NationalRow {
  hilistCode: string
  hilistName: string
  listType: ListType
  chrgitmLv: ChrgitmLv
  selfpayPropBp: number
  priceCapFen: number | null
  rxFlag: 0 | 1
  spec: string
  dosform: string
  prodentpName: string
  unit: string
  barcode: string | null
}

/** Parses one item line's fields; throws FieldError naming the column. */
export function parseNationalFields(f: readonly string[]): NationalRow {
  if (f.length !== NATIONAL_COLUMNS.length) {
    throw new FieldError('', `应有 ${NATIONAL_COLUMNS.length} 个字段（以 Tab 分隔），实际有 ${f.length} 个`)
  }
  return {
    hilistCode: nationalCode('hilist_code', f[0]),
    hilistName: text('hilist_name', f[1], true),
    listType: oneOf('list_type', f[2], ListTypeSchema.options),
    chrgitmLv: oneOf('chrgitm_lv', f[3], ChrgitmLvSchema.options),
    selfpayPropBp: ratioBp('selfpay_prop', f[4]),
    priceCapFen: optionalMoneyFen('pric_uplmt_amt', f[5]),
    rxFlag: oneOf('rx_flag', f[6], ['0', '1'] as const) === '1' ? 1 : 0,
    spec: text('spec', f[7], false),
    dosform: text('dosform', f[8], false),
    prodentpName: text('prodentp_name', f[9], false),
    unit: text('unit', f[10], false),
    barcode: optionalEan13('barcode', f[11]),
  }
}

/** `#END<TAB>n` -> n; null when the line is not a trailer at all. */
export function parseNationalTrailer(line: string): number | null {
  if (!line.startsWith(NATIONAL_TRAILER_MARK)) return null
  const m = /^#END\t(\d{1,9})$/.exec(line)
  if (!m) throw new FieldError('', `结束标记应为 "#END<Tab>条目数"，实际是 "${line.slice(0, 30)}"`)
  return Number(m[1])
}

