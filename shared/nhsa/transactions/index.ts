import type { z } from 'zod'
import * as catalog from './catalog'
import * as files from './files'
import * as inventory from './inventory'
import * as outpatient from './outpatient'
import * as person from './person'
import * as recon from './reconciliation'
import * as session from './session'
import * as settlement from './settlement'

export * from './catalog'
export * from './files'
export * from './inventory'
export * from './outpatient'
export * from './person'
export * from './reconciliation'
export * from './session'
export * from './settlement'

interface TransactionSpec {
  name: string
  input: z.ZodType
  output: z.ZodType
}

/** Every transaction the sandbox answers, with the schemas of its input and output objects. */
export const TRANSACTIONS = {
  '9001': { name: '签到', input: session.signInInputSchema, output: session.signInOutputSchema },
  '9002': { name: '签退', input: session.signOutInputSchema, output: session.signOutOutputSchema },
  '1101': { name: '人员信息获取', input: person.personInfoInputSchema, output: person.personInfoOutputSchema },
  '5301': { name: '人员慢特病备案查询', input: person.chronicDiseaseQueryInputSchema, output: person.chronicDiseaseQueryOutputSchema },
  '1301': { name: '西药中成药目录下载', input: catalog.catalogDownloadInputSchema, output: catalog.catalogDownloadOutputSchema },
  '1306': { name: '医用耗材目录下载', input: catalog.catalogDownloadInputSchema, output: catalog.catalogDownloadOutputSchema },
  '1312': { name: '医保目录信息查询', input: catalog.catalogQueryInputSchema, output: catalog.catalogQueryOutputSchema },
  '1318': { name: '医保目录限价信息查询', input: catalog.priceCapQueryInputSchema, output: catalog.priceCapQueryOutputSchema },
  '1319': { name: '医保目录先自付比例信息查询', input: catalog.selfpayQueryInputSchema, output: catalog.selfpayQueryOutputSchema },
  '9101': { name: '文件上传', input: files.fileUploadInputSchema, output: files.fileUploadOutputSchema },
  '9102': { name: '文件下载', input: files.fileDownloadInputSchema, output: files.fileDownloadOutputSchema },
  '2101': { name: '药店预结算', input: settlement.pharmacySettleInputSchema, output: settlement.settlementOutputSchema },
  '2102': { name: '药店结算', input: settlement.pharmacySettleInputSchema, output: settlement.settlementOutputSchema },
  '2103': { name: '药店结算撤销', input: settlement.revokeInputSchema, output: settlement.revokeOutputSchema },
  '2201': { name: '门诊挂号', input: outpatient.registerInputSchema, output: outpatient.registerOutputSchema },
  '2202': { name: '门诊挂号撤销', input: outpatient.cancelRegisterInputSchema, output: outpatient.cancelRegisterOutputSchema },
  '2203': { name: '门诊就诊信息上传', input: outpatient.visitInfoInputSchema, output: outpatient.visitInfoOutputSchema },
  '2204': { name: '门诊费用明细上传', input: outpatient.feeUploadInputSchema, output: outpatient.feeUploadOutputSchema },
  '2205': { name: '门诊费用明细撤销', input: outpatient.feeCancelInputSchema, output: outpatient.feeCancelOutputSchema },
  '2206': { name: '门诊预结算', input: outpatient.outpatientSettleInputSchema, output: settlement.settlementOutputSchema },
  '2207': { name: '门诊结算', input: outpatient.outpatientSettleInputSchema, output: settlement.settlementOutputSchema },
  '2208': { name: '门诊结算撤销', input: settlement.revokeInputSchema, output: settlement.revokeOutputSchema },
  '2601': { name: '冲正交易', input: settlement.reversalInputSchema, output: settlement.reversalOutputSchema },
  '3201': { name: '医药机构费用结算对总账', input: recon.totalReconInputSchema, output: recon.totalReconOutputSchema },
  '3202': { name: '医药机构费用结算对明细账', input: recon.detailReconInputSchema, output: recon.detailReconOutputSchema },
  '5203': { name: '结算信息查询', input: recon.settlementQueryInputSchema, output: recon.settlementQueryOutputSchema },
  '3203': { name: '清算申请', input: recon.clearingInputSchema, output: recon.clearingOutputSchema },
  '3501': { name: '商品盘存', input: inventory.stocktakeUploadInputSchema, output: inventory.stockUploadOutputSchema },
  '3502': { name: '商品库存变更', input: inventory.stockChangeUploadInputSchema, output: inventory.stockUploadOutputSchema },
  '3503': { name: '商品采购', input: inventory.purchaseUploadInputSchema, output: inventory.stockUploadOutputSchema },
  '3504': { name: '商品采购退货', input: inventory.purchaseReturnUploadInputSchema, output: inventory.stockUploadOutputSchema },
  '3505': { name: '商品销售', input: inventory.saleUploadInputSchema, output: inventory.stockUploadOutputSchema },
  '3506': { name: '商品销售退货', input: inventory.saleReturnInputSchema, output: inventory.stockUploadOutputSchema },
  '3507': { name: '删除进销存信息', input: inventory.deleteUploadInputSchema, output: inventory.stockUploadOutputSchema },
} as const satisfies Record<string, TransactionSpec>

export type Infno = keyof typeof TRANSACTIONS
export type TransactionInput<I extends Infno> = z.infer<(typeof TRANSACTIONS)[I]['input']>
export type TransactionOutput<I extends Infno> = z.infer<(typeof TRANSACTIONS)[I]['output']>

export function isInfno(value: string): value is Infno {
  return Object.prototype.hasOwnProperty.call(TRANSACTIONS, value)
}

/** Whether an input names a person anywhere in its top two levels (then the envelope needs insuplc_admdvs). */
export function inputCarriesPsnNo(input: Record<string, unknown>): boolean {
  const has = (v: unknown): boolean =>
    typeof v === 'object' && v !== null && 'psn_no' in v && (v as { psn_no: unknown }).psn_no !== undefined && (v as { psn_no: unknown }).psn_no !== ''
  if (has(input)) return true
  return Object.values(input).some((v) => (Array.isArray(v) ? v.some(has) : has(v)))
}
