import type { Db } from '../../base/store/database'
import { fromFen, formatYuan, toFen } from '../../../shared/money/money'
import type { CatalogFileItem } from '../../../shared/nhsa/catalog-file'
import type { CatalogInfo } from '../../../shared/settlement/calculator'
import { nextSequence } from '../store/ids'
import { prepared } from '../../base/store/statements'

export interface CatalogRow {
  hilist_code: string
  hilist_name: string
  list_type: string
  chrgitm_lv: '01' | '02' | '03'
  selfpay_prop: string
  pric_uplmt_fen: number | null
  rx_flag: '0' | '1'
  spec: string
  dosform: string
  prodentp_name: string
  unit: string
  barcode: string
  ver: number
}

export function catalogInfoOf(row: CatalogRow): CatalogInfo {
  return {
    chrgitm_lv: row.chrgitm_lv,
    selfpay_prop: row.selfpay_prop,
    pric_uplmt_amt: row.pric_uplmt_fen === null ? null : fromFen(row.pric_uplmt_fen).toFixed(2),
    list_type: row.list_type,
    rx_flag: row.rx_flag,
  }
}

export function findCatalogItem(db: Db, code: string): CatalogRow | undefined {
  return prepared(db, 'SELECT * FROM catalog_items WHERE hilist_code = ?').get(code) as CatalogRow | undefined
}

export function toFileItem(row: CatalogRow): CatalogFileItem {
  return {
    hilist_code: row.hilist_code,
    hilist_name: row.hilist_name,
    list_type: row.list_type as CatalogFileItem['list_type'],
    chrgitm_lv: row.chrgitm_lv,
    selfpay_prop: row.selfpay_prop,
    pric_uplmt_amt: row.pric_uplmt_fen === null ? '' : formatYuan(fromFen(row.pric_uplmt_fen)),
    rx_flag: row.rx_flag,
    spec: row.spec,
    dosform: row.dosform,
    prodentp_name: row.prodentp_name,
    unit: row.unit,
    barcode: row.barcode,
  }
}

/** Adds or replaces items under one new catalog version; returns that version. */
export function upsertCatalogItems(db: Db, items: Iterable<CatalogFileItem>): { ver: number; count: number } {
  const ver = nextSequence(db, 'catalog_ver')
  const stmt = prepared(
    db,
    `INSERT INTO catalog_items (hilist_code, hilist_name, list_type, chrgitm_lv, selfpay_prop, pric_uplmt_fen, rx_flag, spec,
       dosform, prodentp_name, unit, barcode, ver)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (hilist_code) DO UPDATE SET hilist_name = excluded.hilist_name, list_type = excluded.list_type,
       chrgitm_lv = excluded.chrgitm_lv, selfpay_prop = excluded.selfpay_prop, pric_uplmt_fen = excluded.pric_uplmt_fen,
       rx_flag = excluded.rx_flag, spec = excluded.spec, dosform = excluded.dosform, prodentp_name = excluded.prodentp_name,
       unit = excluded.unit, barcode = excluded.barcode, ver = excluded.ver`,
  )
  let count = 0
  for (const i of items) {
    stmt.run(
      i.hilist_code,
      i.hilist_name,
      i.list_type,
      i.chrgitm_lv,
      i.selfpay_prop,
      i.pric_uplmt_amt === '' ? null : toFen(i.pric_uplmt_amt),
      i.rx_flag,
      i.spec,
      i.dosform,
      i.prodentp_name,
      i.unit,
      i.barcode,
      ver,
    )
    count++
  }
  return { ver, count }
}
