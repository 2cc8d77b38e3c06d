import { CATALOG_FILE_COLUMNS, CATALOG_FILE_TRAILER } from '../../../shared/nhsa/catalog-file'
import { NATIONAL_FILE_COLUMNS, type NationalFileList } from '../../../shared/nhsa/national-file'
import { ChrgitmLvSchema, ListTypeSchema, type ChrgitmLv, type ListType } from '../../../shared/catalog/schemas'
import { FieldError } from './errors'
import { nationalCode, oneOf, optionalEan13, optionalMoneyFen, ratioBp, text } from './fields'
import { NOT_LISTED, type TermsTable } from './terms'

/**
 * The national catalog, read from either of its two layouts (docs/catalog.md):
 * - the platform's file (1301/1306 as 9102 delivers it): headerless, TAB-separated, its real columns in
 *   their real order (shared/nhsa/national-file.ts), usually inside a ZIP; class, share and cap come from
 *   the 医保目录 queries (terms.ts), not from the file;
 * - the flat list: a header, one entry per line with class, share and cap in it, `#END<TAB>count` last
 *   (the training catalog, generated catalogs, a store's own export).
 */

/** One national entry as stored: money in fen, ratio in ten-thousandths. */
export interface NationalRow {
  hilistCode: string
  hilistName: string
  listType: ListType
  chrgitmLv: ChrgitmLv
  selfpayPropBp: number
  priceCapFen: number | null
  rxFlag: 0 | 1
  spec: string
  dosform: string
  prodentpName: string
  unit: string
  barcode: string | null
  minUseunt: string | null
  minSalunt: string | null
  minPacCnt: number | null
}

/** Parses one flat-list line's fields; throws FieldError naming the column. */
export function parseFlatFields(f: readonly string[]): NationalRow {
  if (f.length !== CATALOG_FILE_COLUMNS.length) {
    throw new FieldError('', `应有 ${CATALOG_FILE_COLUMNS.length} 个字段（以 Tab 分隔），实际有 ${f.length} 个`)
  }
  return {
    hilistCode: nationalCode('hilist_code', f[0]),
    hilistName: text('hilist_name', f[1], true),
    listType: oneOf('list_type', f[2], ListTypeSchema.options),
    chrgitmLv: oneOf('chrgitm_lv', f[3], ChrgitmLvSchema.options),
    selfpayPropBp: ratioBp('selfpay_prop', f[4]),
    priceCapFen: optionalMoneyFen('pric_uplmt_amt', f[5]),
    rxFlag: oneOf('rx_flag', f[6], ['0', '1'] as const) === '1' ? 1 : 0,
    spec: text('spec', f[7], false),
    dosform: text('dosform', f[8], false),
    prodentpName: text('prodentp_name', f[9], false),
    unit: text('unit', f[10], false),
    barcode: optionalEan13('barcode', f[11]),
    minUseunt: null,
    minSalunt: null,
    minPacCnt: null,
  }
}

/** `#END<TAB>n` -> n; null when the line is not a trailer at all. */
export function parseNationalTrailer(line: string): number | null {
  if (!line.startsWith(CATALOG_FILE_TRAILER)) return null
  const m = /^#END\t(\d{1,9})$/.exec(line)
  if (!m) throw new FieldError('', `结束标记应为 "#END<Tab>条目数"，实际是 "${line.slice(0, 30)}"`)
  return Number(m[1])
}

/** Pack counts are whole numbers; anything else (often "" or "0") means the file does not say. */
function packCount(raw: string | undefined): number | null {
  return raw !== undefined && /^[1-9]\d{0,6}$/.test(raw.trim()) ? Number(raw.trim()) : null
}

function optionalText(field: string, raw: string | undefined): string | null {
  const v = text(field, raw ?? '', false)
  return v === '' ? null : v
}

/** Column positions by name, computed once: a line is read hundreds of thousands of times. */
const POSITIONS: Readonly<Record<NationalFileList, ReadonlyMap<string, number>>> = {
  '1301': new Map(NATIONAL_FILE_COLUMNS['1301'].map((c, i) => [c, i])),
  '1306': new Map(NATIONAL_FILE_COLUMNS['1306'].map((c, i) => [c, i])),
}

/** The platform's row: what a line says, or null for a row the platform marks retired (vali_flag 0). */
export type PlatformRow = NationalRow | null

/**
 * Parses one line of the platform's file. Fewer columns than the list has is refused naming the first
 * missing column; more are later versions' additions and are read past.
 */
export function parsePlatformFields(list: NationalFileList, f: readonly string[], terms: TermsTable): PlatformRow {
  const columns = NATIONAL_FILE_COLUMNS[list]
  if (f.length < columns.length) {
    throw new FieldError(
      columns[f.length],
      `应有 ${columns.length} 列（以 Tab 分隔），实际只有 ${f.length} 列，从第 ${f.length + 1} 列 ${columns[f.length]} 起缺失；可能不是${list === '1301' ? ' 1301 西药中成药' : ' 1306 医用耗材'}目录文件`,
    )
  }
  const positions = POSITIONS[list]
  const at = (c: string) => f[positions.get(c)!]!
  if (at('vali_flag') === '0') return null
  const hilistCode = nationalCode('med_list_codg', f[0])
  const t = terms.get(hilistCode.toUpperCase()) ?? NOT_LISTED
  if (list === '1301') {
    const name = at('drug_genname').trim() !== '' ? 'drug_genname' : 'drug_prodname'
    const own: ListType = at('tcmpat_flag') === '1' ? '102' : '101'
    return {
      hilistCode,
      hilistName: text(name, at(name), true),
      listType: t.listType && ['101', '102', '103'].includes(t.listType) ? t.listType : own,
      chrgitmLv: t.chrgitmLv,
      selfpayPropBp: t.selfpayPropBp,
      priceCapFen: t.priceCapFen,
      // 非处方药标志: an OTC drug is marked; unmarked or "0" is a prescription drug, the safer reading.
      rxFlag: ['', '0'].includes(at('otc_flag').trim()) ? 1 : 0,
      spec: text('drug_spec', at('drug_spec'), false),
      dosform: text('drug_dosform_name', at('drug_dosform_name') || at('drug_dosform'), false),
      prodentpName: text('prodentp_name', at('prodentp_name'), false),
      unit: text('min_salunt', at('min_salunt'), false),
      barcode: null,
      minUseunt: optionalText('min_useunt', at('min_useunt')),
      minSalunt: optionalText('min_salunt', at('min_salunt')),
      minPacCnt: packCount(at('min_pac_cnt')),
    }
  }
  const name = at('mcs_name').trim() !== '' ? 'mcs_name' : 'hi_genname'
  return {
    hilistCode,
    hilistName: text(name, at(name), true),
    listType: '301',
    chrgitmLv: t.chrgitmLv,
    selfpayPropBp: t.selfpayPropBp,
    priceCapFen: t.priceCapFen,
    rxFlag: 0,
    spec: text('spec', at('spec') || at('spec_mol'), false),
    dosform: '',
    prodentpName: text('prodentp_name', at('prodentp_name'), false),
    unit: text('min_salunt', at('min_salunt'), false),
    barcode: null,
    minUseunt: optionalText('min_useunt', at('min_useunt')),
    minSalunt: optionalText('min_salunt', at('min_salunt')),
    minPacCnt: packCount(at('pac_cnt')),
  }
}
