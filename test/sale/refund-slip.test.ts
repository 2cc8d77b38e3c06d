import { describe, expect, it } from 'vitest'
import { yuan } from '../../shared/money/money'
import { useTempDir } from '../support/temp-dir'
import { traceCode } from './counter-rig'
import { closedAfterEach, counterWithPrinter, until } from './printer-rig'

const tempDir = useTempDir()
const rig = closedAfterEach()

const IBUPROFEN = 'SP00012' // 布洛芬缓释胶囊, OTC, 甲类, 19.80
const SHAMPOO = 'SG00001' // 去屑洗发水, ordinary goods, 15.00
const MANAGER = { userId: 'demo-manager', pin: '888888' }

/** The amount on the paper line that starts with `label` (labels are spread left, amounts right). */
function amountOn(paper: string[], label: string): string {
  const line = paper.find((l) => l.startsWith(label))
  if (!line) throw new Error(`no line ${label} in\n${paper.join('\n')}`)
  return line.slice(label.length).trim()
}

describe('退货单 and reprints at the counter, from the same receipt builder', () => {
  it("an insured sale's refund prints a refund slip: what the platform took back plus the cash handed back is the total; the paper equals the preview", async () => {
    const { counter, printer } = Object.assign(rig, await counterWithPrinter(tempDir()))
    const member = await counter.member('wangFather')
    const sale = await counter.call('openSale', {
      memberRef: member.ref,
      lines: [
        { storeCode: IBUPROFEN, qty: '1', traceCodes: [traceCode()] },
        { storeCode: SHAMPOO, qty: '1' },
      ],
      acctUsed: true,
    })
    await counter.call('presettleSale', { saleId: sale.id })
    const settled = await counter.call('settleSale', { saleId: sale.id, payment: { method: 'cash', tendered: '100' } })
    await until(() => printer.receipts.length === 1)

    const refunded = await counter.call('refundSale', { saleId: sale.id, approval: MANAGER, reason: '顾客不需要了' })
    expect(refunded.state).toBe('refunded')
    await until(() => printer.receipts.length === 2)
    const { job, lines } = await counter.call('previewPrintJob', { jobId: refunded.receiptJobId! })
    expect(job.kind).toBe('refund')
    const paper = printer.receipts[1].lines.map((l) => l.text)
    expect(paper).toEqual(lines)
    expect(paper.join('\n')).toContain('退货单')
    // 58 mm: the id alone on its line, without hyphens, never broken (B21).
    expect(paper.join('')).toContain(`原销售单号：${sale.id.replace(/-/g, '')}`)
    expect(paper.join('')).toContain('退货原因：顾客不需要了')
    expect(paper.join('')).toContain('批准人：demo-manager')
    expect(amountOn(paper, '退货合计')).toBe('34.80')
    const platform = yuan(settled.split!.fund).plus(settled.split!.account).plus(settled.split!.mutualAid)
    expect(amountOn(paper, '医保退回')).toBe(platform.toFixed(2))
    expect(amountOn(paper, '退还现金')).toBe(settled.payment!.cashDue)
    expect(platform.plus(amountOn(paper, '退还现金')).toFixed(2)).toBe('34.80')
    // The refund slip never opens the drawer.
    expect(printer.receipts[1].drawerKicks).toBe(0)

    // The counter reprints either paper, each marked as a reprint.
    const again = await counter.call('reprintSale', { saleId: sale.id, slip: 'refund' })
    await until(() => printer.receipts.length === 3)
    const reprinted = printer.receipts[2].lines.map((l) => l.text).join('\n')
    expect(reprinted).toContain('退货单')
    expect(reprinted).toContain('【重打小票 第1次】')
    expect(printer.receipts[2].lines.map((l) => l.text)).toEqual((await counter.call('previewPrintJob', { jobId: again.id })).lines)
    await counter.call('reprintSale', { saleId: sale.id })
    await until(() => printer.receipts.length === 4)
    const receipt = printer.receipts[3].lines.map((l) => l.text).join('\n')
    expect(receipt).toContain('销售小票')
    expect(receipt).toContain('【重打小票 第2次】')
    expect(receipt).not.toContain('退货单')
  })

  it('a cash sale refunded without the platform gets its slip with the whole amount back in cash', async () => {
    const { counter, printer } = Object.assign(rig, await counterWithPrinter(tempDir()))
    const sale = await counter.call('openSale', { lines: [{ storeCode: SHAMPOO, qty: '2' }], acctUsed: false })
    await counter.call('settleSale', { saleId: sale.id, payment: { method: 'cash', tendered: '50' } })
    const refunded = await counter.call('refundSale', { saleId: sale.id, approval: MANAGER, reason: '包装破损' })
    await until(() => printer.receipts.length === 2)
    const paper = printer.receipts[1].lines.map((l) => l.text)
    expect(paper).toEqual((await counter.call('previewPrintJob', { jobId: refunded.receiptJobId! })).lines)
    expect(amountOn(paper, '退货合计')).toBe('30.00')
    expect(amountOn(paper, '退还现金')).toBe('30.00')
    expect(paper.some((l) => l.startsWith('医保退回'))).toBe(false)
    expect(paper.some((l) => l.startsWith('找零'))).toBe(false)
  })
})
