import { z } from 'zod'
import { mdtrtCertTypeSchema, relationSchema } from '../codes'
import { amountSchema } from '../wire'

/** 1101 person info, with the sandbox's mutual-aid extension (mulaidinfo). */
export const personInfoInputSchema = z.object({
  data: z
    .object({
      mdtrt_cert_type: mdtrtCertTypeSchema,
      mdtrt_cert_no: z.string().min(1, 'mdtrt_cert_no 不能为空').max(100),
      card_sn: z.string().max(50).optional(),
      certno: z.string().max(50).optional(),
      psn_cert_type: z.string().max(6).optional(),
      psn_name: z.string().max(50).optional(),
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

/** Certifications the person holds, e.g. an outpatient chronic disease (门诊慢特病) the clinic may settle as med_type 14. */
export const idetinfoSchema = z.object({
  psn_idet_type: z.string(),
  dise_codg: z.string(),
  dise_name: z.string(),
  begntime: z.string(),
  endtime: z.string().nullable(),
})

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
  mulaidinfo: z.array(mulaidinfoSchema),
})
