import { z } from 'zod'
import { relationSchema } from '../codes'
import { TRANSACTIONS, type Infno, type TransactionOutput } from '../transactions'
import { readCapPage, readCatalogFile, readClassPage, readFileLink, readFileUpload, readSelfpayPage } from './catalog'
import { looseAmount, looseNumber, looseText } from './loose'
import { looseDetlcutSchema, readSetlinfo, readSettlementRows, type ReadSetlinfo, type SettlementInfno } from './settlement'

/**
 * One reader per transaction: the output of an answer whose infcode said 0, read as tolerantly as real
 * gateways need, with the fields the client cannot do without named (`missing`). Transactions without a
 * reader of their own are read by their sandbox schema (reconciliation, uploads); those
 * belong to the interface issue's later steps.
 */
export interface Reading<T> {
  value: T | null
  /** Essential fields the answer lacks or gave unreadably; non-empty means the answer cannot be used. */
  missing: string[]
  /** Present but odd, recorded for the manager; the answer is still used. */
  oddities: string[]
}

const text = (fallback = '') => looseText.optional().transform((v) => v ?? fallback)
const amountOrZero = looseAmount.optional().transform((v) => v ?? 0)

function asRecord(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null
}

/** Keeps the rows that read, and says how many did not. */
function readRows<T extends z.ZodType>(rows: unknown, row: T, label: string, oddities: string[]): z.output<T>[] {
  const list = Array.isArray(rows) ? rows : rows === undefined || rows === null || rows === '' ? [] : null
  if (list === null) {
    oddities.push(`${label} 不是列表，已忽略`)
    return []
  }
  const read = list.slice(0, 1000).map((r) => row.safeParse(r))
  const bad = read.filter((r) => !r.success).length
  if (bad) oddities.push(`${label} 有 ${bad} 行无法读取，已忽略`)
  if (list.length > 1000) oddities.push(`${label} 超过 1000 行，只读前 1000 行`)
  return read.flatMap((r) => (r.success ? [r.data as z.output<T>] : []))
}

export interface SettlementAnswer {
  setlinfo: ReadSetlinfo
  setldetail: Record<string, unknown>[]
  detlcutinfo: z.output<typeof looseDetlcutSchema>[]
}

function readSettlement(infno: SettlementInfno) {
  return (output: unknown): Reading<SettlementAnswer> => {
    const out = asRecord(output) ?? {}
    const s = readSetlinfo(out.setlinfo, infno)
    const rows = readSettlementRows(out)
    const oddities = [
      ...s.unreadable.filter((k) => !s.missing.includes(k)).map((k) => `setlinfo.${k} 无法读取，按未提供处理`),
      ...rows.dropped.map((k) => `${k} 无法读取，已忽略`),
    ]
    if (!s.setlinfo || s.missing.length) return { value: null, missing: s.missing.map((k) => (k === 'setlinfo' ? k : `setlinfo.${k}`)), oddities }
    return { value: { setlinfo: s.setlinfo, setldetail: rows.setldetail, detlcutinfo: rows.detlcutinfo }, missing: [], oddities }
  }
}

/** A revoke answers its own settlement record; init_setl_id and refd_setl_flag come only from some gateways. */
export interface RevokeAnswer {
  setlinfo: ReadSetlinfo
}
function readRevoke(infno: '2103' | '2208') {
  return (output: unknown): Reading<RevokeAnswer> => {
    const s = readSetlinfo(asRecord(output)?.setlinfo, infno)
    const oddities = s.unreadable.filter((k) => !s.missing.includes(k)).map((k) => `setlinfo.${k} 无法读取，按未提供处理`)
    if (!s.setlinfo || s.missing.length) return { value: null, missing: s.missing.map((k) => (k === 'setlinfo' ? k : `setlinfo.${k}`)), oddities }
    return { value: { setlinfo: s.setlinfo }, missing: [], oddities }
  }
}

