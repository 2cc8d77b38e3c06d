import { z } from 'zod'
import { flagSchema, insutypeSchema, mdtrtCertTypeSchema, medTypeSchema } from '../codes'
import { amountSchema, cntSchema, dateTimeSchema, nonEmpty, pricSchema, psnNoSchema } from '../wire'
import { detlcutinfoSchema } from './settlement'

/** Clinic outpatient flow: 2201 register, 2202 cancel, 2203 visit info, 2204/2205 fees, 2206/2207 settle, 2208 revoke. */

export const registerInputSchema = z.object({
  data: z.object({
    psn_no: psnNoSchema,
    insutype: insutypeSchema,
    begntime: dateTimeSchema,
    mdtrt_cert_type: mdtrtCertTypeSchema,
    mdtrt_cert_no: nonEmpty('mdtrt_cert_no'),
    card_sn: z.string().max(50).optional(),
    ipt_otp_no: nonEmpty('ipt_otp_no', 30),
    atddr_no: nonEmpty('atddr_no', 30),
    dr_name: nonEmpty('dr_name', 50),
    dept_code: nonEmpty('dept_code', 30),
    dept_name: nonEmpty('dept_name', 100),
    caty: nonEmpty('caty', 10),
  }),
})
export const registerOutputSchema = z.object({
  data: z.object({ mdtrt_id: z.string(), psn_no: z.string(), ipt_otp_no: z.string() }),
})

export const cancelRegisterInputSchema = z.object({
  data: z.object({ psn_no: psnNoSchema, mdtrt_id: nonEmpty('mdtrt_id', 30), ipt_otp_no: nonEmpty('ipt_otp_no', 30) }),
})
export const cancelRegisterOutputSchema = z.object({
  data: z.object({ mdtrt_id: z.string(), vali_flag: z.literal('0') }),
})

export const visitInfoInputSchema = z.object({
  mdtrtinfo: z.object({
    mdtrt_id: nonEmpty('mdtrt_id', 30),
    psn_no: psnNoSchema,
    med_type: medTypeSchema,
    begntime: dateTimeSchema,
    main_cond_dscr: z.string().max(1000).optional(),
    dise_codg: z.string().max(30).optional(),
    dise_name: z.string().max(300).optional(),
  }),
  diseinfo: z
    .array(
      z.object({
        diag_type: nonEmpty('diag_type', 3),
        diag_srt_no: z.string().max(2),
        diag_code: nonEmpty('diag_code', 20),
        diag_name: nonEmpty('diag_name', 100),
        diag_dept: z.string().max(50).optional(),
        dise_dor_no: z.string().max(30).optional(),
        dise_dor_name: z.string().max(50).optional(),
        diag_time: dateTimeSchema.optional(),
      }),
    )
    .default([]),
})
export const visitInfoOutputSchema = z.object({ data: z.object({ mdtrt_id: z.string(), med_type: z.string() }) })

export const feeLineSchema = z.object({
  feedetl_sn: nonEmpty('feedetl_sn', 30),
  mdtrt_id: nonEmpty('mdtrt_id', 30),
  psn_no: psnNoSchema,
  chrg_bchno: nonEmpty('chrg_bchno', 30),
  med_list_codg: nonEmpty('med_list_codg', 50),
  medins_list_codg: nonEmpty('medins_list_codg', 150),
  det_item_fee_sumamt: amountSchema,
  cnt: cntSchema,
  pric: pricSchema,
  fee_ocur_time: dateTimeSchema,
  rxno: z.string().max(30).optional(),
  rx_circ_flag: flagSchema.optional(),
  bilg_dr_codg: z.string().max(30).optional(),
  bilg_dr_name: z.string().max(50).optional(),
  hosp_appr_flag: z.string().max(3).optional(),
})
export const feeUploadInputSchema = z.object({ feedetail: z.array(feeLineSchema).min(1) })
export const feeUploadOutputSchema = z.object({
  result: z.array(detlcutinfoSchema.extend({ mdtrt_id: z.string(), chrg_bchno: z.string() })),
})

export const feeCancelInputSchema = z.object({
  data: z.object({
    mdtrt_id: nonEmpty('mdtrt_id', 30),
    chrg_bchno: nonEmpty('chrg_bchno', 30),
    /** "0000" cancels the whole batch. */
    feedetl_sn: nonEmpty('feedetl_sn', 30),
    psn_no: psnNoSchema,
  }),
})
export const feeCancelOutputSchema = z.object({ data: z.object({ cancelled: z.number() }) })

export const outpatientSettleInputSchema = z.object({
  data: z.object({
    psn_no: psnNoSchema,
    mdtrt_cert_type: mdtrtCertTypeSchema,
    mdtrt_cert_no: nonEmpty('mdtrt_cert_no'),
    card_sn: z.string().max(50).optional(),
    med_type: medTypeSchema,
    medfee_sumamt: amountSchema,
    psn_setlway: z.enum(['01', '02']),
    mdtrt_id: nonEmpty('mdtrt_id', 30),
    chrg_bchno: nonEmpty('chrg_bchno', 30),
    insutype: insutypeSchema,
    acct_used_flag: flagSchema,
    mulaid_id: z.string().max(40).optional(),
    invono: z.string().max(50).optional(),
  }),
})
