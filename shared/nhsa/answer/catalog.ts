import { z } from 'zod'
import { looseAmount, looseNumber, looseText } from './loose'
import type { Reading } from './readers'

/**
 * Catalog answers as real gateways give them (interface-audit.md §2, ranking item 3):
 * - 1301/1306 answer `{file_qury_no, filename, dld_end_time, data_cnt}` with no `data` wrapper (Guangzhou
 *   `ResponseGzsiModel1301.cs`); `dld_endtime` is the same field in other models, data_cnt may be a string.
 * - 1312/1318/1319 answer a page of rows: a bare list (Guangzhou models `output` as `List<Output>`), or the
 *   rows under `data` beside the counts (the national SDK returns totalrecordscount / totalpages; a public adapter).
 * Only what the client uses is required: the file's query number; a row's hilist_code and its value.
 */

const text = looseText.optional().transform((v) => v ?? '')

function asRecord(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null
}

export interface CatalogFileAnswer {
  file_qury_no: string
  filename: string
  dld_end_time: string
  /** How many rows the file holds; null when the gateway did not say (then only the ZIP proves it whole). */
  data_cnt: number | null
}

export function readCatalogFile(output: unknown): Reading<CatalogFileAnswer> {
  const out = asRecord(output) ?? {}
  const body = asRecord(out.data) ?? out
  const no = looseText.safeParse(body.file_qury_no)
  if (!no.success || !no.data) return { value: null, missing: ['file_qury_no'], oddities: [] }
  const oddities: string[] = []
  const count = looseNumber.safeParse(body.data_cnt ?? body.item_count)
  const dataCnt = count.success && count.data !== null && Number.isSafeInteger(count.data) && count.data >= 0 ? count.data : null
  if (dataCnt === null && (body.data_cnt ?? body.item_count) !== undefined) oddities.push('data_cnt 无法读取，按未提供处理')
  return {
    value: {
      file_qury_no: no.data,
      filename: text.parse(body.filename ?? null) || `${no.data}.zip`,
      dld_end_time: text.parse(body.dld_end_time ?? body.dld_endtime ?? null),
      data_cnt: dataCnt,
    },
    missing: [],
    oddities,
  }
}

/** What every 医保目录 row says about when it holds. */
const termsRow = {
  hilist_code: looseText.pipe(z.string().min(1)),
  /** "0" is a retired row; absent means valid. */
  vali_flag: looseText.optional().transform((v) => v ?? '1'),
  begndate: text,
  enddate: text,
  insu_admdvs: text,
}
export const looseClassRowSchema = z.looseObject({ ...termsRow, chrgitm_lv: looseText.pipe(z.string().min(1)), list_type: text, lmt_used_flag: text })
export const looseCapRowSchema = z.looseObject({ ...termsRow, hilist_pric_uplmt_amt: looseAmount.pipe(z.number()), hilist_lmtpric_type: text })
export const looseSelfpayRowSchema = z.looseObject({
  ...termsRow,
  selfpay_prop: looseNumber.pipe(z.number().min(0).max(1)),
  selfpay_prop_psn_type: text,
})
export type ClassRow = z.output<typeof looseClassRowSchema>
export type CapRow = z.output<typeof looseCapRowSchema>
export type SelfpayRow = z.output<typeof looseSelfpayRowSchema>

export interface CatalogPage<R> {
  rows: R[]
  /** All rows over all pages, when the gateway says (recordCounts / total). */
  total: number | null
  pages: number | null
  /** Rows that could not be read (named in the oddities). */
  dropped: number
}

function count(v: unknown): number | null {
  const r = looseNumber.safeParse(v)
  return r.success && r.data !== null && Number.isSafeInteger(r.data) && r.data >= 0 ? r.data : null
}

function readPage<T extends z.ZodType>(row: T, label: string) {
  return (output: unknown): Reading<CatalogPage<z.output<T>>> => {
    const out = asRecord(output)
    const list = Array.isArray(output)
      ? output
      : Array.isArray(out?.data)
        ? out.data
        : Array.isArray(out?.list)
          ? out.list
          : output === '' || output === null || output === undefined
            ? []
            : null
    if (list === null) return { value: null, missing: [`${label} 的行列表`], oddities: [] }
    const read = list.map((r) => row.safeParse(r))
    const rows = read.flatMap((r) => (r.success ? [r.data as z.output<T>] : []))
    const dropped = read.length - rows.length
    return {
      value: { rows, total: count(out?.recordCounts ?? out?.total ?? out?.totalCount), pages: count(out?.pages), dropped },
      missing: [],
      oddities: dropped ? [`${label} 有 ${dropped} 行无法读取，已忽略`] : [],
    }
  }
}

export const readClassPage = readPage(looseClassRowSchema, '1312')
export const readCapPage = readPage(looseCapRowSchema, '1318')
export const readSelfpayPage = readPage(looseSelfpayRowSchema, '1319')

/**
 * 9101: the uploaded file's query number, flat (Foshan's `ResponseGzsiModel9101.cs`), under `data` (the
 * sandbox's first dialect) or under `fileinfo` (the node Guangzhou's model names).
 */
export interface FileUploadAnswer {
  file_qury_no: string
  filename: string
  dld_endtime: string
}
export function readFileUpload(output: unknown): Reading<FileUploadAnswer> {
  const out = asRecord(output) ?? {}
  const body = asRecord(out.data) ?? asRecord(out.fileinfo) ?? out
  const no = looseText.safeParse(body.file_qury_no)
  if (!no.success || !no.data) return { value: null, missing: ['file_qury_no'], oddities: [] }
  return {
    value: { file_qury_no: no.data, filename: text.parse(body.filename ?? null), dld_endtime: text.parse(body.dld_endtime ?? body.dld_end_time ?? null) },
    missing: [],
    oddities: [],
  }
}

/**
 * 9102 in the link style (the sandbox's extension, kept as a quirk): where to fetch the file and what it
 * must be. A gateway answering the ZIP itself never comes here.
 */
export interface FileLinkAnswer {
  data: { file_qury_no: string; filename: string; size: number; sha256: string; item_count: number | null; download_url: string }
}
const linkSchema = z.looseObject({
  file_qury_no: text,
  filename: text,
  size: looseNumber.pipe(z.number().int().min(0)),
  sha256: looseText.pipe(z.string().regex(/^[0-9a-fA-F]{64}$/)),
  item_count: looseNumber.optional().transform((v) => v ?? null),
  download_url: looseText.pipe(z.string().min(1)),
})
export function readFileLink(output: unknown): Reading<FileLinkAnswer> {
  const out = asRecord(output) ?? {}
  const r = linkSchema.safeParse(asRecord(out.data) ?? out)
  if (!r.success) return { value: null, missing: [`data.${String(r.error.issues[0]?.path[0] ?? 'download_url')}`], oddities: [] }
  return { value: { data: r.data }, missing: [], oddities: [] }
}