/** 2601: Guangzhou answers "", the sandbox data{omsgid, rslt}; infcode 0 is what counts. */
export interface ReversalAnswer {
  data: { omsgid: string | null; rslt: string | null }
}
function readReversal(output: unknown): Reading<ReversalAnswer> {
  const data = asRecord(asRecord(output)?.data) ?? asRecord(output) ?? {}
  const omsgid = looseText.safeParse(data.omsgid)
  const rslt = looseText.safeParse(data.rslt)
  return { value: { data: { omsgid: omsgid.success ? omsgid.data : null, rslt: rslt.success ? rslt.data : null } }, missing: [], oddities: [] }
}

/** 9001: the sign_no is the session; nothing else is needed. */
const signInSchema = z.looseObject({ sign_no: looseText, sign_time: text() })
function readSignIn(output: unknown): Reading<TransactionOutput<'9001'>> {
  const r = signInSchema.safeParse(asRecord(output)?.signinoutb)
  if (!r.success || !r.data.sign_no) return { value: null, missing: ['signinoutb.sign_no'], oddities: [] }
  return { value: { signinoutb: { sign_no: r.data.sign_no, sign_time: r.data.sign_time } }, missing: [], oddities: [] }
}

/** 9002: Zhejiang answers signoutoutb{sign_time} without sign_no; the sign-out needs nothing back. */
function readSignOut(output: unknown): Reading<TransactionOutput<'9002'>> {
  const r = signInSchema.partial().safeParse(asRecord(output)?.signoutoutb ?? {})
  const o = r.success ? r.data : {}
  return { value: { signoutoutb: { sign_no: o.sign_no ?? '', sign_time: o.sign_time ?? '' } }, missing: [], oddities: [] }
}

/**
 * 1101, on the field sets of Shenzhen and Guangzhou (interface-audit.md §2): psn_insu_stas not said means
 * the gateway lists only current insurance ("1"); mulaidinfo is our sandbox's extension and may be absent;
 * idetinfo rows are identity categories, dise_codg only where a sandbox adds it.
 */
const baseinfoSchema = z.looseObject({
  psn_no: looseText,
  psn_cert_type: text(),
  certno: text(),
  psn_name: text(),
  gend: text(),
  brdy: text(),
  // Shown only as a number of years: an unreadable or impossible age (the review's 1e308) reads as 0.
  age: z.unknown().transform((v) => {
    const r = looseNumber.safeParse(v)
    return r.success && r.data !== null && r.data >= 0 && r.data < 200 ? r.data : 0
  }),
})
const insuinfoSchema = z.looseObject({
  insutype: text(),
  psn_type: text(),
  balc: amountOrZero,
  psn_insu_stas: text('1'),
  psn_insu_date: text(),
  insuplc_admdvs: text(),
  emp_name: text(),
})
const idetinfoSchema = z.looseObject({
  psn_idet_type: text(),
  dise_codg: text(),
  dise_name: text(),
  begntime: text(),
  endtime: looseText.optional().transform((v) => v ?? null),
})
const mulaidinfoSchema = z.looseObject({
  mulaid_id: z.string().min(1),
  relation: relationSchema,
  payer_psn_name: text(),
  payer_insuplc_admdvs: text(),
  quota_balc: amountOrZero,
  begndate: text(),
})
export type PersonAnswer = TransactionOutput<'1101'>
function readPerson(output: unknown): Reading<PersonAnswer> {
  const out = asRecord(output) ?? {}
  const base = baseinfoSchema.safeParse(out.baseinfo)
  if (!base.success || !base.data.psn_no) return { value: null, missing: ['baseinfo.psn_no'], oddities: [] }
  const oddities: string[] = []
  const value = {
    baseinfo: { ...base.data, psn_no: base.data.psn_no },
    insuinfo: readRows(out.insuinfo, insuinfoSchema, 'insuinfo', oddities),
    idetinfo: readRows(out.idetinfo, idetinfoSchema, 'idetinfo', oddities),
    mulaidinfo: readRows(out.mulaidinfo, mulaidinfoSchema, 'mulaidinfo', oddities),
  }
  return { value: value as PersonAnswer, missing: [], oddities }
}

/**
 * 5301: `feedetail` as a list of rows, or one object where a gateway's model has it so (openhis Output_5301);
 * no output at all means no certification. A row without its disease code is dropped and said.
 */
