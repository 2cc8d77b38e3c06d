import type { Statement } from 'better-sqlite3'
import type { Db } from '../../base/store/database'
import {
  SEARCH_LIMIT_DEFAULT,
  SEARCH_LIMIT_MAX,
  type CatalogItem,
  type MatchKind,
  type NationalEntry,
  type SearchHit,
  type SearchResult,
} from '../../../shared/catalog/schemas'
import { ITEM_COLUMNS, toCatalogItem, toNationalEntry, type ItemRow, type NationalRowOut } from './rows'
import { ftsPhrase, isGramQuery, isInitialsQuery, searchKey } from './searchText'

/** Sorts after every character, so [q, q + TOP) is exactly the keys starting with q. */
const TOP = String.fromCodePoint(0x10ffff)

interface Params {
  sg: number
  /** Live generations of the 1301 and 1306 lists. */
  n1: number | null
  n2: number | null
  q: string
  qEnd: string
  limit: number
  /** ISO UTC: which of the store's dated prices hold. */
  now: string
}

interface Tier {
  match: MatchKind
  applies(key: string): boolean
  stmt: Statement<[Params], ItemRow>
  /** What $q binds to when it is not the key itself (an FTS5 MATCH expression, an upper-cased code). */
  arg?(key: string): string
}

export interface CatalogSearch {
  search(query: string, opts?: { limit?: number }): SearchResult
  /** Exact barcode: what a scanner sends. Several items may share one (e.g. box and strip). */
  findByBarcode(barcode: string): CatalogItem[]
  findByStoreCode(storeCode: string): CatalogItem | null
  nationalEntry(hilistCode: string): NationalEntry | null
}

const DIGITS = /^\d+$/

/**
 * Search over the live store catalog. Every tier is an index probe with a LIMIT, so the cost depends
 * on the limit, not on the catalog's size: exact codes (B-tree), then prefixes (code ranges on B-trees;
 * names by FTS5 `^` on the trigram index, or a head token for 1-2 characters), then pinyin initials
 * (prefix the same way, then trigram substring), then name substring (trigram for 3+ characters, the
 * gram tokens for 1-2). Within a tier rows come in index order: code order or row order.
 */
