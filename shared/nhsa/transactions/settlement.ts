import { z } from 'zod'
import { chrgitmLvSchema, flagSchema, insutypeSchema, mdtrtCertTypeSchema, medTypeSchema } from '../codes'
import { amountSchema, cntSchema, dateTimeSchema, pricSchema, psnNoSchema } from '../wire'

/** Pharmacy settlement (2101 pre-settle, 2102 settle, 2103 revoke) and the shared result shapes. */

export const drugLineSchema = z.object({
  feedetl_sn: z.string().min(1, 'feedetl_sn 不能为空').max(30),
  med_list_codg: z.string().min(1, 'med_list_codg 不能为空').max(50),
  medins_list_codg: z.string().min(1, 'medins_list_codg 不能为空').max(150),
  det_item_fee_sumamt: amountSchema,
  cnt: cntSchema,
  pric: pricSchema,
  rx_flag: flagSchema.optional(),
  drug_trac_codg: z.string().max(500).optional(),
  rxno: z.string().max(30).optional(),
  rx_circ_flag: flagSchema.optional(),
  fee_ocur_time: dateTimeSchema.optional(),
  bilg_dr_codg: z.string().max(30).optional(),
  bilg_dr_name: z.string().max(50).optional(),
})

export const pharmacySettleDataSchema = z.object({
  psn_no: psnNoSchema,
  mdtrt_cert_type: mdtrtCertTypeSchema,
  mdtrt_cert_no: z.string().min(1, 'mdtrt_cert_no 不能为空').max(100),
  card_sn: z.string().max(50).optional(),
  begntime: dateTimeSchema,
  medfee_sumamt: amountSchema,
  insutype: insutypeSchema,
  med_type: medTypeSchema,
  acct_used_flag: flagSchema,
  mulaid_id: z.string().max(40).optional(),
  rxno: z.string().max(30).optional(),
  invono: z.string().max(50).optional(),
})

export const pharmacySettleInputSchema = z.object({
  data: pharmacySettleDataSchema,
  drugdetail: z.array(drugLineSchema).min(1),
})

const amountOut = z.number()

export const setlinfoSchema = z.object({
  /** null in a pre-settlement: nothing has been settled. */
  setl_id: z.string().nullable(),
  mdtrt_id: z.string().nullable(),
  psn_no: z.string(),
  /** 人员证件类型 of the settled person (real gateways send it; the stock uploads 3505/3506 repeat it). */
  psn_cert_type: z.string().optional(),
  insutype: z.string(),
  psn_type: z.string(),
  med_type: z.string(),
  setl_time: z.string(),
  medfee_sumamt: amountOut,
  fulamt_ownpay_amt: amountOut,
  overlmt_selfpay: amountOut,
  preselfpay_amt: amountOut,
  inscp_scp_amt: amountOut,
  act_pay_dedc: amountOut,
  hifp_pay: amountOut,
  /** The pooled fund's ratio applied, e.g. 0.6; 0 when the fund did not take part. */
  pool_prop_selfpay: z.number(),
  cvlserv_pay: amountOut,
  hifes_pay: amountOut,
  hifmi_pay: amountOut,
  hifob_pay: amountOut,
  maf_pay: amountOut,
  oth_pay: amountOut,
  fund_pay_sumamt: amountOut,
  psn_part_amt: amountOut,
  acct_pay: amountOut,
  acct_mulaid_pay: amountOut,
  psn_cash_pay: amountOut,
  /** The person's own spendable account balance after this settlement. */
  balc: amountOut,
  mulaid_id: z.string().nullable(),
  mulaid_quota_balc: amountOut.nullable(),
  medins_setl_id: z.string(),
  clr_optins: z.string(),
  clr_way: z.string(),
  clr_type: z.string(),
  insuplc_admdvs: z.string(),
  mdtrtarea_admvs: z.string(),
})
export type Setlinfo = z.infer<typeof setlinfoSchema>

export const setldetailSchema = z.object({
  fund_pay_type: z.string(),
  fund_pay_type_name: z.string(),
  inscp_scp_amt: amountOut,
  crt_payb_lmt_amt: amountOut,
  fund_payamt: amountOut,
  setl_proc_info: z.string(),
})

export const detlcutinfoSchema = z.object({
  feedetl_sn: z.string(),
  det_item_fee_sumamt: amountOut,
  cnt: z.number(),
  pric: z.number(),
  pric_uplmt_amt: amountOut.nullable(),
  selfpay_prop: z.number(),
  fulamt_ownpay_amt: amountOut,
  overlmt_amt: amountOut,
  preselfpay_amt: amountOut,
  inscp_scp_amt: amountOut,
  chrgitm_lv: chrgitmLvSchema,
  med_chrgitm_type: z.string(),
  lmt_used_flag: flagSchema,
})

export const settlementOutputSchema = z.object({
  setlinfo: setlinfoSchema,
  setldetail: z.array(setldetailSchema),
  detlcutinfo: z.array(detlcutinfoSchema),
})

export const revokeInputSchema = z.object({
  data: z.object({
    setl_id: z.string().min(1, 'setl_id 不能为空').max(30),
    mdtrt_id: z.string().min(1, 'mdtrt_id 不能为空').max(30),
    psn_no: psnNoSchema,
  }),
})

/** A revoke answers what was returned, as positive amounts, under its own setl_id. */
export const revokeSetlinfoSchema = setlinfoSchema.extend({
  init_setl_id: z.string(),
  refd_setl_flag: z.literal('1'),
})
export const revokeOutputSchema = z.object({ setlinfo: revokeSetlinfoSchema })

export const reversalInputSchema = z.object({
  data: z.object({
    psn_no: psnNoSchema,
    omsgid: z.string().regex(/^[A-Z0-9]{12}\d{18}$/, 'omsgid 须为 30 位报文 ID'),
    oinfno: z.string().regex(/^\d{4}$/, 'oinfno 须为 4 位交易号'),
  }),
})
export const reversalOutputSchema = z.object({
  data: z.object({
    omsgid: z.string(),
    /** 1 undone now; 2 recorded before the original arrived; 3 already reversed (no-op). */
    rslt: z.enum(['1', '2', '3']),
  }),
})
