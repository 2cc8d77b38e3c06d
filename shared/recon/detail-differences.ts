import type { z } from 'zod'
import { toFen, toWireNumber, yuan } from '../money/money'
import type { DetailResultRow } from '../nhsa/recon-result'
import {
  DETAIL_RECON_COLUMNS,
  DETAIL_RESULT_CODES,
  type detailDifferenceSchema,
  type detailRowSchema,
  type detailSummarySchema,
} from '../nhsa/transactions/reconciliation'

export type DetailRow = z.infer<typeof detailRowSchema>
export type DetailDifference = z.infer<typeof detailDifferenceSchema>
export type DetailSummary = z.infer<typeof detailSummarySchema>

/** The store's detail file could not be read: which line (counted from 1), and why. */
export class StoreDetailFileError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`明细文件第 ${line} 行：${message}`)
  }
}

const AMOUNT = /^-?\d+(\.\d{1,2})?$/
const AMOUNT_COLUMNS = [3, 4, 5] as const

/**
 * Reads the store's 3202 detail file (StoreSideTotals.detailFile): DETAIL_RECON_COLUMNS, headerless, TAB-separated,
 * one row per settlement or revoke, read like the result file (a BOM, CRLF and blank lines passed over; a leading
 * line of the column names, which files written before the real layout carried, too). Refuses, naming the line and
 * column, a row with another number of columns, an amount that is not yuan with at most 2 decimals, or a refund flag
 * that is neither 0 nor 1.
 */
export function readStoreDetailFile(content: string): DetailRow[] {
  const rows: DetailRow[] = []
  content
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((line, i) => {
      if (line.trim() === '') return
      const f = line.split('\t').map((c) => c.trim())
      if (i === 0 && f[0] === DETAIL_RECON_COLUMNS[0]) return
      if (f.length !== DETAIL_RECON_COLUMNS.length)
        throw new StoreDetailFileError(i + 1, `应有 ${DETAIL_RECON_COLUMNS.length} 列（${DETAIL_RECON_COLUMNS.join('、')}），实有 ${f.length} 列`)
      for (const c of AMOUNT_COLUMNS)
        if (!AMOUNT.test(f[c]!))
          throw new StoreDetailFileError(i + 1, `第 ${c + 1} 列 ${DETAIL_RECON_COLUMNS[c]} 应为金额（元，最多两位小数），实为「${f[c]}」`)
      if (f[6] !== '0' && f[6] !== '1') throw new StoreDetailFileError(i + 1, `第 7 列 refd_setl_flag 应为 0 或 1，实为「${f[6]}」`)
      if (!f[0]) throw new StoreDetailFileError(i + 1, '第 1 列 setl_id 为空')
      rows.push({
        setl_id: f[0],
        mdtrt_id: f[1]!,
        psn_no: f[2]!,
        medfee_sumamt: toWireNumber(yuan(f[3]!)),
        fund_pay_sumamt: toWireNumber(yuan(f[4]!)),
        acct_pay: toWireNumber(yuan(f[5]!)),
        refd_setl_flag: f[6],
      })
    })
  return rows
}

/** The result rows whose platform figures must be looked up (5203): every row the platform has. */
export function platformLookups(store: readonly DetailRow[], result: readonly DetailResultRow[]): DetailResultRow[] {
  const ours = new Set(store.map((r) => r.setl_id))
  return result.filter((r) => !(ours.has(r.setl_id) && r.stmt_rslt === DETAIL_RESULT_CODES.onlyStore))
}

const COMPARED = ['mdtrt_id', 'psn_no', 'medfee_sumamt', 'fund_pay_sumamt', 'acct_pay', 'refd_setl_flag'] as const

/**
 * The differences of a 3202 result file, read against the store's own detail file and the platform's figures
 * of each row it has (5203; null where the platform would not say). A row the store never sent is only the
 * platform's; 102 on a row the store sent is only the store's; anything else is a disagreement, its fields
 * named where the platform's figures are known.
 */
export function detailDifferences(
  store: readonly DetailRow[],
  result: readonly DetailResultRow[],
  platform: ReadonlyMap<string, DetailRow | null>,
): { summary: DetailSummary; differences: DetailDifference[] } {
  const ours = new Map(store.map((r) => [r.setl_id, r]))
  const seen = new Set<string>()
  const differences: DetailDifference[] = []
  for (const r of result) {
    if (seen.has(r.setl_id)) continue
    seen.add(r.setl_id)
    const s = ours.get(r.setl_id) ?? null
    const p = platform.get(r.setl_id) ?? null
    if (!s) {
      differences.push({
        setl_id: r.setl_id,
        refd_setl_flag: p?.refd_setl_flag ?? r.refd_setl_flag,
        kind: 'only_platform',
        fields: [],
        store: null,
        platform: p,
      })
    } else if (r.stmt_rslt === DETAIL_RESULT_CODES.onlyStore) {
      differences.push({ setl_id: r.setl_id, refd_setl_flag: s.refd_setl_flag, kind: 'only_store', fields: [], store: s, platform: null })
    } else {
      const fields = p ? COMPARED.filter((k) => (typeof s[k] === 'number' ? toFen(s[k]) !== toFen(p[k] as number) : s[k] !== p[k])) : []
      differences.push({ setl_id: r.setl_id, refd_setl_flag: p?.refd_setl_flag ?? r.refd_setl_flag, kind: 'amount_differs', fields, store: s, platform: p })
    }
  }
  const count = (k: DetailDifference['kind']) => differences.filter((d) => d.kind === k).length
  const n = differences.length
  return {
    summary: {
      store_cnt: store.length,
      platform_cnt: store.length - count('only_store') + count('only_platform'),
      diff_cnt: n,
      stmt_rslt_dscr: n === 0 ? `明细一致：${store.length} 笔` : `明细不一致：${n} 处差异`,
    },
    differences,
  }
}
