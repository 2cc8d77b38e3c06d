import { Money, formatYuan, fromFen } from '../../../shared/money/money'
import { CLASS_LABELS, type CatalogItem, type ChrgitmLv, type ItemKind, type ListType, type NationalEntry } from '../../../shared/catalog/schemas'

/**
 * Columns every item query selects (store item left-joined to the live national entry). The price is the
 * store's latest one already valid at $now (store mode's price changes with `valid_from`, migration 0400),
 * else the catalog file's own: one probe of store_prices' primary key per row.
 */
export const ITEM_COLUMNS = `
  i.store_code, i.barcode, i.name, i.spec, i.maker, i.unit,
  coalesce((SELECT p.price_fen FROM store_prices p WHERE p.store_code = i.store_code AND p.valid_from <= $now ORDER BY p.valid_from DESC LIMIT 1),
    i.price_fen) AS price_fen,
  i.stock, i.kind, i.national_code,
  n.hilist_code AS n_code, n.list_type, n.chrgitm_lv, n.selfpay_prop_bp, n.price_cap_fen, n.rx_flag`

export interface ItemRow {
  store_code: string
  barcode: string | null
  name: string
  spec: string
  maker: string
  unit: string
  price_fen: number
  stock: number
  kind: ItemKind
  national_code: string | null
  n_code: string | null
  list_type: ListType | null
  chrgitm_lv: ChrgitmLv | null
  selfpay_prop_bp: number | null
  price_cap_fen: number | null
  rx_flag: 0 | 1 | null
}

/** 1000 -> "0.10", 1234 -> "0.1234": at least 2 decimals, as the platform writes ratios. */
export function ratioString(bp: number): string {
  const ratio = new Money(bp).dividedBy(10000)
  return ratio.toFixed(Math.max(2, ratio.decimalPlaces()))
}

function yuanOrNull(fen: number | null): string | null {
  return fen === null ? null : formatYuan(fromFen(fen))
}

export function toCatalogItem(r: ItemRow): CatalogItem {
  const matched = r.n_code !== null
  return {
    storeCode: r.store_code,
    barcode: r.barcode,
    name: r.name,
    spec: r.spec,
    maker: r.maker,
    unit: r.unit,
    price: formatYuan(fromFen(r.price_fen)),
    stock: r.stock,
    kind: r.kind,
    nationalCode: r.national_code,
    nationalMatched: matched,
    listType: r.list_type,
    chrgitmLv: r.chrgitm_lv,
    classLabel: r.chrgitm_lv === null ? null : CLASS_LABELS[r.chrgitm_lv],
    selfpayProp: r.selfpay_prop_bp === null ? null : ratioString(r.selfpay_prop_bp),
    priceCap: yuanOrNull(r.price_cap_fen),
    rxFlag: r.rx_flag === 1,
    insuredEligible: matched && r.kind !== 'goods',
  }
}

export interface NationalRowOut {
  hilist_code: string
  hilist_name: string
  list_type: ListType
  chrgitm_lv: ChrgitmLv
  selfpay_prop_bp: number
  price_cap_fen: number | null
  rx_flag: 0 | 1
  spec: string
  dosform: string
  prodentp_name: string
  unit: string
  barcode: string | null
  min_pac_cnt: number | null
  min_useunt: string | null
}

export function toNationalEntry(r: NationalRowOut): NationalEntry {
  return {
    hilistCode: r.hilist_code,
    hilistName: r.hilist_name,
    listType: r.list_type,
    chrgitmLv: r.chrgitm_lv,
    classLabel: CLASS_LABELS[r.chrgitm_lv],
    selfpayProp: ratioString(r.selfpay_prop_bp),
    priceCap: yuanOrNull(r.price_cap_fen),
    rxFlag: r.rx_flag === 1,
    spec: r.spec,
    dosform: r.dosform,
    maker: r.prodentp_name,
    unit: r.unit,
    barcode: r.barcode,
    packCount: r.min_pac_cnt,
    useUnit: r.min_useunt ?? '',
  }
}
