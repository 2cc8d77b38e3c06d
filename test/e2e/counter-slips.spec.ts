import type { Page } from '@playwright/test'
import { AMLODIPINE, openCounter, scan } from './counter-steps'
import { DEMO, expect, test } from './fixtures'
import { withPrinter, type Printer } from './virtual-printer'

/**
 * The papers a counter hands out, read as the customer reads them: the receipt with its prescription (B12),
 * the refund slip (退货单) and reprints from the cashier's F1, each compared with the virtual printer's
 * decoded paper.
 */

/** The paper shown on screen is, line for line, the paper the printer cut. */
async function screenIsPaper(page: Page, printer: Printer, index: number) {
  await expect.poll(() => printer.receipts().length).toBeGreaterThan(index)
  const paper = printer.receipts()[index]
  await expect.poll(() => page.getByTestId('sale-paper').textContent()).toBe(paper)
  return paper
}

test('B12 and slips: a prescription registered in full prints on the receipt; F1 shows the paper, refunds with a 退货单 and reprints it, each equal to the printed paper', async ({
  page,
  shell,
}) => {
  await withPrinter(shell, async (printer) => {
    await openCounter(page, shell)
    await scan(page, AMLODIPINE)
    await page.keyboard.press('F8')
    const rx = page.getByRole('dialog', { name: '处方登记' })
    await rx.getByLabel('处方号').fill('RX20261205009')
    await rx.getByLabel('外配处方（电子处方流转）').check()
    await rx.getByLabel('开方医院').fill('郑州市第一人民医院')
    await rx.getByLabel('开方医师').fill('王医生')
    await rx.getByLabel('诊断').fill('原发性高血压')
    // Named by staff id: the paper says the pharmacist's name.
    await rx.getByLabel('审方/调剂药师').fill(DEMO.manager.id)
    await rx.getByLabel('审方/调剂药师').press('Enter')
    await expect(rx).toHaveCount(0)
    await expect(page.getByTestId('cash-due')).toHaveText('¥20.00')
    await page.keyboard.press('F10')
    await expect(page.getByRole('status', { name: '收款完成' })).toBeVisible()

    await page.keyboard.press('F1')
    const history = page.getByRole('dialog', { name: '今日交易' })
    await expect(history.locator('tr').first()).toContainText('已结算')
    await page.keyboard.press('Enter')
    const receipt = (await screenIsPaper(page, printer, 0)).replace(/\n/g, '')
    expect(receipt).toContain('处方号：RX20261205009（外配处方）')
    expect(receipt).toContain('开方医院：郑州市第一人民医院')
    expect(receipt).toContain('开方医师：王医生')
    expect(receipt).toContain('诊断：原发性高血压')
    expect(receipt).toContain('审方药师：演示店长')
    await page.screenshot({ path: test.info().outputPath('counter-receipt-1366x768.png') })

    // 整单退货 with the manager's PIN: the 退货单 comes out and the screen shows it.
    await page.keyboard.press('r')
    const refund = page.getByRole('dialog', { name: '整单退货' })
    await expect(refund.getByLabel('退货原因')).toBeFocused()
    await page.keyboard.type('顾客不需要了')
    await refund.getByLabel('店长工号').fill(DEMO.manager.id)
    await refund.getByLabel('店长密码').fill(DEMO.manager.pin)
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('sale-paper')).toHaveAttribute('data-kind', 'refund')
    const slip = await screenIsPaper(page, printer, 1)
    expect(slip).toContain('退货单')
    expect(slip.replace(/\n/g, '')).toContain('退货原因：顾客不需要了')
    expect(slip).toMatch(/退货合计 +20\.00/)
    expect(slip).toMatch(/退还现金 +20\.00/)
    await page.screenshot({ path: test.info().outputPath('counter-refund-slip-1366x768.png') })

    // D reprints the refunded sale's paper, its 退货单, marked as a reprint.
    await page.keyboard.press('d')
    await expect(page.getByTestId('sale-paper')).toHaveAttribute('data-kind', 'reprint')
    const again = await screenIsPaper(page, printer, 2)
    expect(again).toContain('退货单')
    expect(again).toContain('【重打小票 第1次】')
  })
})
