import { toFen, yuan } from '../../../shared/money/money'
import { hasValidGtinCheckDigit } from '../../../shared/scan/gtin'
import { FieldError } from './errors'

/** Column names as a store manager reads them in an error message. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  hilist_code: '医保目录编码',
  hilist_name: '目录名称',
  list_type: '目录类别',
  chrgitm_lv: '收费项目等级',
  selfpay_prop: '自付比例',
  pric_uplmt_amt: '最高限价',
  rx_flag: '处方标志',
  spec: '规格',
  dosform: '剂型',
  prodentp_name: '生产企业',
  unit: '单位',
  barcode: '条码',
  store_code: '店内编码',
  name: '名称',
  maker: '生产厂家',
  price: '价格',
  stock: '库存',
  kind: '类别',
  national_code: '国家编码',
  med_list_codg: '医疗目录编码',
  drug_genname: '药品通用名',
  drug_prodname: '药品商品名',
  drug_spec: '药品规格',
  drug_dosform_name: '药品剂型名称',
  mcs_name: '耗材名称',
  hi_genname: '医保通用名',
  min_salunt: '最小销售单位',
  min_useunt: '最小使用单位',
}

export function labelOf(field: string): string {
  return FIELD_LABELS[field] ?? field
}

/** Up to 9 integer digits keeps every amount far inside a safe integer of fen. */
const MONEY = /^\d{1,9}(\.\d{1,2})?$/
const RATIO = /^[01](\.\d{1,4})?$/
const CODE = /^[0-9A-Za-z]{1,50}$/
const STORE_CODE = /^[0-9A-Za-z._\-/]{1,40}$/
const STORE_BARCODE = /^[0-9A-Za-z-]{1,48}$/
// C0 controls and DEL: a name with them prints as garbage on a receipt and usually means a broken file.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/
const MAX_TEXT = 200

function shown(raw: string): string {
  return raw.length > 30 ? `"${raw.slice(0, 30)}…"` : `"${raw}"`
}

/**
 * Catalog prices repeat (a few thousand distinct values across hundreds of thousands of lines), and a
 * decimal.js parse costs more than everything else on a line; parsed values are memoised.
 */
const fenByText = new Map<string, number>()
const bpByText = new Map<string, number>()
const MEMO_LIMIT = 100_000

function memo(cache: Map<string, number>, raw: string, parse: () => number): number {
  let value = cache.get(raw)
  if (value === undefined) {
    value = parse()
    if (cache.size >= MEMO_LIMIT) cache.clear()
    cache.set(raw, value)
  }
  return value
}

/** Yuan with at most 2 decimals -> integer fen, exactly (decimal.js, never float arithmetic). */
export function moneyFen(field: string, raw: string): number {
  if (!MONEY.test(raw)) throw new FieldError(field, `${labelOf(field)} ${shown(raw)} 不是有效金额（元，最多两位小数）`)
  return memo(fenByText, raw, () => toFen(yuan(raw)))
}

export function optionalMoneyFen(field: string, raw: string): number | null {
  return raw === '' ? null : moneyFen(field, raw)
}

/** A ratio 0..1 with up to 4 decimals -> ten-thousandths, so 0.10 is stored as 1000 exactly. */
export function ratioBp(field: string, raw: string): number {
  if (!RATIO.test(raw)) throw new FieldError(field, `${labelOf(field)} ${shown(raw)} 不是 0 到 1 之间的小数`)
  const bp = memo(bpByText, raw, () => yuan(raw).times(10000).toNumber())
  if (bp > 10000) throw new FieldError(field, `${labelOf(field)} ${shown(raw)} 大于 1`)
  return bp
}

export function count(field: string, raw: string): number {
  if (!/^\d{1,12}$/.test(raw)) throw new FieldError(field, `${labelOf(field)} ${shown(raw)} 不是非负整数`)
  return Number(raw)
}

export function oneOf<T extends string>(field: string, raw: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new FieldError(field, `${labelOf(field)} ${shown(raw)} 不是 ${allowed.join(' / ')} 之一`)
  }
  return raw as T
}

/** Line breaks inside a spreadsheet cell (Alt+Enter) become one space: a receipt line has no breaks. */
export function text(field: string, raw: string, required: boolean): string {
  const value = raw.replace(/[\t\r\n]+/g, ' ').trim()
  if (required && value === '') throw new FieldError(field, `${labelOf(field)}不能为空`)
  if (value.length > MAX_TEXT) throw new FieldError(field, `${labelOf(field)}超过 ${MAX_TEXT} 个字符`)
  if (CONTROL.test(value)) throw new FieldError(field, `${labelOf(field)}含有控制字符`)
  return value
}

/** National codes (hilist_code): letters and digits, as the platform assigns them. */
export function nationalCode(field: string, raw: string): string {
  if (!CODE.test(raw)) throw new FieldError(field, `${labelOf(field)} ${shown(raw)} 应为 1-50 位字母或数字`)
  return raw
}

export function optionalNationalCode(field: string, raw: string): string | null {
  return raw === '' ? null : nationalCode(field, raw)
}

export function storeCode(field: string, raw: string): string {
  if (!STORE_CODE.test(raw)) {
    throw new FieldError(field, `${labelOf(field)} ${shown(raw)} 应为 1-40 位字母、数字或 . _ - /`)
  }
  return raw
}

/** In-store barcodes include short house codes for weighed or unlabelled goods, so only the charset is checked. */
export function optionalStoreBarcode(field: string, raw: string): string | null {
  if (raw === '') return null
  if (!STORE_BARCODE.test(raw)) throw new FieldError(field, `${labelOf(field)} ${shown(raw)} 应为 1-48 位字母或数字`)
  return raw.toUpperCase()
}

/** EAN-13: thirteen digits whose last is the GS1 check digit (shared/scan/gtin.ts, the one routine for every GTIN). */
export function isEan13(code: string): boolean {
  return code.length === 13 && hasValidGtinCheckDigit(code)
}

/** National barcodes are EAN-13; a wrong check digit means a corrupted digit, not a house code. */
export function optionalEan13(field: string, raw: string): string | null {
  if (raw === '') return null
  if (!/^\d{13}$/.test(raw)) throw new FieldError(field, `${labelOf(field)} ${shown(raw)} 不是 13 位数字`)
  if (!isEan13(raw)) throw new FieldError(field, `${labelOf(field)} ${shown(raw)} 校验位错误`)
  return raw
}
