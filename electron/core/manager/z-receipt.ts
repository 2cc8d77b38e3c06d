import type { DayReport, ZReport } from '../../../shared/contract/manager/schemas'
import type { SupplementaryZ } from '../../../shared/contract/shift/schemas'
import { centerIn, spread, truncateTo, type ReceiptDoc } from '../../../shared/receipt'
import { cstDateTime } from '../sale'

/** The Z report for the receipt printer: the frozen day in the same words as the A4 view, two columns. */
export function zReceiptDoc(z: ZReport, columns: number): ReceiptDoc {
  const { text, row, rule } = reportLines(columns)
  const r = z.report
  const blocks = [
    { kind: 'text' as const, text: centerIn('日结报表（Z 报表）', columns), bold: true, tall: true },
    text(z.store.fixmedinsName),
    text(`机构编码 ${z.store.fixmedinsCode}`),
    text(`营业日 ${r.day}${r.training ? '（培训）' : ''}`),
    text(`日结 ${cstDateTime(z.close.closedAt)} ${z.close.closedBy}`),
    rule,
    ...figureRows(r, row, rule),
    row('对账结果', z.close.reconStatus === 'agreed' ? '一致' : '差异已说明'),
    ...(z.close.queueAcknowledged.length || z.close.offlineQueued
      ? [row('日结时未完成', String(z.close.queueAcknowledged.length + z.close.offlineQueued))]
      : []),
    // Own line, as long as the paper allows: `audit:verify --head` takes it back (16 hex digits suffice).
    text('审计链（序号:校验码）'),
    text(z.close.auditHead.slice(0, columns)),
  ]
  return { columns, blocks }
}

type Line = { kind: 'text'; text: string; bold: boolean }

/** A report's line makers for the paper's width: a text line, a label with its figure at the right edge, a rule. */
export function reportLines(columns: number): {
  text: (t: string, bold?: boolean) => Line
  row: (label: string, value: string, bold?: boolean) => Line
  rule: Line
} {
  const text = (t: string, bold = false): Line => ({ kind: 'text', text: truncateTo(t, columns), bold })
  const row = (label: string, value: string, bold = false): Line => ({
    kind: 'text',
    text: spread(truncateTo(label, columns - value.length - 1), value, columns),
    bold,
  })
  return { text, row, rule: text('-'.repeat(columns)) }
}

/** The day's figures, the same rows on the Z and on a supplementary Z. */
function figureRows(r: DayReport, row: (label: string, value: string, bold?: boolean) => Line, rule: Line): Line[] {
  return [
    row('销售笔数', String(r.sales.count)),
    row('销售合计', r.sales.total),
    row('退货笔数', String(r.refunds.count)),
    row('退货合计', r.refunds.total),
    row('净额', r.net.total, true),
    rule,
    row('医疗费总额', r.net.medical),
    row('统筹基金', r.net.fund),
    row('个人账户', r.net.account),
    row('亲属共济', r.net.mutualAid),
    row('机构分担', r.net.hospital),
    row('个人现金（医保部分）', r.net.personCash),
    row('非医保商品', r.net.goods),
    row('现金', r.net.cash),
    row('移动支付', r.net.mobile),
    rule,
    ...r.byInsurance.flatMap((g) => [row(g.label, g.net.total)]),
    rule,
    ...r.byCashier.map((g) => row(`收银员 ${g.label}`, g.net.total)),
    rule,
  ]
}

/** A supplementary Z (补充Z报表): only what came after the day's close, titled so nobody adds it twice. */
export function supplementaryZReceiptDoc(z: SupplementaryZ, store: ZReport['store'], columns: number): ReceiptDoc {
  const { text, row, rule } = reportLines(columns)
  const blocks = [
    { kind: 'text' as const, text: centerIn(`补充Z报表 第 ${z.part} 份`, columns), bold: true, tall: true },
    text(store.fixmedinsName),
    text(`机构编码 ${store.fixmedinsCode}`),
    text(`营业日 ${z.day}${z.report.training ? '（培训）' : ''}`),
    text(`出具 ${cstDateTime(z.issuedAt)} ${z.issuedBy}`),
    text('日结之后的销售与退货，不含在日结单内'),
    rule,
    ...figureRows(z.report, row, rule),
  ]
  return { columns, blocks }
}
