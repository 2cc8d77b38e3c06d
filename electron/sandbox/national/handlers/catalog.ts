import { createHash } from 'node:crypto'
import { fromFen, toWireNumber } from '../../../../shared/money/money'
import { nationalFileLine } from '../../../../shared/nhsa/national-file'
import type { TransactionInput, TransactionOutput } from '../../../../shared/nhsa/transactions'
import type { CatalogRow } from '../../domain/catalog'
import { nextSequence, padded } from '../../store/ids'
import { compactDateTime, wireDateTime } from '../../time'
import type { Handler, HandlerContext } from '../context'
import { prepared } from '../../../base/store/statements'

const FILE_LIFETIME_MS = 24 * 3600 * 1000

/** The list types each download carries: 1301 is every drug (western, patent, herbal pieces), 1306 consumables. */
const LIST_TYPES = { '1301': ['101', '102', '103'], '1306': ['301'] } as const

/** When the demo lists took effect; the real rows carry such dates, and the client checks them. */
const LISTED_SINCE = '2020-01-01'

/** What a pack holds, as the demo's specs write it at their end ("0.3g*20粒": 20 of 粒). */
function packOf(spec: string): { min_pac_cnt: string; min_useunt: string } | Record<string, never> {
  const m = /[*×](\d{1,4})(粒|片|支|袋|丸|贴|瓶)$/.exec(spec)
  return m ? { min_pac_cnt: m[1], min_useunt: m[2] } : {}
}

/** A demo row in the real file's columns (shared/nhsa/national-file.ts); what the demo does not know stays empty. */
function fileLine(list: '1301' | '1306', r: CatalogRow): string {
  const common = {
    med_list_codg: r.hilist_code,
    prodentp_name: r.prodentp_name,
    min_salunt: r.unit,
    ...packOf(r.spec),
    begndate: LISTED_SINCE,
    vali_flag: '1',
    rid: r.hilist_code,
    ver: String(r.ver),
  }
  if (list === '1306') return nationalFileLine('1306', { ...common, mcs_name: r.hilist_name, hi_genname: r.hilist_name, spec: r.spec })
  return nationalFileLine('1301', {
    ...common,
    drug_prodname: r.hilist_name,
    drug_genname: r.hilist_name,
    drug_dosform: r.dosform,
    drug_dosform_name: r.dosform,
    drug_spec: r.spec,
    tcmpat_flag: r.list_type === '102' ? '1' : '0',
    otc_flag: r.rx_flag === '1' ? '0' : '1',
  })
}

/**
 * Builds the file of every item of the list changed after `ver` in the real layout (headerless, TAB
 * separated, the real columns) and keeps it for 9102, which hands it out zipped.
 */
function downloadCatalog(ctx: HandlerContext, list: '1301' | '1306', fromVer: number): TransactionOutput<'1301'> {
  const types = LIST_TYPES[list]
  const rows = prepared(
    ctx.db,
    `SELECT * FROM catalog_items WHERE list_type IN (${types.map(() => '?').join(', ')}) AND ver > ? ORDER BY ver, hilist_code`,
  ).iterate(...types, fromVer) as IterableIterator<CatalogRow>
  const lines: string[] = []
  let maxVer = fromVer
  for (const row of rows) {
    lines.push(fileLine(list, row))
    if (row.ver > maxVer) maxVer = row.ver
  }
  const content = Buffer.from(lines.map((l) => l + '\n').join(''), 'utf8')
  const fileNo = 'F' + compactDateTime(ctx.now) + padded(nextSequence(ctx.db, 'file_qury_no'), 8)
  const filename = `${list}_${fromVer}_${maxVer}.txt`
  prepared(
    ctx.db,
    `INSERT INTO files (file_qury_no, fixmedins_code, filename, direction, content, sha256, item_count, created_at)
       VALUES (?, ?, ?, 'download', ?, ?, ?, ?)`,
  ).run(fileNo, ctx.fixmedins_code, filename, content, createHash('sha256').update(content).digest('hex'), lines.length, ctx.now.toISOString())
  return {
    file_qury_no: fileNo,
    filename,
    dld_end_time: wireDateTime(new Date(ctx.now.getTime() + FILE_LIFETIME_MS)),
    data_cnt: lines.length,
  }
}

