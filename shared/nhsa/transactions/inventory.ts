import { z } from 'zod'
import { flagSchema } from '../codes'
import { cntSchema, dateSchema, dateTimeSchema, nonEmpty, pricSchema, psnNoSchema } from '../wire'
import { hasAtMostDecimals } from '../../money/money'

/**
 * The stock uploads (进销存, 3501–3507) with the fields the public specifications mark required (Y) —
 * field lists, lengths and sources in docs/stock-uploads.md. Every one is about one stock batch of the
 * store (`fixmedins_bchno`, the lot's own stable number, the key 3507 deletes by) and carries the
 * manufacturer's lot (`manu_lotnum`) and dates where the spec asks for them. Optional fields are those the
 * spec leaves optional; a required one is never filled with a made-up value: the client holds the line
 * for the manager instead (electron/core/stock/uploads/).
 */

/** A drug traceability code: 20 digits on today's boxes, up to 100 characters in the newer spec. */
export const traceCodeSchema = z
  .string()
  .min(1, '追溯码不能为空')
  .max(100, '追溯码至多 100 个字符')
  .regex(/^[0-9A-Za-z]+$/, '追溯码只能是数字或字母')

/** drugtracinfo: the newer versions' list of codes (the older one had a flat drug_trac_codg of 30). */
const drugtracinfo = z.array(z.object({ drug_trac_codg: traceCodeSchema })).max(9999)

/** 库存数量 (16,2) of 3501: never negative, 2 decimals. */
const invCntSchema = z
  .number({ error: '库存数量须为数字' })
  .refine((v) => Number.isFinite(v) && v >= 0, { message: '库存数量不能为负数' })
  .refine((v) => hasAtMostDecimals(v, 2), { message: '库存数量至多 2 位小数' })

const item = {
  med_list_codg: nonEmpty('医疗目录编码 med_list_codg', 50),
  fixmedins_hilist_id: nonEmpty('定点医药机构目录编号 fixmedins_hilist_id', 30),
  fixmedins_hilist_name: nonEmpty('定点医药机构目录名称 fixmedins_hilist_name', 200),
  fixmedins_bchno: nonEmpty('定点医药机构批次流水号 fixmedins_bchno', 30),
  rx_flag: flagSchema,
}
const lot = {
  manu_lotnum: nonEmpty('生产批号 manu_lotnum', 30),
  manu_date: dateSchema,
  expy_end: dateSchema,
}
const memo = z.string().max(500).optional()
const opt = (max: number) => z.string().max(max).optional()

/** 库存变更类型 (inv_chg_type) the client sends; see docs/stock-uploads.md for where the codes come from. */
export const INV_CHG_TYPES = { '103': '盘盈', '104': '盘损', '106': '其他入库', '107': '其他出库' } as const
export const invChgTypeSchema = z.enum(['101', '102', '103', '104', '105', '106', '107', '108'])

/** 3501 商品盘存: the counted stock of one batch (inv_cnt in the smallest pricing package unit). */
export const stocktakeUploadInputSchema = z.object({
  invinfo: z.object({
    ...item,
    invdate: dateSchema,
    inv_cnt: invCntSchema,
    manu_lotnum: opt(30),
    manu_date: dateSchema,
    expy_end: dateSchema,
    memo,
    drugtracinfo: drugtracinfo.optional(),
  }),
})

/** 3502 库存变更: a change of one batch's stock other than purchase and sale (count differences, corrections). */
export const stockChangeUploadInputSchema = z.object({
  invinfo: z.object({
    ...item,
    inv_chg_type: invChgTypeSchema,
    pric: pricSchema,
    cnt: cntSchema,
    inv_chg_time: dateTimeSchema,
    inv_chg_opter_name: opt(50),
    memo,
    trdn_flag: flagSchema,
    drugtracinfo: drugtracinfo.optional(),
  }),
})

/** 3503 商品采购: goods received from a supplier into one batch. */
export const purchaseUploadInputSchema = z.object({
  purcinfo: z.object({
    ...item,
    ...lot,
    dynt_no: opt(50),
    spler_name: nonEmpty('供应商名称 spler_name', 200),
    spler_pmtno: opt(50),
    prodentp_name: nonEmpty('生产厂家名称 prodentp_name', 200),
    aprvno: nonEmpty('批准文号 aprvno', 100),
    finl_trns_pric: pricSchema.optional(),
    purc_retn_cnt: cntSchema,
    purc_invo_codg: opt(50),
    purc_invo_no: opt(50),
    purc_retn_stoin_time: dateTimeSchema,
    purc_retn_opter_name: nonEmpty('采购/退货经办人姓名 purc_retn_opter_name', 50),
    prod_geay_flag: flagSchema,
    memo,
    drugtracinfo: drugtracinfo.optional(),
  }),
})