const chronicDiseaseSchema = z.looseObject({
  opsp_dise_code: looseText,
  opsp_dise_name: text(),
  begndate: text(),
  enddate: looseText.optional().transform((v) => (v ? v : null)),
})
export type ChronicDiseaseAnswer = TransactionOutput<'5301'>
function readChronicDiseases(output: unknown): Reading<ChronicDiseaseAnswer> {
  const oddities: string[] = []
  const node = asRecord(output)?.feedetail
  const rows = readRows(asRecord(node) ? [node] : node, chronicDiseaseSchema, 'feedetail', oddities)
  const coded = rows.filter((r) => r.opsp_dise_code)
  if (coded.length < rows.length) oddities.push(`feedetail 有 ${rows.length - coded.length} 行没有病种代码，已忽略`)
  return { value: { feedetail: coded.map((r) => ({ ...r, opsp_dise_code: r.opsp_dise_code as string })) }, missing: [], oddities }
}

/**
 * 3202: the result file's handle, under `fileinfo` (or `data`, or flat); Guangzhou's 1301 spells the deadline
 * `dld_end_time`, so either is taken. Without a file_qury_no there is nothing to download.
 */
const fileinfoSchema = z.looseObject({ file_qury_no: looseText, filename: text(), dld_endtime: text(), dld_end_time: text() })
export type DetailReconAnswer = TransactionOutput<'3202'>
function readDetailRecon(output: unknown): Reading<DetailReconAnswer> {
  const out = asRecord(output) ?? {}
  const r = fileinfoSchema.safeParse(asRecord(out.fileinfo) ?? asRecord(out.data) ?? out)
  if (!r.success || !r.data.file_qury_no) return { value: null, missing: ['fileinfo.file_qury_no'], oddities: [] }
  const f = r.data
  return {
    value: { fileinfo: { file_qury_no: f.file_qury_no!, filename: f.filename, dld_endtime: f.dld_endtime || f.dld_end_time } },
    missing: [],
    oddities: [],
  }
}

/** 5203: one settlement's figures; a revoke's (refd_setl_flag 1) are as the platform signs them. */
export type SettlementQueryAnswer = TransactionOutput<'5203'>
function readSettlementQuery(output: unknown): Reading<SettlementQueryAnswer> {
  const s = readSetlinfo(asRecord(output)?.setlinfo, '5203')
  if (!s.setlinfo || s.missing.length) return { value: null, missing: s.missing.map((k) => (k === 'setlinfo' ? k : `setlinfo.${k}`)), oddities: [] }
  const v = s.setlinfo
  const flag = looseText.safeParse(v.refd_setl_flag)
  return {
    value: {
      setlinfo: {
        setl_id: v.setl_id!,
        mdtrt_id: v.mdtrt_id ?? '',
        psn_no: v.psn_no,
        setl_time: v.setl_time,
        insutype: v.insutype,
        clr_optins: v.clr_optins,
        medfee_sumamt: v.medfee_sumamt,
        fund_pay_sumamt: v.fund_pay_sumamt,
        acct_pay: v.acct_pay,
        acct_mulaid_pay: v.acct_mulaid_pay,
        psn_cash_pay: v.psn_cash_pay,
        hosp_part_amt: v.hosp_part_amt,
        refd_setl_flag: flag.success && flag.data === '1' ? '1' : '0',
      },
    },
    missing: [],
    oddities: s.unreadable.map((k) => `setlinfo.${k} 无法读取，按未提供处理`),
  }
}

/**
 * The clinic's visit messages (2201-2205), on Shenzhen's models (binzhe12123/Medical SYB/YBJS, audit §2):
 * 2201 answers the visit's mdtrt_id (under `data`, or flat); 2202, 2203 and 2205 answer nothing the client
 * needs (often no output at all); 2204's `result` may be a list of lines or one object.
 */
const registerSchema = z.looseObject({ mdtrt_id: looseText, psn_no: text(), ipt_otp_no: text() })
export interface RegisterAnswer {
  data: { mdtrt_id: string; psn_no: string; ipt_otp_no: string }
}
function readRegister(output: unknown): Reading<RegisterAnswer> {
  const out = asRecord(output) ?? {}
  const r = registerSchema.safeParse(asRecord(out.data) ?? out)
  if (!r.success || !r.data.mdtrt_id) return { value: null, missing: ['data.mdtrt_id'], oddities: [] }
  return { value: { data: { mdtrt_id: r.data.mdtrt_id, psn_no: r.data.psn_no, ipt_otp_no: r.data.ipt_otp_no } }, missing: [], oddities: [] }
}

