import { z } from 'zod'
import { flagSchema } from '../codes'
import { cntSchema, dateTimeSchema, nonEmpty } from '../wire'

/** 3505 pharmacy sale upload / 3506 sale return upload, carrying drug traceability codes. */

export const traceCodeSchema = z.string().regex(/^\d{20}$/, '追溯码须为 20 位数字')

const saleItem = {
  med_list_codg: nonEmpty('med_list_codg', 50),
  fixmedins_hilist_id: nonEmpty('fixmedins_hilist_id', 30),
  fixmedins_hilist_name: nonEmpty('fixmedins_hilist_name', 200),
  fixmedins_bchno: nonEmpty('fixmedins_bchno', 30),
  rx_flag: flagSchema,
  sel_retn_cnt: cntSchema,
  sel_retn_time: dateTimeSchema,
  setl_id: z.string().max(30).optional(),
  psn_no: z.string().max(30).optional(),
  drugtracinfo: z.array(z.object({ drug_trac_codg: traceCodeSchema })).default([]),
}

export const saleUploadInputSchema = z.object({ selinfo: z.object(saleItem) })
export const saleReturnInputSchema = z.object({ selinfo: z.object(saleItem) })
export const saleUploadOutputSchema = z.object({
  data: z.object({ rslt: z.literal('1'), trac_cnt: z.number() }),
})