/** 3504 采购退货: goods of one batch sent back to its supplier (the purchase invoice number is required). */
export const purchaseReturnUploadInputSchema = z.object({
  purcinfo: z.object({
    ...item,
    spler_name: nonEmpty('供应商名称 spler_name', 200),
    spler_pmtno: opt(50),
    manu_date: dateSchema,
    expy_end: dateSchema,
    finl_trns_pric: pricSchema.optional(),
    purc_retn_cnt: cntSchema,
    purc_invo_codg: opt(50),
    purc_invo_no: nonEmpty('采购发票号 purc_invo_no', 50),
    purc_retn_stoin_time: dateTimeSchema,
    purc_retn_opter_name: nonEmpty('采购/退货经办人姓名 purc_retn_opter_name', 50),
    memo,
    medins_prod_purc_no: opt(50),
    drugtracinfo: drugtracinfo.optional(),
  }),
})

const sale = {
  ...item,
  ...lot,
  psn_no: psnNoSchema.optional(),
  setl_id: z.string().min(1).max(30).optional(),
  psn_cert_type: nonEmpty('人员证件类型 psn_cert_type', 6),
  mdtrt_sn: nonEmpty('就医流水号 mdtrt_sn', 30),
  trdn_flag: flagSchema,
  finl_trns_pric: pricSchema.optional(),
  sel_retn_cnt: cntSchema,
  sel_retn_time: dateTimeSchema,
  sel_retn_opter_name: nonEmpty('销售/退货经办人姓名 sel_retn_opter_name', 50),
  /** 就诊结算类型: 1 医保结算 (then setl_id is required), 2 自费结算. */
  mdtrt_setl_type: z.enum(['1', '2']).optional(),
  memo,
  drugtracinfo: drugtracinfo.default([]),
}
/** "医保病人必填": an insured sale names its settlement and person. */
const insuredNamesSettlement = (s: { mdtrt_setl_type?: string; setl_id?: string; psn_no?: string }) => s.mdtrt_setl_type !== '1' || (!!s.setl_id && !!s.psn_no)
const insuredMessage = { message: '医保结算（mdtrt_setl_type=1）的销售须填写 setl_id 和 psn_no', path: ['setl_id'] }

/** 3505 商品销售: one sold line of one batch. */
export const saleUploadInputSchema = z.object({
  selinfo: z
    .object({
      ...sale,
      prsc_dr_cert_type: opt(6),
      prsc_dr_certno: opt(50),
      prsc_dr_name: nonEmpty('开方医师姓名 prsc_dr_name', 50),
      phar_cert_type: opt(6),
      phar_certno: opt(50),
      phar_name: nonEmpty('药师姓名 phar_name', 50),
      phar_prac_cert_no: nonEmpty('药师执业资格证号 phar_prac_cert_no', 50),
      hi_feesetl_type: nonEmpty('医保费用结算类型 hi_feesetl_type', 6),
      rxno: opt(40),
      rx_circ_flag: flagSchema,
      rtal_docno: nonEmpty('零售单据号 rtal_docno', 40),
      stoout_no: opt(40),
    })
    .refine(insuredNamesSettlement, insuredMessage),
})

/** 3506 商品销售退货: one returned line, to the batch it was sold from. */
export const saleReturnInputSchema = z.object({
  selinfo: z
    .object({
      ...sale,
      medins_prod_sel_no: opt(50),
    })
    .refine(insuredNamesSettlement, insuredMessage),
})

/** 进销存数据类型 of 3507: which kind of a batch's uploads is withdrawn. */
export const INV_DATA_TYPES = { '1': '盘存信息', '2': '库存变更信息', '3': '采购信息', '4': '销售信息' } as const
export const invDataTypeSchema = z.enum(['1', '2', '3', '4'])

/** 3507 删除进销存信息: withdraws a batch's uploads of one kind (a mistaken upload). */
export const deleteUploadInputSchema = z.object({
  data: z.object({ fixmedins_bchno: nonEmpty('定点医药机构批次流水号 fixmedins_bchno', 30), inv_data_type: invDataTypeSchema }),
})

/**
 * What the platform answers to any of them. The spec says "无" (no output); gateways send nothing, `{}`,
 * or `result{retRslt, msgRslt}`; the client reads it tolerantly (shared/nhsa/answer/readers.ts). The
 * sandbox answers the `result` shape.
 */
export const stockUploadOutputSchema = z.looseObject({
  result: z.looseObject({ retRslt: z.string(), msgRslt: z.string() }).optional(),
})

/** Which 3507 inv_data_type withdraws the uploads of each transaction. */
export const INV_DATA_TYPE_OF = { '3501': '1', '3502': '2', '3503': '3', '3504': '3', '3505': '4', '3506': '4' } as const
export type StockUploadInfno = keyof typeof INV_DATA_TYPE_OF | '3507'
export const STOCK_UPLOAD_INFNOS = ['3501', '3502', '3503', '3504', '3505', '3506', '3507'] as const
export function isStockUpload(infno: string): infno is StockUploadInfno {
  return (STOCK_UPLOAD_INFNOS as readonly string[]).includes(infno)
}
