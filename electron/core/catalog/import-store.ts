import type { Db } from '../../base/store/database'
import type { NationalRow } from './nationalFile'
import { gramsOf, headsOf, type Initials } from './searchText'
import type { StoreRow } from './storeFile'

/**
 * What an import writes: a staging generation's rows (store items with their search keys, national
 * entries), the counts its summary gives, and the connection settings an import runs under.
 */

/** A store item's columns after its name and keys, in the order both writers list them. */
export function itemFacts(row: StoreRow) {
  return [row.spec, row.maker, row.unit, row.priceFen, row.stock, row.kind, row.nationalCode] as const
}

/** Writes store items into a staging generation, each with its text and gram rows under the same id. */
export function storeItemWriter(db: Db) {
  const insertItem = db.prepare(
    `INSERT INTO store_item (id, generation, store_code, barcode, name, name_key, initials, spec, maker, unit,
         price_fen, stock, kind, national_code)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertText = db.prepare('INSERT INTO store_item_text (rowid, name_key, initials) VALUES (?, ?, ?)')
  const insertGrams = db.prepare('INSERT INTO store_item_grams (rowid, grams, name_head, initials_head) VALUES (?, ?, ?, ?)')
  let nextId = ((db.prepare('SELECT max(id) FROM store_item').pluck().get() as number | null) ?? 0) + 1
  return {
    insert(generation: number, row: StoreRow, nameKey: string, initials: Initials): void {
      const id = nextId++
      insertItem.run(id, generation, row.storeCode, row.barcode, row.name, nameKey, initials.primary, ...itemFacts(row))
      insertText.run(id, nameKey, initials.all.join(' '))
      const heads = headsOf(nameKey, initials)
      insertGrams.run(id, gramsOf(nameKey), heads.name, heads.initials)
    },
  }
}

/** A store generation's items with a national code, and how many of those the live national lists hold. */
export function nationalCodeCounts(db: Db, generation: number, drugs: number | null, consumables: number | null): { coded: number; matched: number } {
  const coded = db.prepare('SELECT count(*) FROM store_item WHERE generation = ? AND national_code IS NOT NULL').pluck().get(generation) as number
  const matched = db
    .prepare(
      `SELECT count(*) FROM store_item s
             WHERE s.generation = ? AND s.national_code IS NOT NULL AND EXISTS
               (SELECT 1 FROM national_item n WHERE n.generation IN (?, ?) AND n.hilist_code = s.national_code)`,
    )
    .pluck()
    .get(generation, drugs, consumables) as number
  return { coded, matched }
}

/** Stages rows into the generation; a code seen again replaces the earlier row (the platform's file lists changes in order). */
export function nationalStager(db: Db, generation: number) {
  const insert = db.prepare(
    `INSERT INTO national_item (generation, hilist_code, hilist_name, list_type, chrgitm_lv, selfpay_prop_bp,
       price_cap_fen, rx_flag, spec, dosform, prodentp_name, unit, barcode, min_useunt, min_salunt, min_pac_cnt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (generation, hilist_code) DO UPDATE SET hilist_name = excluded.hilist_name, list_type = excluded.list_type,
       chrgitm_lv = excluded.chrgitm_lv, selfpay_prop_bp = excluded.selfpay_prop_bp, price_cap_fen = excluded.price_cap_fen,
       rx_flag = excluded.rx_flag, spec = excluded.spec, dosform = excluded.dosform, prodentp_name = excluded.prodentp_name,
       unit = excluded.unit, barcode = excluded.barcode, min_useunt = excluded.min_useunt, min_salunt = excluded.min_salunt,
       min_pac_cnt = excluded.min_pac_cnt`,
  )
  return (r: NationalRow) =>
    insert.run(
      generation,
      r.hilistCode,
      r.hilistName,
      r.listType,
      r.chrgitmLv,
      r.selfpayPropBp,
      r.priceCapFen,
      r.rxFlag,
      r.spec,
      r.dosform,
      r.prodentpName,
      r.unit,
      r.barcode,
      r.minUseunt,
      r.minSalunt,
      r.minPacCnt,
    )
}

/** The page cache's size now, and a new one (an import's staging wants a bigger one for its duration). */
export function pageCacheSize(db: Db, size?: number): number {
  const before = db.pragma('cache_size', { simple: true }) as number
  if (size !== undefined) db.pragma(`cache_size = ${size}`)
  return before
}

/** The import worker's own connection. An import is redone, not recovered: NORMAL keeps the file consistent (WAL) without a sync per chunk. */
export function asImportConnection(db: Db): void {
  db.pragma('busy_timeout = 5000')
  db.pragma('foreign_keys = ON')
  db.pragma('synchronous = NORMAL')
}
