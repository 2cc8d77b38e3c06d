import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { Db } from '../../base/store/database'
import { nationalCatalogName, type ImportSummary, type ListType, type NationalList } from '../../../shared/catalog/schemas'
import { CatalogImportError, FieldError } from './errors'
import { nationalStager as stager } from './import-store'
import { corruptAt, runImport, type ImportBody, type ImportOptions } from './importRun'
import type { SourceLine } from './lines'
import { CATALOG_FILE_HEADER } from '../../../shared/nhsa/catalog-file'
import { parseFlatFields, parseNationalTrailer, parsePlatformFields, type NationalRow } from './nationalFile'
import type { TermsTable } from './terms'
import { extractSingleEntry, isZipFile } from './zipEntry'

/** Which list_type values each download may hold: a 1306 file imported as 1301 is refused, not swapped in. */
const LIST_TYPES: Readonly<Record<NationalList, readonly ListType[]>> = {
  '1301': ['101', '102', '103'],
  '1306': ['301'],
}

const LIST_NAMES: Readonly<Record<NationalList, string>> = { '1301': '1301 西药中成药目录', '1306': '1306 医用耗材目录' }

export interface NationalImportOptions extends ImportOptions {
  /** The region's 医保目录 (1312/1318/1319) merged into the platform's file; without it its entries are 丙. */
  terms?: TermsTable
  /** data_cnt as 1301/1306 announced it: the platform's file has no trailer, so this proves it complete. */
  expectedRows?: number | null
}

const EMPTY_TERMS: TermsTable = new Map()

function checkList(list: NationalList, row: NationalRow, lineNo: number): void {
  if (!LIST_TYPES[list].includes(row.listType)) {
    corruptAt(lineNo, new FieldError('list_type', `目录类别 ${row.listType} 不属于${LIST_NAMES[list]}，请确认导入的是正确的文件`))
  }
}

/** The flat list: header, entries, `#END<TAB>count`; the whole file validated, trailer included. */
function flatBody(db: Db, list: NationalList, generation: number): ImportBody {
  const stage = stager(db, generation)
  const firstLineOf = new Map<string, number>()
  let items = 0
  let lastLine = 0
  let trailerLine = 0
  let declared: number | null = null
  return {
    line(line: SourceLine) {
      lastLine = line.lineNo
      const text = line.text
      if (line.lineNo === 1) {
        if (text !== CATALOG_FILE_HEADER) {
          throw new CatalogImportError('CATALOG_CORRUPT', `表头不正确，应为 ${CATALOG_FILE_HEADER.replace(/\t/g, '<Tab>')}；可能不是国家目录文件`, 1)
        }
        return
      }
      if (declared !== null) {
        if (text === '') return
        throw new CatalogImportError('CATALOG_CORRUPT', `结束标记 #END（第 ${trailerLine} 行）之后还有内容`, line.lineNo)
      }
      let trailer: number | null
      try {
        trailer = parseNationalTrailer(text)
      } catch (e) {
        corruptAt(line.lineNo, e)
      }
      if (trailer !== null) {
        declared = trailer
        trailerLine = line.lineNo
        return
      }
      if (!line.terminated) {
        throw new CatalogImportError('CATALOG_TRUNCATED', '文件在这一行中途结束，没有结束标记 #END，文件不完整', line.lineNo)
      }
      let row
      try {
        row = parseFlatFields(text.split('\t'))
      } catch (e) {
        corruptAt(line.lineNo, e)
      }
      checkList(list, row, line.lineNo)
      const key = row.hilistCode.toUpperCase()
      const first = firstLineOf.get(key)
      if (first !== undefined) corruptAt(line.lineNo, new FieldError('hilist_code', `医保目录编码 "${row.hilistCode}" 与第 ${first} 行重复`))
      firstLineOf.set(key, line.lineNo)
      stage(row)
      items++
    },
    finish() {
      if (lastLine === 0) throw new CatalogImportError('CATALOG_TRUNCATED', '文件是空的（下载可能没有完成）', 1)
      if (declared === null) throw new CatalogImportError('CATALOG_TRUNCATED', '缺少结束标记 #END，文件不完整（下载可能中断）', lastLine + 1)
      if (declared !== items) {
        throw new CatalogImportError('CATALOG_TRUNCATED', `结束标记写明 ${declared} 条，文件中有 ${items} 条，文件不完整`, trailerLine)
      }
      if (items === 0) throw new CatalogImportError('CATALOG_EMPTY', '文件中没有任何目录条目，未导入')
      return { items, nationalMatched: 0, nationalUnmatched: 0 }
    },
  }
}

/** The platform's file: headerless rows in the real columns, the 医保目录 terms merged in. */
function platformBody(db: Db, list: NationalList, generation: number, opts: NationalImportOptions): ImportBody {
  const stage = stager(db, generation)
  const terms = opts.terms ?? EMPTY_TERMS
  const codes = new Set<string>()
  let rows = 0
  let lastLine = 0
  return {
    line(line: SourceLine) {
      lastLine = line.lineNo
      if (line.text === '') return
      rows++
      let row
      try {
        row = parsePlatformFields(list, line.text.split('\t'), terms)
      } catch (e) {
        corruptAt(line.lineNo, e)
      }
      if (row === null) return
      checkList(list, row, line.lineNo)
      codes.add(row.hilistCode.toUpperCase())
      stage(row)
    },
    finish() {
      if (lastLine === 0) throw new CatalogImportError('CATALOG_TRUNCATED', '文件是空的（下载可能没有完成）', 1)
      const expected = opts.expectedRows
      if (expected !== undefined && expected !== null && expected !== rows) {
        throw new CatalogImportError('CATALOG_TRUNCATED', `文件有 ${rows} 行，医保平台说明有 ${expected} 条，文件不完整，请重新下载`)
      }
      if (codes.size === 0) throw new CatalogImportError('CATALOG_EMPTY', '文件中没有任何有效的目录条目，未导入')
      return { items: codes.size, nationalMatched: 0, nationalUnmatched: 0 }
    },
  }
}

/** The flat list starts with its header; anything else is the platform's headerless file. */
async function isFlatList(file: string): Promise<boolean> {
  const fd = await open(file, 'r').catch(() => null)
  if (!fd) return true // unreadable: the runner reports it
  try {
    const head = Buffer.alloc(32)
    const { bytesRead } = await fd.read(head, 0, 32, 0)
    const text = head
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
    return bytesRead === 0 || text.startsWith('hilist_code')
  } finally {
    await fd.close()
  }
}

/**
 * Imports one national list (1301 drugs or 1306 consumables), replacing that list only: the platform's
 * file (a ZIP, or its text taken out of one) or the flat list. The whole file is validated before the
 * new list goes live.
 */
export async function importNationalCatalog(db: Db, list: NationalList, file: string, opts: NationalImportOptions = {}): Promise<ImportSummary> {
  const catalog = nationalCatalogName(list)
  if (!(await isZipFile(file))) {
    const flat = await isFlatList(file)
    return runImport(db, catalog, file, opts, (g) => (flat ? flatBody(db, list, g) : platformBody(db, list, g, opts)))
  }
  const dir = mkdtempSync(join(tmpdir(), 'pos-catalog-'))
  try {
    opts.onProgress?.({ catalog, phase: 'reading', linesDone: 0, bytesDone: 0, bytesTotal: statSync(file).size })
    const inner = join(dir, 'entry.txt')
    await extractSingleEntry(file, inner, opts.signal)
    return await runImport(db, catalog, inner, { ...opts, sourceName: opts.sourceName ?? basename(file) }, (g) => platformBody(db, list, g, opts))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
