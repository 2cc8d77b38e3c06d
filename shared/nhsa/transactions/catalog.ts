import { z } from 'zod'
import { chrgitmLvSchema, flagSchema, listTypeSchema } from '../codes'

/**
 * Catalog downloads (1301 drugs, 1306 consumables) and the 医保目录 queries 1312 (class), 1318 (price
 * caps), 1319 (self-pay shares), in the shapes the sandbox answers by default: the real interface's
 * (Guangzhou `ResponseGzsiModel1301/1312/1318/1319.cs`, liutao2019/IBORN_HIS_ALL). What the client reads
 * of real gateways' answers is shared/nhsa/answer/catalog.ts, more tolerant than these.
 */

export const catalogDownloadInputSchema = z.object({
  data: z.object({
    /** Items changed after this version; "0" downloads everything. */
    ver: z.string().regex(/^\d{1,20}$/, 'ver 须为数字版本号'),
  }),
})
/** No `data` wrapper and no version: the file's query number, name, deadline and row count. */
export const catalogDownloadOutputSchema = z.object({
  file_qury_no: z.string(),
  filename: z.string(),
  dld_end_time: z.string(),
  data_cnt: z.number().int(),
})

const wireDate = z.string().max(19)
/** Every paged 医保目录 query takes a page and "changed after" (updt_time, Y in the spec). */
const pageInput = {
  query_date: wireDate.optional(),
  hilist_code: z.string().max(50).optional(),
  insu_admdvs: z.string().max(6).optional(),
  vali_flag: flagSchema.optional(),
  /** Rows updated after this time; the client sends an early date for everything. */
  updt_time: wireDate.optional(),
  page_num: z.number().int('page_num 须为整数').min(1, 'page_num 从 1 开始'),
  page_size: z.number().int('page_size 须为整数').min(1).max(1000, 'page_size 至多 1000'),
}
/** One page: rows under `data` with the counts a pager needs (the national SDK's totalrecordscount / totalpages). */
function pageOf<T extends z.ZodType>(row: T) {
  return z.object({ data: z.array(row), pageNum: z.number().int(), pageSize: z.number().int(), recordCounts: z.number().int(), pages: z.number().int() })
}
const rowCommon = {
  hilist_code: z.string(),
  insu_admdvs: z.string(),
  begndate: z.string(),
  enddate: z.string().nullable(),
  vali_flag: flagSchema,
  rid: z.string(),
  updt_time: z.string(),
}

/** 1312 医保目录信息查询: which list items the region insures, at which class. */
export const catalogQueryInputSchema = z.object({
  data: z.object({ ...pageInput, list_type: listTypeSchema.optional(), chrgitm_lv: chrgitmLvSchema.optional() }),
})
export const catalogQueryRowSchema = z.object({
  ...rowCommon,
  hilist_name: z.string(),
  med_chrgitm_type: z.string(),
  chrgitm_lv: chrgitmLvSchema,
  lmt_used_flag: flagSchema,
  list_type: listTypeSchema,
  med_use_flag: z.string(),
  matn_used_flag: z.string(),
  hilist_use_type: z.string(),
  lmt_cpnd_type: z.string(),
})
export const catalogQueryOutputSchema = pageOf(catalogQueryRowSchema)

/** 1318 医保目录限价信息查询: the price cap of an item (hilist_pric_uplmt_amt). */
export const priceCapQueryInputSchema = z.object({
  data: z.object({ ...pageInput, hilist_lmtpric_type: z.string().max(6).optional(), overlmt_dspo_way: z.string().max(6).optional() }),
})
export const priceCapRowSchema = z.object({
  ...rowCommon,
  hilist_lmtpric_type: z.string(),
  overlmt_dspo_way: z.string(),
  hilist_pric_uplmt_amt: z.number(),
})
export const priceCapQueryOutputSchema = pageOf(priceCapRowSchema)

/** 1319 医保目录先自付比例信息查询: the share a person pays first on a class B item. */
export const selfpayQueryInputSchema = z.object({
  data: z.object({ ...pageInput, selfpay_prop_psn_type: z.string().max(6).optional(), selfpay_prop_type: z.string().max(6).optional() }),
})
export const selfpayRowSchema = z.object({
  ...rowCommon,
  selfpay_prop_psn_type: z.string(),
  selfpay_prop_type: z.string(),
  selfpay_prop: z.number(),
})
export const selfpayQueryOutputSchema = pageOf(selfpayRowSchema)
