import type { Db } from '../../base/store/database'
import type { ImportSummary } from '../../../shared/catalog/schemas'
import { CsvRecordReader } from './csv'
import { CatalogImportError, FieldError } from './errors'
import { activeNationalGenerations } from './generation-store'
import { nationalCodeCounts, storeItemWriter } from './import-store'
import { corruptAt, runImport, type ImportOptions } from './importRun'
import { initialsOf, searchKey } from './searchText'
import { STORE_HEADER, parseStoreFields } from './storeFile'

/**
 * Imports the store's own items (CSV). Search keys (normalised name, pinyin initials, grams) are
 * computed here, once, so searching never runs pinyin. National codes are matched at search time
 * against whichever national catalog is live, so re-importing either catalog keeps the other valid;
 * the summary counts how many codes match the national catalog live right now.
 */
export function importStoreItems(db: Db, file: string, opts: ImportOptions = {}): Promise<ImportSummary> {
  return runImport(db, 'store', file, opts, (generation) => {
    const writer = storeItemWriter(db)
    const csv = new CsvRecordReader()
    const firstLineOf = new Map<string, number>()
    let headerSeen = false
    let items = 0

    return {
      line(line) {
        const record = csv.push(line)
        if (record === null) return
        const { fields, lineNo } = record
        if (!headerSeen) {
          if (fields.map((f) => f.trim().toLowerCase()).join(',') !== STORE_HEADER) {
            throw new CatalogImportError('CATALOG_CORRUPT', `表头不正确，应为 ${STORE_HEADER}；可能不是商品目录文件`, lineNo)
          }
          headerSeen = true
          return
        }
        // Spreadsheet exports often end with blank rows.
        if (fields.length === 1 && fields[0].trim() === '') return
        if (fields.length > 1 && fields.every((f) => f.trim() === '')) return
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
        const initials = initialsOf(nameKey)
        writer.insert(generation, row, nameKey, initials)
        items++
      },
      finish() {
        csv.finish()
        if (!headerSeen) throw new CatalogImportError('CATALOG_TRUNCATED', '文件是空的，没有表头', 1)
        if (items === 0) throw new CatalogImportError('CATALOG_EMPTY', '文件中没有任何商品，未导入')
        const [drugs, consumables] = activeNationalGenerations(db)
        const { coded, matched } = nationalCodeCounts(db, generation, drugs, consumables)
        return { items, nationalMatched: matched, nationalUnmatched: coded - matched }
      },
    }
  })
}
