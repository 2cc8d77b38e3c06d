import { rmSync } from 'node:fs'
import Database from 'better-sqlite3'
import type { Db } from '../../base/store/database'
import { itemFacts } from './import-store'
import type { KeyedStoreRow } from './importStore'
import { gramsOf, headsOf } from './searchText'

/**
 * The shadow file of a store import: every item of the file, checked and keyed, before any of it enters the
 * core's database. It is nobody's record (a crash or a refusal deletes it, the next import makes it anew),
 * so it is written without a journal and without syncing: none of the core database's durability is given up.
 */
const SHADOW_SCHEMA = 'catalog_shadow'

export function openShadow(file: string): Db {
  rmSync(file, { force: true })
  const shadow = new Database(file)
  shadow.pragma('journal_mode = OFF')
  shadow.pragma('synchronous = OFF')
  shadow.exec(`CREATE TABLE staged (
    store_code TEXT NOT NULL, barcode TEXT, name TEXT NOT NULL, name_key TEXT NOT NULL, initials TEXT NOT NULL,
    initials_all TEXT NOT NULL, grams TEXT NOT NULL, name_head TEXT NOT NULL, initials_head TEXT NOT NULL,
    spec TEXT NOT NULL, maker TEXT NOT NULL, unit TEXT NOT NULL, price_fen INTEGER NOT NULL, stock INTEGER NOT NULL,
    kind TEXT NOT NULL, national_code TEXT)`)
  return shadow
}

/** Writes keyed items into the shadow file, one transaction per call; row ids count from 1 in file order. */
export function shadowWriter(shadow: Db): (items: readonly KeyedStoreRow[]) => void {
  const insert = shadow.prepare(`INSERT INTO staged VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  return shadow.transaction((items: readonly KeyedStoreRow[]) => {
    for (const { row, nameKey, initials } of items) {
      const heads = headsOf(nameKey, initials)
      insert.run(
        row.storeCode,
        row.barcode,
        row.name,
        nameKey,
        initials.primary,
        initials.all.join(' '),
        gramsOf(nameKey),
        heads.name,
        heads.initials,
        ...itemFacts(row),
      )
    }
  })
}

/**
 * Attaches the finished shadow file to the importing connection (outside any transaction) and answers how to
 * copy a range of its rows into the staging generation: the item and its two FTS rows under one id, a
 * statement each for the whole range. Ids continue after the highest one in store_item.
 */
export function attachShadow(db: Db, file: string, generation: () => number): { count: number; copy: (range: readonly [number, number]) => void } {
  db.prepare(`ATTACH ? AS ${SHADOW_SCHEMA}`).run(file)
  const count = db.prepare(`SELECT count(*) FROM ${SHADOW_SCHEMA}.staged`).pluck().get() as number
  const base = (db.prepare('SELECT max(id) FROM store_item').pluck().get() as number | null) ?? 0
  const range = `FROM ${SHADOW_SCHEMA}.staged WHERE rowid >= $lo AND rowid < $hi`
  const item = db.prepare(
    `INSERT INTO store_item (id, generation, store_code, barcode, name, name_key, initials, spec, maker, unit, price_fen, stock, kind, national_code)
     SELECT $base + rowid, $generation, store_code, barcode, name, name_key, initials, spec, maker, unit, price_fen, stock, kind, national_code ${range}`,
  )
  const text = db.prepare(`INSERT INTO store_item_text (rowid, name_key, initials) SELECT $base + rowid, name_key, initials_all ${range}`)
  const grams = db.prepare(
    `INSERT INTO store_item_grams (rowid, grams, name_head, initials_head) SELECT $base + rowid, grams, name_head, initials_head ${range}`,
  )
  return {
    count,
    copy: ([lo, hi]) => {
      const args = { base, generation: generation(), lo, hi }
      item.run(args)
      text.run(args)
      grams.run(args)
    },
  }
}

export function detachShadow(db: Db): void {
  const attached = db.prepare('SELECT 1 FROM pragma_database_list WHERE name = ?').get(SHADOW_SCHEMA)
  if (attached) db.prepare(`DETACH ${SHADOW_SCHEMA}`).run()
}