/** infcode 0 is all the client needs; whatever output came is kept as it came. */
export interface AcknowledgedAnswer {
  output: unknown
}
function readAcknowledged(output: unknown): Reading<AcknowledgedAnswer> {
  return { value: { output }, missing: [], oddities: [] }
}

const feeCutSchema = looseDetlcutSchema.extend({ mdtrt_id: text(), chrg_bchno: text() })
export interface FeeUploadAnswer {
  result: z.output<typeof feeCutSchema>[]
}
function readFeeUpload(output: unknown): Reading<FeeUploadAnswer> {
  const oddities: string[] = []
  const result = asRecord(output)?.result
  const rows = readRows(asRecord(result) ? [result] : result, feeCutSchema, 'result', oddities).filter((r) => r.feedetl_sn !== '')
  return { value: { result: rows }, missing: [], oddities }
}

/**
 * A stock upload's answer (3501–3507). The spec's output is "无": gateways send nothing, "", `{}` or
 * `result{retRslt, msgRslt}`. The last is a second verdict inside an infcode-0 answer (a public adapter
 * checks both levels, retRslt "1" being 受理成功): any other retRslt is the platform refusing the line, with
 * msgRslt as its reason, so it is listed for the manager rather than taken as done.
 */
export interface StockUploadAnswer {
  output: unknown
  refusal: string | null
}
const uploadResultSchema = z.looseObject({ retRslt: looseText.optional(), msgRslt: looseText.optional() })
function readStockUpload(output: unknown): Reading<StockUploadAnswer> {
  const result = uploadResultSchema.safeParse(asRecord(output)?.result)
  const verdict = result.success ? result.data.retRslt : undefined
  if (verdict === undefined || verdict === '' || verdict === '1') return { value: { output, refusal: null }, missing: [], oddities: [] }
  return {
    value: { output, refusal: `医保平台未受理（retRslt=${verdict}）：${result.success && result.data.msgRslt ? result.data.msgRslt : '未说明原因'}` },
    missing: [],
    oddities: [],
  }
}

export const READERS = {
  '3501': readStockUpload,
  '3502': readStockUpload,
  '3503': readStockUpload,
  '3504': readStockUpload,
  '3505': readStockUpload,
  '3506': readStockUpload,
  '3507': readStockUpload,
  '2201': readRegister,
  '2202': readAcknowledged,
  '2203': readAcknowledged,
  '2204': readFeeUpload,
  '2205': readAcknowledged,
  '9001': readSignIn,
  '9002': readSignOut,
  '1101': readPerson,
  '5301': readChronicDiseases,
  '3202': readDetailRecon,
  '5203': readSettlementQuery,
  '2101': readSettlement('2101'),
  '2102': readSettlement('2102'),
  '2206': readSettlement('2206'),
  '2207': readSettlement('2207'),
  '2103': readRevoke('2103'),
  '2208': readRevoke('2208'),
  '2601': readReversal,
  '1301': readCatalogFile,
  '1306': readCatalogFile,
  '1312': readClassPage,
  '1318': readCapPage,
  '1319': readSelfpayPage,
  '9101': readFileUpload,
  '9102': readFileLink,
} as const

type Readers = typeof READERS
/** What a transaction's answer reads as on the client. */
export type AnswerOutput<I extends Infno> = I extends keyof Readers ? NonNullable<ReturnType<Readers[I]>['value']> : TransactionOutput<I>

/** Reads the output of an infcode-0 answer of any transaction. */
export function readOutput<I extends Infno>(infno: I, output: unknown): Reading<AnswerOutput<I>> {
  if (infno in READERS) return (READERS[infno as keyof Readers] as (o: unknown) => Reading<AnswerOutput<I>>)(output)
  const strict = TRANSACTIONS[infno].output.safeParse(output)
  if (strict.success) return { value: strict.data as AnswerOutput<I>, missing: [], oddities: [] }
  const where = strict.error.issues[0]?.path.join('.') || 'output'
  return { value: null, missing: [where], oddities: [] }
}
