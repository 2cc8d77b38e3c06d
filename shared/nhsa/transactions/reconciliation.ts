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

/**
 * The columns of the detail file uploaded with 9101 before 3202, in their order: headerless, TAB-separated, one row
 * per settlement or revoke (Shenzhen's commented fields, binzhe12123/Medical SYB/YYJGFW/JGDZ3202.cs; zipped as
 * `*.txt.zip`, Zhejiang), like the result file it answers with.
 */
export const DETAIL_RECON_COLUMNS = ['setl_id', 'mdtrt_id', 'psn_no', 'medfee_sumamt', 'fund_pay_sumamt', 'acct_pay', 'refd_setl_flag'] as const

/**
 * 3202 医药机构费用结算对明细账, on Shenzhen's model (binzhe12123/Medical SYB/YYJGFW/JGDZ3202.cs): the detail file
 * uploaded with 9101, the period's totals and `cash_payamt`; no clearing type.
 */
export const detailReconInputSchema = z.object({
  data: z.object({
    setl_optins: admdvsSchema,
    file_qury_no: z.string().min(1, 'file_qury_no 不能为空').max(60),
    ...period,
    medfee_sumamt: signedAmountSchema,
    fund_pay_sumamt: signedAmountSchema,
    /** The people's cash of the period, net (what the store took in cash for insured settlements). */
    cash_payamt: signedAmountSchema,
    fixmedins_setl_cnt: z.number().int(),
  }),
})

/**
 * The 3202 answer: where to fetch the result file with 9102 (Guangzhou ResponseGzsiModel3202.cs,
 * Shenzhen Out3202). The differences are in the file, never in the answer.
 */
export const detailReconOutputSchema = z.object({
  fileinfo: z.object({ file_qury_no: z.string(), filename: z.string(), dld_endtime: z.string() }),
})

/**
 * The 3202 result file's columns in their order (Shenzhen Out3202's commented fields): headerless,
 * TAB-separated, one row per settlement the two sides do not agree on. `msgid` is the sender's message id of
 * the platform's record (what a reversal names); `memo` says in words what differs.
 */
export const DETAIL_RESULT_COLUMNS = ['psn_no', 'mdtrt_id', 'setl_id', 'msgid', 'stmt_rslt', 'refd_setl_flag', 'memo'] as const

/**
 * Row results as the sandbox writes them. The national code table of a row's `stmt_rslt` is not public: the
 * reader decides "only the platform has it" from the store's own file, and reads only 102 as "only the store
 * has it"; any other code on a row the store sent is a disagreement in the figures.
 */
export const DETAIL_RESULT_CODES = { onlyPlatform: '101', onlyStore: '102', differs: '103' } as const

/** 5203 结算信息查询: one settlement as the platform recorded it (Guangzhou ResponseGzsiModel5203.cs). */
export const settlementQueryInputSchema = z.object({
  data: z.object({ psn_no: z.string().min(1).max(30), setl_id: z.string().min(1).max(30), mdtrt_id: z.string().min(1).max(30) }),
})
export const settlementQueryOutputSchema = z.object({
  setlinfo: z.object({
    setl_id: z.string(),
    mdtrt_id: z.string(),
    psn_no: z.string(),
    setl_time: z.string(),
    insutype: z.string(),
    clr_optins: z.string(),
    medfee_sumamt: z.number(),
    fund_pay_sumamt: z.number(),
    acct_pay: z.number(),
    acct_mulaid_pay: z.number(),
    psn_cash_pay: z.number(),
    hosp_part_amt: z.number(),
    refd_setl_flag: z.enum(['0', '1']),
  }),
})

/** A settlement's figures as one side has them (the platform's from 5203). */
export const detailRowSchema = z.object({
  setl_id: z.string(),
  mdtrt_id: z.string(),
  psn_no: z.string(),
  medfee_sumamt: z.number(),
  fund_pay_sumamt: z.number(),
  acct_pay: z.number(),
  refd_setl_flag: z.enum(['0', '1']),
})
/** One difference as the client keeps it. */
export const detailDifferenceSchema = z.object({
  setl_id: z.string(),
  refd_setl_flag: z.enum(['0', '1']),
  kind: z.enum(['only_store', 'only_platform', 'amount_differs']),
  fields: z.array(z.string()),
  store: detailRowSchema.nullable(),
  platform: detailRowSchema.nullable(),
})
/** What 3202 and its result file say, read against the store's own rows: the client's view of the differences. */
export const detailSummarySchema = z.object({
  store_cnt: z.number(),
  platform_cnt: z.number(),
  diff_cnt: z.number(),
  stmt_rslt_dscr: z.string(),
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
