import { ItemKindSchema, type ItemKind } from '../../../shared/catalog/schemas'
import { FieldError } from './errors'
import { count, moneyFen, oneOf, optionalNationalCode, optionalStoreBarcode, storeCode, text } from './fields'

/** The store's own items: CSV (RFC 4180), UTF-8 with optional BOM, this header. See docs/catalog.md. */
export const STORE_COLUMNS = ['barcode', 'store_code', 'name', 'spec', 'maker', 'unit', 'price', 'stock', 'kind', 'national_code'] as const

export const STORE_HEADER = STORE_COLUMNS.join(',')

export interface StoreRow {
  barcode: string | null
  storeCode: string
  name: string
  spec: string
  maker: string
  unit: string
  priceFen: number
  stock: number
  kind: ItemKind
  nationalCode: string | null
}

export function parseStoreFields(f: readonly string[]): StoreRow {
  if (f.length !== STORE_COLUMNS.length) {
    throw new FieldError('', `应有 ${STORE_COLUMNS.length} 个字段（以逗号分隔），实际有 ${f.length} 个`)
  }
  const kind = oneOf('kind', f[8].trim(), ItemKindSchema.options)
  const national = optionalNationalCode('national_code', f[9].trim())
  if (kind === 'goods' && national !== null) {
    throw new FieldError('national_code', `普通商品（goods）不能填写国家编码 "${national}"：普通商品只能现金支付`)
  }
  return {
    barcode: optionalStoreBarcode('barcode', f[0].trim()),
    storeCode: storeCode('store_code', f[1].trim()),
    name: text('name', f[2], true),
    spec: text('spec', f[3], false),
    maker: text('maker', f[4], false),
    unit: text('unit', f[5], false),
    priceFen: moneyFen('price', f[6].trim()),
    stock: count('stock', f[7].trim()),
    kind,
    nationalCode: national,
  }
}
