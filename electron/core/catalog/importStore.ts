import type { Db } from '../../base/store/database'
import type { ImportSummary } from '../../../shared/catalog/schemas'
import { CsvRecordReader } from './csv'
import { CatalogImportError, FieldError } from './errors'
import { activeNationalGenerations } from './generation-store'
import { nationalCodeCounts, storeItemWriter } from './import-store'
import { corruptAt, runImport, type ImportOptions } from './importRun'
import type { SourceLine } from './lines'
import { initialsOf, searchKey, type Initials } from './searchText'
import { STORE_HEADER, parseStoreFields, type StoreRow } from './storeFile'
import { stagedStoreSource } from './stagedStore'

/** A store item as read from its line, with the search keys computed once. */
export interface KeyedStoreRow {
  row: StoreRow
  nameKey: string
  initials: Initials
}

/**
 * Reads the store's CSV line by line: the header, blank spreadsheet rows, the field rules and duplicate
 * store codes, each refusal naming its line. Answers an item with its search keys, or null for a line
 * that holds none (the header, a blank row, a line inside a quoted field).
 */
export function storeLineReader() {
  const csv = new CsvRecordReader()
  const firstLineOf = new Map<string, number>()
  let headerSeen = false
  let items = 0
  return {
    line(line: SourceLine): KeyedStoreRow | null {
      const record = csv.push(line)
      if (record === null) return null
      const { fields, lineNo } = record
      if (!headerSeen) {
        if (fields.map((f) => f.trim().toLowerCase()).join(',') !== STORE_HEADER) {
          throw new CatalogImportError('CATALOG_CORRUPT', `表头不正确，应为 ${STORE_HEADER}；可能不是商品目录文件`, lineNo)
        }
        headerSeen = true
        return null
      }
      // Spreadsheet exports often end with blank rows.
      if (fields.length === 1 && fields[0].trim() === '') return null
      if (fields.length > 1 && fields.every((f) => f.trim() === '')) return null
      let row
      try {
        row = parseStoreFields(fields)
      } catch (e) {
        if (!record.terminated) {
          throw new CatalogImportError('CATALOG_TRUNCATED', '文件在这一行中途结束，文件不完整', lineNo)
        }
        corruptAt(lineNo, e)
      }
      const key = row.storeCode.toUpperCase()
      const first = firstLineOf.get(key)
      if (first !== undefined) {
        corruptAt(lineNo, new FieldError('store_code', `店内编码 "${row.storeCode}" 与第 ${first} 行重复`))
      }
      firstLineOf.set(key, lineNo)
      const nameKey = searchKey(row.name)
      items++
      return { row, nameKey, initials: initialsOf(nameKey) }
    },
    /** End of input: answers the item count; an empty file or one without a header is refused. */
    finish(): number {
      csv.finish()
      if (!headerSeen) throw new CatalogImportError('CATALOG_TRUNCATED', '文件是空的，没有表头', 1)
      if (items === 0) throw new CatalogImportError('CATALOG_EMPTY', '文件中没有任何商品，未导入')
      return items
    },
  }
}

function summaryCounts(db: Db, generation: number, items: number) {
  const [drugs, consumables] = activeNationalGenerations(db)
  const { coded, matched } = nationalCodeCounts(db, generation, drugs, consumables)
  return { items, nationalMatched: matched, nationalUnmatched: coded - matched }
}

/**
 * Imports the store's own items (CSV). Search keys (normalised name, pinyin initials, grams) are
 * computed here, once, so searching never runs pinyin. National codes are matched at search time
 * against whichever national catalog is live, so re-importing either catalog keeps the other valid;
 * the summary counts how many codes match the national catalog live right now.
 */
export function importStoreItems(db: Db, file: string, opts: ImportOptions = {}): Promise<ImportSummary> {
  return runImport(db, 'store', file, opts, (generation) => {
    const writer = storeItemWriter(db)
    const reader = storeLineReader()
    return {
      line(line) {
        const item = reader.line(line)
        if (item) writer.insert(generation, item.row, item.nameKey, item.initials)
      },
      finish: () => summaryCounts(db, generation, reader.finish()),
    }
  })
}

/**
 * The same import in two steps, for a connection that shares the write lock (the import worker): the file
 * is read, checked and keyed into a shadow file first (stagedStore.ts), holding no lock on the core's
 * database; only copying the finished rows in is paced against the core's writes. Same rules, same refusals.
 */
export function importStoreItemsStaged(db: Db, file: string, opts: ImportOptions = {}): Promise<ImportSummary> {
  const reader = storeLineReader()
  let items = 0
  let copy: ((range: readonly [number, number]) => void) | null = null
  let generation = 0
  return runImport(
    db,
    'store',
    file,
    opts,
    (g) => {
      generation = g
      return {
        line: (range: readonly [number, number]) => copy!(range),
        finish: () => summaryCounts(db, generation, items),
      }
    },
    (f) =>
      stagedStoreSource(db, f, reader, {
        generation: () => generation,
        ready: (copyRange, count) => {
          copy = copyRange
          items = count
        },
      }),
  )
}
