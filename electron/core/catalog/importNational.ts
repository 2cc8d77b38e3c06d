import type { Db } from '../../base/store/database'
import { nationalCatalogName, type ImportSummary, type ListType, type NationalList } from '../../../shared/catalog/schemas'
import { CatalogImportError, FieldError } from './errors'
import { corruptAt, runImport, type ImportOptions } from './importRun'
import { NATIONAL_HEADER, parseNationalFields, parseNationalTrailer } from './nationalFile'

/** Which list_type values each download may hold: a 1306 file imported as 1301 is refused, not swapped in. */
const LIST_TYPES: Readonly<Record<NationalList, readonly ListType[]>> = {
  '1301': ['101', '102', '103'],
  '1306': ['301'],
}

const LIST_NAMES: Readonly<Record<NationalList, string>> = { '1301': '1301 西药中成药目录', '1306': '1306 医用耗材目录' }

/**
 * Imports one national list (1301 drugs or 1306 consumables), replacing that list only. The whole
 * file is validated, including the #END count, before the new list goes live.
 */
export function importNationalCatalog(
  db: Db,
  list: NationalList,
  file: string,
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  const allowed = LIST_TYPES[list]
  return runImport(db, nationalCatalogName(list), file, opts, (generation) => {
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
        if (!allowed.includes(row.listType)) {
          corruptAt(
            line.lineNo,
            new FieldError('list_type', `目录类别 ${row.listType} 不属于${LIST_NAMES[list]}，请确认导入的是正确的文件`),
          )
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