export const drugCatalog: Handler<'1301'> = (ctx, input) => downloadCatalog(ctx, '1301', Number(input.data.ver))
export const consumableCatalog: Handler<'1306'> = (ctx, input) => downloadCatalog(ctx, '1306', Number(input.data.ver))

type PageInput = TransactionInput<'1312'>['data']

/** One page of a 医保目录 query, with the counts a pager needs, over the items `where` selects. */
function page<T>(ctx: HandlerContext, input: PageInput, where: [sql: string, ...args: string[]], row: (r: CatalogRow) => T) {
  const [own, ...ownArgs] = where
  const clauses = [own, ...(input.hilist_code ? ['hilist_code = ?'] : [])].filter(Boolean)
  const sql = clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''
  const args = [...ownArgs, ...(input.hilist_code ? [input.hilist_code] : [])]
  const recordCounts = (prepared(ctx.db, `SELECT COUNT(*) AS n FROM catalog_items ${sql}`).get(...args) as { n: number }).n
  const rows = prepared(ctx.db, `SELECT * FROM catalog_items ${sql} ORDER BY hilist_code LIMIT ? OFFSET ?`).all(
    ...args,
    input.page_size,
    (input.page_num - 1) * input.page_size,
  ) as CatalogRow[]
  return { data: rows.map(row), pageNum: input.page_num, pageSize: input.page_size, recordCounts, pages: Math.ceil(recordCounts / input.page_size) }
}

/** Every 医保目录 row of the demo holds nationwide, from the day the demo lists took effect. */
const held = (r: CatalogRow) => ({
  hilist_code: r.hilist_code,
  insu_admdvs: '',
  begndate: LISTED_SINCE,
  enddate: null,
  vali_flag: '1' as const,
  rid: `${r.hilist_code}-${r.ver}`,
  updt_time: `${LISTED_SINCE} 00:00:00`,
})

/** 医疗收费项目类别 of a list type: 09 西药费, 10 中成药费, 11 中药饮片费, 08 卫生材料费. */
const CHRGITM_TYPE: Readonly<Record<string, string>> = { '101': '09', '102': '10', '103': '11', '301': '08' }

export const catalogQuery: Handler<'1312'> = (ctx, input) =>
  page(ctx, input.data, input.data.list_type ? ['list_type = ?', input.data.list_type] : [''], (r) => ({
    ...held(r),
    hilist_name: r.hilist_name,
    med_chrgitm_type: CHRGITM_TYPE[r.list_type] ?? '',
    chrgitm_lv: r.chrgitm_lv,
    lmt_used_flag: '0' as const,
    list_type: r.list_type as '101',
    med_use_flag: '1',
    matn_used_flag: '0',
    hilist_use_type: '1',
    lmt_cpnd_type: '0',
  }))

export const priceCapQuery: Handler<'1318'> = (ctx, input) =>
  page(ctx, input.data, ['pric_uplmt_fen IS NOT NULL'], (r) => ({
    ...held(r),
    hilist_lmtpric_type: '1',
    overlmt_dspo_way: '1',
    hilist_pric_uplmt_amt: toWireNumber(fromFen(r.pric_uplmt_fen ?? 0)),
  }))

export const selfpayQuery: Handler<'1319'> = (ctx, input) =>
  page(ctx, input.data, ["chrgitm_lv = '02'"], (r) => ({
    ...held(r),
    selfpay_prop_psn_type: '1',
    selfpay_prop_type: '1',
    selfpay_prop: Number(r.selfpay_prop),
  }))