export function createCatalogSearch(db: Db, clock: () => Date = () => new Date()): CatalogSearch {
  // A code lives in one list; should both lists hold it, the search's store-code dedup keeps one row.
  const nationalJoin = `LEFT JOIN national_item n ON n.generation IN ($n1, $n2) AND n.hilist_code = i.national_code`
  const from = `FROM store_item i ${nationalJoin}`
  const item = (where: string, order = '') =>
    db.prepare<[Params], ItemRow>(`SELECT ${ITEM_COLUMNS} ${from} WHERE i.generation = $sg AND ${where} ${order} LIMIT $limit`)
  // CROSS JOIN pins the FTS table as the outer loop: MATCH drives, store_item is probed by id.
  const fts = (table: string) =>
    db.prepare<[Params], ItemRow>(
      `SELECT ${ITEM_COLUMNS} FROM ${table} t CROSS JOIN store_item i ON i.id = t.rowid
       ${nationalJoin}
       WHERE t.${table} MATCH $q AND i.generation = $sg LIMIT $limit`,
    )

  // House barcodes may hold letters: they are stored upper-case, keys are lower-case.
  const barcode: Tier = {
    match: 'barcode',
    applies: (k) => !k.includes(' '),
    stmt: item('i.barcode = $q'),
    arg: (k) => k.toUpperCase(),
  }
  const storeCode: Tier = { match: 'storeCode', applies: (k) => !k.includes(' '), stmt: item('i.store_code = $q') }
  const nationalCode: Tier = { match: 'nationalCode', applies: isInitialsQuery, stmt: item('i.national_code = $q') }
  const trigram = fts('store_item_text')
  const grams = fts('store_item_grams')
  const namePrefix: Tier = {
    match: 'namePrefix',
    applies: (k) => [...k].length >= 3,
    stmt: trigram,
    arg: (k) => `name_key : ^ ${ftsPhrase(k)}`,
  }
  const nameHead: Tier = { match: 'namePrefix', applies: isGramQuery, stmt: grams, arg: (k) => `name_head : ${ftsPhrase(k)}` }
  const storeCodePrefix: Tier = {
    match: 'codePrefix',
    applies: (k) => !k.includes(' '),
    stmt: item('i.store_code >= $q AND i.store_code < $qEnd', 'ORDER BY i.store_code'),
  }
  const barcodePrefix: Tier = {
    match: 'codePrefix',
    applies: (k) => k.length >= 4,
    stmt: item('i.barcode >= $q AND i.barcode < $qEnd', 'ORDER BY i.barcode'),
  }
  const initialsPrefix: Tier = {
    match: 'initials',
    applies: (k) => isInitialsQuery(k) && k.length >= 3,
    stmt: trigram,
    arg: (k) => `initials : ^ ${ftsPhrase(k)}`,
  }
  const initialsHead: Tier = {
    match: 'initials',
    applies: (k) => isInitialsQuery(k) && k.length <= 2,
    stmt: grams,
    arg: (k) => `initials_head : ${ftsPhrase(k)}`,
  }
  const initialsSubstring: Tier = {
    match: 'initials',
    applies: (k) => isInitialsQuery(k) && k.length >= 3,
    stmt: trigram,
    arg: (k) => `initials : ${ftsPhrase(k)}`,
  }
  const nameTrigram: Tier = {
    match: 'name',
    applies: (k) => [...k].length >= 3,
    stmt: trigram,
    arg: (k) => `name_key : ${ftsPhrase(k)}`,
  }
  const nameGram: Tier = { match: 'name', applies: isGramQuery, stmt: grams, arg: (k) => `grams : ${ftsPhrase(k)}` }

  /** A scanner's digits are a barcode first; anything typed is a code first, then a name. */
  const digitTiers = [barcode, storeCode, nationalCode, barcodePrefix, storeCodePrefix, namePrefix, nameHead, nameTrigram, nameGram]
  const textTiers = [
    storeCode,
    barcode,
    nationalCode,
    namePrefix,
    nameHead,
    storeCodePrefix,
    initialsPrefix,
    initialsHead,
    initialsSubstring,
    nameTrigram,
    nameGram,
  ]

  const generations = db.prepare("SELECT catalog, generation FROM catalog_import WHERE status = 'active'").raw()
  const live = (): { sg: number | null; n1: number | null; n2: number | null } => {
    let sg: number | null = null
    let n1: number | null = null
    let n2: number | null = null
    for (const [catalog, generation] of generations.all() as [string, number][]) {
      if (catalog === 'store') sg = generation
      else if (catalog === 'national_1301') n1 = generation
      else n2 = generation
    }
    return { sg, n1, n2 }
  }

  // No ORDER BY: sorting by store code lets the planner walk the store-code index over the whole
  // generation (125 ms at 500,000 items) instead of probing the barcode index.
  const byBarcode = item('i.barcode = $q')
  const byStoreCode = item('i.store_code = $q')
  const national = db.prepare<[string], NationalRowOut>(
    `SELECT * FROM national_item WHERE generation IN
       (SELECT generation FROM catalog_import WHERE catalog IN ('national_1301', 'national_1306') AND status = 'active')
     AND hilist_code = ? LIMIT 1`,
  )

  return {
    search(query, opts = {}) {
      const limit = Math.min(Math.max(1, Math.trunc(opts.limit ?? SEARCH_LIMIT_DEFAULT)), SEARCH_LIMIT_MAX)
      const key = searchKey(query.slice(0, 100))
      const { sg, n1, n2 } = live()
      const hits: SearchHit[] = []
      if (key === '' || sg === null) return { query, hits }
      const seen = new Set<string>()
      for (const tier of DIGITS.test(key) ? digitTiers : textTiers) {
        if (!tier.applies(key)) continue
        const q = tier.arg ? tier.arg(key) : key
        const rows = tier.stmt.all({ sg, n1, n2, q, qEnd: key + TOP, limit, now: clock().toISOString() })
        for (const row of rows) {
          if (seen.has(row.store_code)) continue
          seen.add(row.store_code)
          hits.push({ ...toCatalogItem(row), match: tier.match })
          if (hits.length >= limit) return { query, hits }
        }
      }
      return { query, hits }
    },
    findByBarcode(code) {
      const { sg, n1, n2 } = live()
      if (sg === null) return []
      const rows = byBarcode.all({ sg, n1, n2, q: searchKey(code).toUpperCase(), qEnd: '', limit: SEARCH_LIMIT_MAX, now: clock().toISOString() })
      const unique = new Map(rows.map((r) => [r.store_code, r]))
      return [...unique.values()].map(toCatalogItem).sort((a, b) => (a.storeCode < b.storeCode ? -1 : a.storeCode > b.storeCode ? 1 : 0))
    },
    findByStoreCode(code) {
      const { sg, n1, n2 } = live()
      if (sg === null) return null
      const row = byStoreCode.get({ sg, n1, n2, q: code.trim(), qEnd: '', limit: 1, now: clock().toISOString() })
      return row ? toCatalogItem(row) : null
    },
    nationalEntry(code) {
      const row = national.get(code.trim())
      return row ? toNationalEntry(row) : null
    },
  }
}
