import { z } from 'zod'
import { chrgitmLvSchema, flagSchema, listTypeSchema } from '../codes'

/** Catalog downloads (1301 drugs, 1306 consumables) and the item query 1312. */

export const catalogDownloadInputSchema = z.object({
  data: z.object({
    /** Items changed after this version; "0" downloads everything. */
    ver: z.string().regex(/^\d{1,20}$/, 'ver 须为数字版本号'),
  }),
})
export const catalogDownloadOutputSchema = z.object({
  data: z.object({
    file_qury_no: z.string(),
    filename: z.string(),
    dld_endtime: z.string(),
    item_count: z.number(),
    /** The newest version the file contains: the next download's `ver`. */
    ver: z.string(),
  }),
})

export const catalogQueryInputSchema = z.object({
  data: z.object({
    hilist_code: z.string().max(50).optional(),
    page_num: z.number().int('page_num 须为整数').min(1, 'page_num 从 1 开始'),
    page_size: z.number().int('page_size 须为整数').min(1).max(1000, 'page_size 至多 1000'),
  }),
})
export const catalogItemSchema = z.object({
  hilist_code: z.string(),
  hilist_name: z.string(),
  chrgitm_lv: chrgitmLvSchema,
  selfpay_prop: z.number(),
  list_type: listTypeSchema,
  pric_uplmt_amt: z.number().nullable(),
  rx_flag: flagSchema,
  lmt_used_flag: flagSchema,
})
export const catalogQueryOutputSchema = z.object({ data: z.array(catalogItemSchema), total: z.number() })
