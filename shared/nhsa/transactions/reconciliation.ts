import { z } from 'zod'
import { clrTypeSchema, insutypeSchema } from '../codes'
import { admdvsSchema, dateSchema, signedAmountSchema } from '../wire'

/** 3201 totals, 3202 detail rows, 3203 monthly clearing statement. */

const period = {
  stmt_begndate: dateSchema,
  stmt_enddate: dateSchema,
}

export const totalReconInputSchema = z.object({
  data: z.object({
    insutype: insutypeSchema,
    clr_type: clrTypeSchema,
    setl_optins: admdvsSchema,
    ...period,
    /** Net totals of the period: settlements minus revokes. */
    medfee_sumamt: signedAmountSchema,
    fund_pay_sumamt: signedAmountSchema,
    /**
     * In the region's convention (the gateway profile's): own account only, or own account and mutual aid.
     * The real 3201 has no mutual-aid field; the aid is reconciled inside this figure or not at all.
     */
    acct_pay: signedAmountSchema,
    /** Net count: settlements minus revokes. */
    fixmedins_setl_cnt: z.number().int('fixmedins_setl_cnt 须为整数'),
  }),
})
export const stmtinfoSchema = z.object({
  setl_optins: z.string(),
  stmt_rslt: z.enum(['0', '1']),
  stmt_rslt_dscr: z.string(),
})
export const totalReconOutputSchema = z.object({ stmtinfo: stmtinfoSchema })

/** The rows of the detail file uploaded with 9101 before 3202 (TAB separated, header line first). */
export const DETAIL_RECON_HEADER = [
  'setl_id',
  'mdtrt_id',
  'psn_no',
  'medfee_sumamt',
  'fund_pay_sumamt',
  'acct_pay',
  'refd_setl_flag',
] as const

export const detailReconInputSchema = z.object({
  data: z.object({
    setl_optins: admdvsSchema,
    file_qury_no: z.string().min(1, 'file_qury_no 不能为空').max(60),
    ...period,
    clr_type: clrTypeSchema.optional(),
    medfee_sumamt: signedAmountSchema,
    fund_pay_sumamt: signedAmountSchema,
    fixmedins_setl_cnt: z.number().int(),
  }),
})

export const detailRowSchema = z.object({
  setl_id: z.string(),
  mdtrt_id: z.string(),
  psn_no: z.string(),
  medfee_sumamt: z.number(),
  fund_pay_sumamt: z.number(),
  acct_pay: z.number(),
  refd_setl_flag: z.enum(['0', '1']),
})
export const detailDifferenceSchema = z.object({
  setl_id: z.string(),
  refd_setl_flag: z.enum(['0', '1']),
  kind: z.enum(['only_store', 'only_platform', 'amount_differs']),
  fields: z.array(z.string()),
  store: detailRowSchema.nullable(),
  platform: detailRowSchema.nullable(),
})
export const detailReconOutputSchema = z.object({
  stmtinfo: stmtinfoSchema.extend({ store_cnt: z.number(), platform_cnt: z.number(), diff_cnt: z.number() }),
  differences: z.array(detailDifferenceSchema),
})

export const clearingInputSchema = z.object({
  data: z.object({
    clr_type: clrTypeSchema,
    clr_way: z.string().min(1).max(6),
    begndate: dateSchema,
    enddate: dateSchema,
    setl_optins: admdvsSchema.optional(),
  }),
})
const totals = z.object({
  setl_cnt: z.number(),
  medfee_sumamt: z.number(),
  fund_pay_sumamt: z.number(),
  acct_pay: z.number(),
  acct_mulaid_pay: z.number(),
  psn_cash_pay: z.number(),
})
const mulaidTotals = z.object({ cnt: z.number(), amount: z.number() })
export const clearingOutputSchema = z.object({
  clrinfo: z.object({
    clr_appy_evt_id: z.string(),
    fixmedins_code: z.string(),
    clr_type: z.string(),
    clr_way: z.string(),
    begndate: z.string(),
    enddate: z.string(),
    totals,
    /** Mutual-aid payments by where the payer is insured, relative to the store. */
    mulaid: z.object({
      same_region: mulaidTotals,
      cross_region_in_province: mulaidTotals,
      cross_province: mulaidTotals,
    }),
    /** Settlements of people insured elsewhere (异地就医), by insured region. */
    by_insuplc: z.array(totals.extend({ insuplc_admdvs: z.string() })),
  }),
})

