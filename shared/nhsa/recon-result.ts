import { DETAIL_RESULT_COLUMNS } from './transactions/reconciliation'

/** One row of the 3202 result file, in the platform's words. */
export interface DetailResultRow {
  psn_no: string
  mdtrt_id: string
  setl_id: string
  msgid: string
  stmt_rslt: string
  refd_setl_flag: '0' | '1'
  memo: string
}

/** The 3202 result file could not be read: which line, and why. Nothing is recorded from such a file. */
export class DetailResultFileError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`对账结果文件第 ${line} 行：${message}`)
  }
}

const MAX_ROWS = 100_000

/**
 * Reads the 3202 result file (DETAIL_RESULT_COLUMNS, headerless, TAB-separated; CRLF, a BOM, blank lines and a
 * leading line of the column names are passed over; a missing trailing `memo` is empty). A row agreed (`stmt_rslt`
 * 0) is left out: only differences come back. Refuses, naming the line, a row without its setl_id, with too few
 * columns, or a refund flag that is neither 0 nor 1.
 */
export function readDetailResultFile(text: string): DetailResultRow[] {
  const rows: DetailResultRow[] = []
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  lines.forEach((line, i) => {
    if (line.trim() === '') return
    const f = line.split('\t').map((c) => c.trim())
    if (i === 0 && f[0] === DETAIL_RESULT_COLUMNS[0]) return
    if (f.length < DETAIL_RESULT_COLUMNS.length - 1)
      throw new DetailResultFileError(i + 1, `应有 ${DETAIL_RESULT_COLUMNS.length} 列（${DETAIL_RESULT_COLUMNS.join('、')}），实有 ${f.length} 列`)
    const [psn_no, mdtrt_id, setl_id, msgid, stmt_rslt, flag, ...memo] = f as [string, string, string, string, string, string, ...string[]]
    if (!setl_id) throw new DetailResultFileError(i + 1, 'setl_id 为空')
    const refd = flag === '' ? '0' : flag
    if (refd !== '0' && refd !== '1') throw new DetailResultFileError(i + 1, `refd_setl_flag 应为 0 或 1，实为「${flag}」`)
    if (stmt_rslt === '0') return
    if (rows.length >= MAX_ROWS) throw new DetailResultFileError(i + 1, `超过 ${MAX_ROWS} 行`)
    rows.push({ psn_no, mdtrt_id, setl_id, msgid, stmt_rslt, refd_setl_flag: refd, memo: memo.join('\t') })
  })
  return rows
}

/** Writes rows in the file's order (the sandbox's side of the same format). */
export function writeDetailResultFile(rows: readonly DetailResultRow[]): string {
  return rows.map((r) => DETAIL_RESULT_COLUMNS.map((c) => r[c].replace(/[\t\r\n]/g, ' ')).join('\t')).join('\n') + (rows.length ? '\n' : '')
}
