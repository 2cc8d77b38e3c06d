import type { XReport } from '../../../shared/contract/shift/schemas'
import { centerIn, type ReceiptDoc } from '../../../shared/receipt'
import { reportLines } from '../manager'
import { cstDateTime } from '../sale'

/** The X report (or, closed, the shift's handover slip) for the receipt printer, in the 交班 screen's words. */
export function shiftReceiptDoc(x: XReport, storeName: string, columns: number): ReceiptDoc {
  const { text, row, rule } = reportLines(columns)
  const s = x.shift
  const closed = s.state === 'closed'
  const blocks = [
    { kind: 'text' as const, text: centerIn(closed ? '交班报表' : '班中报表（X 报表）', columns), bold: true, tall: true },
    text(storeName),
    text(`第 ${s.no} 班 ${s.terminalId} 收银员 ${s.cashier}${s.training ? '（培训）' : ''}`),
    text(`开班 ${cstDateTime(s.openedAt)}`),
    text(closed && s.closedAt ? `交班 ${cstDateTime(s.closedAt)}` : `打印 ${cstDateTime(x.at)}`),
    rule,
    row('销售笔数', String(x.sales.count)),
    row('销售合计', x.sales.total),
    row('退货笔数', String(x.refunds.count)),
    row('退货合计', x.refunds.total),
    row('净额', x.net.total, true),
    rule,
    row('统筹基金', x.net.fund),
    row('个人账户', x.net.account),
    row('亲属共济', x.net.mutualAid),
    row('机构分担', x.net.hospital),
    row('现金', x.net.cash),
    row('移动支付', x.net.mobile),
    rule,
    row('备用金', s.opening),
    row('现金收入', x.sales.cash),
    row('现金退款', x.refunds.cash),
    row('存入', x.cashIn),
    row('取出', x.cashOut),
    ...x.moves.map((m) => text(`  ${m.kind === 'in' ? '存入' : '取出'} ${m.amount} ${m.reason}`)),
    row('钱箱应有现金', x.expectedCash, true),
    ...(closed
      ? [
          row('实点现金', s.counted ?? ''),
          row('差额', s.difference ?? '', true),
          ...(s.note ? [text(`备注 ${s.note}`)] : []),
          ...(s.handedTo ? [text(`交接给 ${s.handedTo}`)] : []),
        ]
      : []),
    ...(x.unsettled ? [row('未完成结算', String(x.unsettled))] : []),
  ]
  return { columns, blocks }
}
