import { PlatformError } from '../../errors'
import type { Handler, HandlerContext } from '../context'
import type { TransactionInput } from '../../../../shared/nhsa/transactions'
import { prepared } from '../../../base/store/statements'

type SaleItem = TransactionInput<'3505'>['selinfo']

function checkSettlement(ctx: HandlerContext, item: SaleItem): void {
  if (!item.setl_id) return
  const s = prepared(ctx.db, 'SELECT psn_no FROM settlements WHERE setl_id = ? AND fixmedins_code = ?').get(item.setl_id, ctx.fixmedins_code) as
    | { psn_no: string }
    | undefined
  if (!s) throw new PlatformError(`结算 ${item.setl_id} 不存在`)
  if (item.psn_no && item.psn_no !== s.psn_no) throw new PlatformError('psn_no 与结算不符')
}

function distinctCodes(item: SaleItem): string[] {
  const codes = item.drugtracinfo.map((t) => t.drug_trac_codg)
  if (new Set(codes).size !== codes.length) throw new PlatformError('同一追溯码在本次上传中重复')
  return codes
}

/** A traceability code sells once: a second sale is how resold (回流) drugs are caught. */
export const saleUpload: Handler<'3505'> = (ctx, input) => {
  const item = input.selinfo
  checkSettlement(ctx, item)
  const codes = distinctCodes(item)
  for (const code of codes) {
    const row = prepared(ctx.db, 'SELECT status FROM trace_codes WHERE drug_trac_codg = ?').get(code) as { status: string } | undefined
    if (row?.status === 'sold') throw new PlatformError(`追溯码 ${code} 已销售过，疑似回流药品`)
    prepared(ctx.db, 
        `INSERT INTO trace_codes (drug_trac_codg, fixmedins_code, med_list_codg, status, setl_id, sold_at) VALUES (?, ?, ?, 'sold', ?, ?)
         ON CONFLICT (drug_trac_codg) DO UPDATE SET fixmedins_code = excluded.fixmedins_code, med_list_codg = excluded.med_list_codg,
           status = 'sold', setl_id = excluded.setl_id, sold_at = excluded.sold_at, returned_at = NULL`,
      )
      .run(code, ctx.fixmedins_code, item.med_list_codg, item.setl_id ?? null, ctx.now.toISOString())
  }
  return { data: { rslt: '1', trac_cnt: codes.length } }
}

export const saleReturn: Handler<'3506'> = (ctx, input) => {
  const item = input.selinfo
  checkSettlement(ctx, item)
  const codes = distinctCodes(item)
  for (const code of codes) {
    const row = prepared(ctx.db, 'SELECT status, fixmedins_code FROM trace_codes WHERE drug_trac_codg = ?').get(code) as
      | { status: string; fixmedins_code: string }
      | undefined
    if (!row || row.status !== 'sold' || row.fixmedins_code !== ctx.fixmedins_code) {
      throw new PlatformError(`追溯码 ${code} 未在本机构销售，不能退货`)
    }
    prepared(ctx.db, "UPDATE trace_codes SET status = 'returned', returned_at = ? WHERE drug_trac_codg = ?").run(ctx.now.toISOString(), code)
  }
  return { data: { rslt: '1', trac_cnt: codes.length } }
}
