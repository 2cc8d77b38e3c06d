import { z } from 'zod'
import { mdtrtCertTypeSchema, relationSchema } from '../codes'
import { amountSchema } from '../wire'

/**
 * What a provincial extension asks of 1101 in the national `exp_content` field (a JSON text). No national
 * transaction lists a person's relatives' quotas; a province that lets the store choose the relative asks for
 * them so, and only then does the answer carry `mulaidinfo`.
 */
export const MULAID_QUERY_EXTENSION = JSON.stringify({ mulaid_qury: '1' })

/** 1101 person info; `mulaidinfo` only where a provincial extension asked for it (`exp_content`). */
export const personInfoInputSchema = z.object({
  data: z
    .object({
      mdtrt_cert_type: mdtrtCertTypeSchema,
      mdtrt_cert_no: z.string().min(1, 'mdtrt_cert_no 不能为空').max(100),
      card_sn: z.string().max(50).optional(),
      certno: z.string().max(50).optional(),
      psn_cert_type: z.string().max(6).optional(),
      psn_name: z.string().max(50).optional(),
      exp_content: z.string().max(4000).optional(),
    })
    .refine((d) => d.mdtrt_cert_type !== '03' || (d.card_sn ?? '') !== '', {
      message: '社会保障卡（03）须提供 card_sn',
      path: ['card_sn'],
    }),
})

export const baseinfoSchema = z.object({
  psn_no: z.string(),
  psn_cert_type: z.string(),
  certno: z.string(),
  psn_name: z.string(),
  gend: z.string(),
  brdy: z.string(),
  age: z.number(),
})

export const insuinfoSchema = z.object({
  insutype: z.string(),
  psn_type: z.string(),
  /** Spendable own-account balance (quota frozen for relatives excluded); 0 for residents. */
  balc: amountSchema,
  psn_insu_stas: z.string(),
  psn_insu_date: z.string(),
  insuplc_admdvs: z.string(),
  emp_name: z.string(),
})

/**
 * 人员身份 rows. Real gateways list identity categories here (低保, 特困, a disability level …); older sandbox
 * answers also put a certified disease here with `dise_codg`. A certification is 5301's to say.
 */
export const idetinfoSchema = z.object({
  psn_idet_type: z.string(),
  dise_codg: z.string(),
  dise_name: z.string(),
  begntime: z.string(),
  endtime: z.string().nullable(),
})

/**
 * 5301 人员慢特病备案查询: the outpatient chronic and special diseases (门诊慢特病) the person is certified for, which
 * a clinic may settle as med_type 14 (binzhe12123/Medical SYB/XXCX/MB5301.cs; openhis Output_5301 names the node
 * `feedetail`). `enddate` absent or empty: open-ended.
 */
export const chronicDiseaseQueryInputSchema = z.object({
  data: z.object({ psn_no: z.string().min(1, 'psn_no 不能为空').max(30) }),
})
export const chronicDiseaseRowSchema = z.object({
  opsp_dise_code: z.string(),
  opsp_dise_name: z.string(),
  begndate: z.string(),
  enddate: z.string().nullable(),
})
export const chronicDiseaseQueryOutputSchema = z.object({ feedetail: z.array(chronicDiseaseRowSchema) })

/** The certifications in force on `day` (yyyy-MM-dd), begun and not ended; the dates compare as text. */
export function certificationsInForce<T extends { begndate: string; enddate: string | null }>(rows: readonly T[], day: string): T[] {
  return rows.filter((r) => r.begndate.slice(0, 10) <= day && (!r.enddate || r.enddate.slice(0, 10) >= day))
}

export const mulaidinfoSchema = z.object({
  mulaid_id: z.string(),
  relation: relationSchema,
  payer_psn_name: z.string(),
  payer_insuplc_admdvs: z.string(),
  quota_balc: amountSchema,
  begndate: z.string(),
})

export const personInfoOutputSchema = z.object({
  baseinfo: baseinfoSchema,
  insuinfo: z.array(insuinfoSchema),
  idetinfo: z.array(idetinfoSchema),
  mulaidinfo: z.array(mulaidinfoSchema).optional(),
})

type Insuinfo = z.infer<typeof insuinfoSchema>
type Idetinfo = z.infer<typeof idetinfoSchema>

/**
 * Which insurance a settlement uses. An employee may be listed under several insutypes (310 with 320/330, or a
 * 390 row kept from before): only employee insurance (310) has the personal account that pays at the counter and
 * that relatives' quotas back, so it wins wherever it stands; otherwise the first current row, as listed.
 */
export interface InsuranceChoice<T> {
  row: T
  /** only: one current row; employee: 310 among several; first-active: several, none of them 310. */
  reason: 'only' | 'employee' | 'first-active'
  /** How many current rows there were to choose from. */
  active: number
}

export function chooseInsurance<T extends Pick<Insuinfo, 'insutype' | 'psn_insu_stas'>>(rows: readonly T[]): InsuranceChoice<T> | null {
  const current = rows.filter((r) => r.psn_insu_stas === '1')
  const [first] = current
  if (!first) return null
  if (current.length === 1) return { row: first, reason: 'only', active: 1 }
  const employee = current.find((r) => r.insutype === '310')
  return employee ? { row: employee, reason: 'employee', active: current.length } : { row: first, reason: 'first-active', active: current.length }
}

/** 人员身份 (low-income, extreme poverty, a disability level …) as the gateway lists them; a certified disease is not one. */
export interface IdentityCategory {
  type: string
  level: string
  memo: string
  begntime: string
  endtime: string | null
}

export function identityCategoriesOf(rows: readonly (Idetinfo & { psn_type_lv?: unknown; memo?: unknown })[]): IdentityCategory[] {
  const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '')
  return rows
    .filter((r) => !r.dise_codg)
    .map((r) => ({ type: r.psn_idet_type, level: text(r.psn_type_lv), memo: text(r.memo), begntime: r.begntime, endtime: r.endtime }))
}

/**
 * 5301 人员慢特病备案查询: the outpatient chronic and special diseases (门慢门特) a person is certified for,
 * which a clinic settles as med_type 14 (binzhe12123/Medical `SYB/XXCX/MB5301.cs`: in psn_no; out
 * opsp_dise_code, opsp_dise_name, begndate, enddate; interface-audit.md §2, 1101 idetinfo).
 */
export const chronicCertInputSchema = z.object({
  data: z.object({ psn_no: z.string().min(1, 'psn_no 不能为空').max(30) }),
})
export const chronicCertRowSchema = z.object({
  opsp_dise_code: z.string(),
  opsp_dise_name: z.string(),
  begndate: z.string(),
  enddate: z.string().nullable(),
})
export const chronicCertOutputSchema = z.object({ feedetail: z.array(chronicCertRowSchema) })
