import { PlatformError } from '../../errors'
import type { Handler, HandlerContext } from '../context'
import { INV_DATA_TYPES, INV_DATA_TYPE_OF, type TransactionInput } from '../../../../shared/nhsa/transactions'
import { prepared } from '../../../base/store/statements'

/**
 * The stock uploads (进销存 3501–3507). Their required fields are checked by the input schemas before a
 * handler runs (a missing one is refused with the field's name, as real gateways do); here the platform's
 * own rules: a catalog code it knows, a return to a supplier of a batch it saw purchased, a sale return of
 * a batch it saw sold, a traceability code sold once, and 3507 withdrawing only what is there.
 */

const SUCCESS = { result: { retRslt: '1', msgRslt: '受理成功' } }

type Recorded = '3501' | '3502' | '3503' | '3504' | '3505' | '3506'

function knownCode(ctx: HandlerContext, code: string): void {
  if (!prepared(ctx.db, 'SELECT 1 FROM catalog_items WHERE hilist_code = ?').get(code)) {
    throw new PlatformError(`医疗目录编码 med_list_codg ${code} 在医保目录中不存在，请核对目录对照`)
  }
}

function record(ctx: HandlerContext, infno: Recorded, bchno: string, code: string, cnt: number): void {
  prepared(
    ctx.db,
    `INSERT INTO inventory_uploads (fixmedins_code, msgid, infno, inv_data_type, fixmedins_bchno, med_list_codg, cnt, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(ctx.fixmedins_code, ctx.msgid, infno, INV_DATA_TYPE_OF[infno], bchno, code, cnt, ctx.now.toISOString())
}

function seen(ctx: HandlerContext, infno: Recorded, bchno: string): boolean {
  return (
    prepared(ctx.db, 'SELECT 1 FROM inventory_uploads WHERE fixmedins_code = ? AND infno = ? AND fixmedins_bchno = ? AND deleted_at IS NULL LIMIT 1').get(
      ctx.fixmedins_code,
      infno,
      bchno,
    ) !== undefined
  )
}

function checkSettlement(ctx: HandlerContext, item: { setl_id?: string; psn_no?: string }): void {
  if (!item.setl_id) return
  const s = prepared(ctx.db, 'SELECT psn_no FROM settlements WHERE setl_id = ? AND fixmedins_code = ?').get(item.setl_id, ctx.fixmedins_code) as
    { psn_no: string } | undefined
  if (!s) throw new PlatformError(`结算 ${item.setl_id} 不存在`)
  if (item.psn_no && item.psn_no !== s.psn_no) throw new PlatformError('psn_no 与结算不符')
}

function distinctCodes(item: { drugtracinfo: { drug_trac_codg: string }[] }): string[] {
  const codes = item.drugtracinfo.map((t) => t.drug_trac_codg)
  if (new Set(codes).size !== codes.length) throw new PlatformError('同一追溯码在本次上传中重复')
  return codes
}

/** The checks every batch upload passes, then its record: a code the platform lists, dates in order. */
function accept(
  ctx: HandlerContext,
  infno: Recorded,
  i: { med_list_codg: string; fixmedins_bchno: string; manu_date?: string; expy_end?: string },
  cnt: number,
) {
  knownCode(ctx, i.med_list_codg)
  if (i.manu_date && i.expy_end && i.expy_end < i.manu_date) throw new PlatformError(`有效期止 expy_end ${i.expy_end} 早于生产日期 ${i.manu_date}`)
  record(ctx, infno, i.fixmedins_bchno, i.med_list_codg, cnt)
  return SUCCESS
}

export const stocktakeUpload: Handler<'3501'> = (ctx, input) => accept(ctx, '3501', input.invinfo, input.invinfo.inv_cnt)
export const stockChangeUpload: Handler<'3502'> = (ctx, input) => accept(ctx, '3502', input.invinfo, input.invinfo.cnt)
export const purchaseUpload: Handler<'3503'> = (ctx, input) => accept(ctx, '3503', input.purcinfo, input.purcinfo.purc_retn_cnt)

export const purchaseReturnUpload: Handler<'3504'> = (ctx, input) => {
  const i = input.purcinfo
  if (!seen(ctx, '3503', i.fixmedins_bchno)) throw new PlatformError(`批次流水号 fixmedins_bchno ${i.fixmedins_bchno} 没有采购记录，不能采购退货`)
  return accept(ctx, '3504', i, i.purc_retn_cnt)
}

/** A traceability code sells once: a second sale is how resold (回流) drugs are caught. */
export const saleUpload: Handler<'3505'> = (ctx, input) => {
  const item = input.selinfo
  knownCode(ctx, item.med_list_codg)
  checkSettlement(ctx, item)
  const codes = distinctCodes(item)
  for (const code of codes) {
    const row = prepared(ctx.db, 'SELECT status FROM trace_codes WHERE drug_trac_codg = ?').get(code) as { status: string } | undefined
    if (row?.status === 'sold') throw new PlatformError(`追溯码 ${code} 已销售过，疑似回流药品`)
    prepared(
      ctx.db,
      `INSERT INTO trace_codes (drug_trac_codg, fixmedins_code, med_list_codg, status, setl_id, sold_at) VALUES (?, ?, ?, 'sold', ?, ?)
       ON CONFLICT (drug_trac_codg) DO UPDATE SET fixmedins_code = excluded.fixmedins_code, med_list_codg = excluded.med_list_codg,
         status = 'sold', setl_id = excluded.setl_id, sold_at = excluded.sold_at, returned_at = NULL`,
    ).run(code, ctx.fixmedins_code, item.med_list_codg, item.setl_id ?? null, ctx.now.toISOString())
  }
  record(ctx, '3505', item.fixmedins_bchno, item.med_list_codg, item.sel_retn_cnt)
  return SUCCESS
}

export const saleReturn: Handler<'3506'> = (ctx, input) => {
  const item = input.selinfo
  knownCode(ctx, item.med_list_codg)
  checkSettlement(ctx, item)
  if (!seen(ctx, '3505', item.fixmedins_bchno)) throw new PlatformError(`批次流水号 fixmedins_bchno ${item.fixmedins_bchno} 没有销售记录，不能销售退货`)
  for (const code of distinctCodes(item)) {
    const row = prepared(ctx.db, 'SELECT status, fixmedins_code FROM trace_codes WHERE drug_trac_codg = ?').get(code) as
      { status: string; fixmedins_code: string } | undefined
    if (!row || row.status !== 'sold' || row.fixmedins_code !== ctx.fixmedins_code) {
      throw new PlatformError(`追溯码 ${code} 未在本机构销售，不能退货`)
    }
    prepared(ctx.db, "UPDATE trace_codes SET status = 'returned', returned_at = ? WHERE drug_trac_codg = ?").run(ctx.now.toISOString(), code)
  }
  record(ctx, '3506', item.fixmedins_bchno, item.med_list_codg, item.sel_retn_cnt)
  return SUCCESS
}

/** 3507 withdraws a batch's uploads of one kind; there must be some. */
export const deleteUpload: Handler<'3507'> = (ctx, input: TransactionInput<'3507'>) => {
  const { fixmedins_bchno, inv_data_type } = input.data
  const r = prepared(
    ctx.db,
    'UPDATE inventory_uploads SET deleted_at = ?, deleted_by_msgid = ? WHERE fixmedins_code = ? AND fixmedins_bchno = ? AND inv_data_type = ? AND deleted_at IS NULL',
  ).run(ctx.now.toISOString(), ctx.msgid, ctx.fixmedins_code, fixmedins_bchno, inv_data_type)
  if (r.changes === 0) throw new PlatformError(`未找到批次流水号 ${fixmedins_bchno} 的${INV_DATA_TYPES[inv_data_type]}，无可删除的进销存信息`)
  return SUCCESS
}
