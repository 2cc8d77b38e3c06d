import { PAPER_COLUMNS, type PaperWidth } from './schema'
import { centerIn, type ReceiptDoc } from './layout'
import { printableText } from './printable'
import { spread } from './width'

/**
 * The settings screen's test print: shows at a glance whether Chinese mode, the paper width and
 * column alignment are right (the right edge of every line must be straight).
 */
export function testPageDoc(paper: PaperWidth, at: string, target: string): ReceiptDoc {
  const columns = PAPER_COLUMNS[paper]
  const digits = '1234567890'.repeat(5).slice(0, columns)
  const lines = [
    { text: centerIn('打印测试', columns), bold: true, tall: true },
    { text: `纸宽：${paper}mm，每行${columns}个字符` },
    { text: `打印机：${printableText(target)}` },
    { text: `时间：${at}` },
    { text: digits },
    { text: spread('中文对齐测试', '123.45', columns) },
    { text: spread('阿莫西林胶囊 0.25g×24粒', '9.80', columns) },
    { text: spread('Latin', '0.01', columns) },
    { text: '-'.repeat(columns) },
    { text: centerIn('看到整齐的右边缘即为正常', columns) },
  ]
  return { columns, blocks: [...lines.map((l) => ({ kind: 'text' as const, ...l })), { kind: 'qr', data: 'GJPOS:TEST' }] }
}
