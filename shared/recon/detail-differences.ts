import type { z } from 'zod'
import { toFen, toWireNumber, yuan } from '../money/money'
import type { DetailResultRow } from '../nhsa/recon-result'
import {
  DETAIL_RECON_HEADER,
  DETAIL_RESULT_CODES,
  type detailDifferenceSchema,
  type detailRowSchema,
  type detailSummarySchema,
} from '../nhsa/transactions/reconciliation'

export type DetailRow = z.infer<typeof detailRowSchema>
export type DetailDifference = z.infer<typeof detailDifferenceSchema>
export type DetailSummary = z.infer<typeof detailSummarySchema>

/** The store's detail file could not be read (line counted from 1). */
export class StoreDetailFileError extends Error {}

const AMOUNT = /^-?\d+(\.\d{1,2})?$/

/** Reads the store's 3202 detail file (StoreSideTotals.detailFile): the header line, then one row per settlement or revoke. */
export function readStoreDetailFile(content: string): DetailRow[] {
  const lines = content.split(/\r?\n/).filter((l) => l.trim() !== '')
  if (lines[0] !== DETAIL_RECON_HEADER.join('\t')) throw new StoreDetailFileError(`明细文件表头须为：${DETAIL_RECON_HEADER.join('\\t')}`)
  return lines.slice(1).map((line, i) => {
    const f = line.split('\t')
    if (f.length !== DETAIL_RECON_HEADER.length || ![f[3], f[4], f[5]].every((v) => AMOUNT.test(v ?? '')) || !['0', '1'].includes(f[6] ?? '')) {
      throw new StoreDetailFileError(`明细文件第 ${i + 2} 行格式错误`)
    }
    return {
      setl_id: f[0]!,
      mdtrt_id: f[1]!,
      psn_no: f[2]!,
      medfee_sumamt: toWireNumber(yuan(f[3]!)),
      fund_pay_sumamt: toWireNumber(yuan(f[4]!)),
      acct_pay: toWireNumber(yuan(f[5]!)),
      refd_setl_flag: f[6] as '0' | '1',
    }
  })
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
