import { createHash } from 'node:crypto'
import { fromFen, toWireNumber } from '../../../../shared/money/money'
import { CATALOG_FILE_HEADER, catalogFileLine, catalogFileTrailer } from '../../../../shared/nhsa/catalog-file'
import type { TransactionOutput } from '../../../../shared/nhsa/transactions'
import { toFileItem, type CatalogRow } from '../../domain/catalog'
import { nextSequence, padded } from '../../store/ids'
import { compactDateTime, wireDateTime } from '../../time'
import type { Handler, HandlerContext } from '../context'
import { prepared } from '../../../base/store/statements'

const FILE_LIFETIME_MS = 24 * 3600 * 1000

/** The list types each download carries: 1301 is every drug (western, patent, herbal pieces), 1306 consumables. */
const LIST_TYPES = { '1301': ['101', '102', '103'], '1306': ['301'] } as const

/** Builds the catalog file of every item of the list changed after `ver`, and keeps it for 9102. */
function downloadCatalog(ctx: HandlerContext, list: '1301' | '1306', fromVer: number): TransactionOutput<'1301'> {
  const types = LIST_TYPES[list]
  const rows = prepared(ctx.db, `SELECT * FROM catalog_items WHERE list_type IN (${types.map(() => '?').join(', ')}) AND ver > ? ORDER BY ver, hilist_code`)
    .iterate(...types, fromVer) as IterableIterator<CatalogRow>
  const parts: string[] = [CATALOG_FILE_HEADER]
  let maxVer = fromVer
  for (const row of rows) {
    parts.push(catalogFileLine(toFileItem(row)))
    if (row.ver > maxVer) maxVer = row.ver
  }
  const count = parts.length - 1
  parts.push(catalogFileTrailer(count))
  const content = Buffer.from(parts.join('\n') + '\n', 'utf8')
  const fileNo = 'F' + compactDateTime(ctx.now) + padded(nextSequence(ctx.db, 'file_qury_no'), 8)
  const filename = `${list}_${fromVer}_${maxVer}.txt`
  prepared(ctx.db, 
      `INSERT INTO files (file_qury_no, fixmedins_code, filename, direction, content, sha256, item_count, created_at)
       VALUES (?, ?, ?, 'download', ?, ?, ?, ?)`,
    )
    .run(fileNo, ctx.fixmedins_code, filename, content, createHash('sha256').update(content).digest('hex'), count, ctx.now.toISOString())
  return {
    data: {
      file_qury_no: fileNo,
      filename,
      dld_endtime: wireDateTime(new Date(ctx.now.getTime() + FILE_LIFETIME_MS)),
      item_count: count,
      ver: String(maxVer),
    },
  }
}

export const drugCatalog: Handler<'1301'> = (ctx, input) => downloadCatalog(ctx, '1301', Number(input.data.ver))
export const consumableCatalog: Handler<'1306'> = (ctx, input) => downloadCatalog(ctx, '1306', Number(input.data.ver))

export const catalogQuery: Handler<'1312'> = (ctx, input) => {
  const { hilist_code, page_num, page_size } = input.data
  const where = hilist_code ? 'WHERE hilist_code = ?' : ''
  const args = hilist_code ? [hilist_code] : []
  const total = (prepared(ctx.db, `SELECT COUNT(*) AS n FROM catalog_items ${where}`).get(...args) as { n: number }).n
  const rows = prepared(ctx.db, `SELECT * FROM catalog_items ${where} ORDER BY hilist_code LIMIT ? OFFSET ?`)
    .all(...args, page_size, (page_num - 1) * page_size) as CatalogRow[]
  return {
    data: rows.map((r) => ({
      hilist_code: r.hilist_code,
      hilist_name: r.hilist_name,
      chrgitm_lv: r.chrgitm_lv,
      selfpay_prop: Number(r.selfpay_prop),
      list_type: r.list_type as '101' | '301',
      pric_uplmt_amt: r.pric_uplmt_fen === null ? null : toWireNumber(fromFen(r.pric_uplmt_fen)),
      rx_flag: r.rx_flag,
      lmt_used_flag: r.pric_uplmt_fen === null ? '0' : '1',
    })),
    total,
  }
}
