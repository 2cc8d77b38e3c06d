import type { Db } from '../store/database'
import type { ImportSummary } from '../../../shared/catalog/schemas'
import { CatalogImportError, FieldError } from './errors'
import { corruptAt, runImport, type ImportOptions } from './importRun'
import { NATIONAL_HEADER, parseNationalFields, parseNationalTrailer } from './nationalFile'

/**
 * Imports a national catalog file (1301 or 1306; both land in one table, told apart by list_type).
 * The whole file is validated, including the #END count, before the new catalog goes live.
 */
export function importNationalCatalog(db: Db, file: string, opts: ImportOptions = {}): Promise<ImportSummary> {
  return runImport(db, 'national', file, opts, (generation) => {
    const insert = db.prepare(
      `INSERT INTO national_item (generation, hilist_code, hilist_name, list_type, chrgitm_lv, selfpay_prop_bp,
         price_cap_fen, rx_flag, spec, dosform, prodentp_name, unit, barcode)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    const firstLineOf = new Map<string, number>()
    let items = 0
    let lastLine = 0
    let trailerLine = 0
    let declared: number | null = null

    return {
      line(line) {
        lastLine = line.lineNo
        const text = line.text
        if (line.lineNo === 1) {
          if (text !== NATIONAL_HEADER) {
            throw new CatalogImportError(
              'CATALOG_CORRUPT',
              `表头不正确，应为 ${NATIONAL_HEADER.replace(/\t/g, '<Tab>')}；可能不是国家目录文件`,
              1,
            )
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
          row = parseNationalFields(text.split('\t'))
        } catch (e) {
          corruptAt(line.lineNo, e)
        }
        const key = row.hilistCode.toUpperCase()
        const first = firstLineOf.get(key)
        if (first !== undefined) {
          corruptAt(line.lineNo, new FieldError('hilist_code', `医保目录编码 "${row.hilistCode}" 与第 ${first} 行重复`))
        }
        firstLineOf.set(key, line.lineNo)
        insert.run(
          generation,
          row.hilistCode,
          row.hilistName,
          row.listType,
          row.chrgitmLv,
          row.selfpayPropBp,
          row.priceCapFen,
          row.rxFlag,
          row.spec,
          row.dosform,
          row.prodentpName,
          row.unit,
          row.barcode,
        )
        items++
      },
      finish() {
        if (lastLine === 0) {
          throw new CatalogImportError('CATALOG_TRUNCATED', '文件是空的（下载可能没有完成）', 1)
        }
        if (declared === null) {
          throw new CatalogImportError('CATALOG_TRUNCATED', '缺少结束标记 #END，文件不完整（下载可能中断）', lastLine + 1)
        }
        if (declared !== items) {
          throw new CatalogImportError(
            'CATALOG_TRUNCATED',
            `结束标记写明 ${declared} 条，文件中有 ${items} 条，文件不完整`,
            trailerLine,
          )
        }
        if (items === 0) throw new CatalogImportError('CATALOG_EMPTY', '文件中没有任何目录条目，未导入')
        return { items, nationalMatched: 0, nationalUnmatched: 0 }
      },
    }
  })
}
