import type { Page } from '@playwright/test'
import { openCounter, scan } from './counter-steps'
import { asManager, DEMO, expect, openAs, test } from './fixtures'
import { withPrinter } from './virtual-printer'

/** 交班 at the counter (issue 15) and a sale after the day close (counter review B2), as a cashier works them. */

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)

/** A bottle of shampoo (15.00) paid in cash at the counter, by keyboard. */
async function sellShampoo(page: Page, tendered: string) {
  await scan(page, 'SG00001')
  await expect(page.locator('tr[data-store-code="SG00001"]')).toBeVisible()
  await page.keyboard.press('F8')
  await expect(page.getByLabel('实收')).toBeFocused()
  await page.keyboard.type(tendered)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('change')).toBeVisible()
}

async function managerCloseSection(page: Page) {
  await page.getByRole('button', { name: /店长/ }).first().click()
  await page.keyboard.press('F3')
}

test('a shift: open with a float, sell, take cash out, print the X report, count blind, close and hand over; the manager sees the difference', async ({
  page,
  shell,
}) => {
  await withPrinter(shell, async (printer) => {
    await openCounter(page, shell)
    await expect(page.getByTestId('shift-status')).toHaveText('未开班')
    await expect(page.locator('.fkey:visible', { hasText: 'F3' })).toContainText('交班')

    await page.keyboard.press('F3')
    const dialog = page.getByRole('dialog', { name: '交班' })
    await expect(dialog.getByLabel('备用金（元）')).toBeFocused()
    // The float counted note by note: 1 × 100 元 and 2 × 50 元.
    await dialog.getByLabel('按面额点钞').check()
    await dialog.getByLabel('100 元', { exact: true }).fill('1')
    await dialog.getByLabel('50 元', { exact: true }).fill('2')
    await expect(dialog.getByTestId('denomination-sum')).toHaveText('合计 200.00 元')
    await page.keyboard.press('Enter')
    await expect(dialog.getByTestId('shift-line')).toContainText('第 1 班')
    await page.keyboard.press('Escape')
    await expect(dialog).toHaveCount(0)
    await expect(page.getByTestId('shift-status')).toContainText('第 1 班')

    await sellShampoo(page, '20')
    await expect(page.getByTestId('change')).toHaveText('¥5.00')

    await page.keyboard.press('F3')
    await expect(dialog.getByTestId('shift-expected')).toHaveText('215.00')
    await dialog.getByLabel('存入 / 取出').selectOption('out')
    await dialog.getByLabel('金额（元）').fill('10')
    await dialog.getByLabel('原因').fill('买打印纸')
    await dialog.getByRole('button', { name: '记录存取' }).click()
    await expect(dialog.getByTestId('shift-expected')).toHaveText('205.00')
    await dialog.getByRole('button', { name: '打印X报表' }).click()
    await expect(dialog.getByText('X报表已送打印机')).toBeVisible()
    // The sale's receipt, then the X report.
    await expect.poll(() => printer.receipts().length).toBe(2)
    const x = printer.receipts()[1]
    expect(x).toContain('班中报表')
    expect(x).toMatch(/钱箱应有现金\s+205\.00/)
    expect(x).toContain('买打印纸')
    await page.screenshot({ path: test.info().outputPath('shift-x-report.png') })

    // The blind count: nothing expected on screen while the cashier counts.
    await dialog.getByRole('button', { name: '盲点交班…' }).click()
    await dialog.getByLabel('按面额点钞').uncheck()
    await expect(dialog.getByTestId('shift-expected')).toHaveCount(0)
    await expect(dialog.getByText('205.00')).toHaveCount(0)
    await dialog.getByLabel('实点现金（元）').fill('204')
    await dialog.getByLabel('备注（差额原因等）').fill('少一元，可能找错零')
    await dialog.getByLabel(/交给下一位收银员/).fill(DEMO.manager.id)
    await page.keyboard.press('Enter')
    await expect(dialog.getByTestId('shift-difference')).toHaveText('-1.00')
    await expect(dialog.getByTestId('shift-next')).toContainText('第 2 班已为 demo-manager 开班，备用金 204.00')
    await page.screenshot({ path: test.info().outputPath('shift-closed.png') })
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('shift-status')).toContainText('第 2 班 · demo-manager')
  })

  await page.getByRole('button', { name: '退出登录' }).click()
  await openAs(page, shell, DEMO.manager)
  await managerCloseSection(page)
  const row = page.getByTestId('manager-shifts').locator('tr[data-shift="1"]')
  await expect(row.getByTestId('shift-difference')).toHaveText('-1.00')
  await expect(row).toContainText('少一元，可能找错零')
})

test('B2: after the day close the counter says the day is closed, and the sale goes to a supplementary Z the manager issues', async ({ page, shell }) => {
  await asManager(shell, async (call) => {
    await expect(async () => {
      await call('lookupStoreCode', { storeCode: 'SG00001' })
      expect((await call<{ recovering: boolean }>('journalStatus', {})).recovering).toBe(false)
    }).toPass({ timeout: 30_000 })
    const sale = await call<{ id: string }>('openSale', { lines: [{ storeCode: 'SG00001', qty: '1' }], acctUsed: false })
    await call('settleSale', { saleId: sale.id, payment: { method: 'cash', tendered: '15' } })
    await call('reconcileDay', { day: today() })
    await call('closeDay', { day: today() })
  })
  await openCounter(page, shell)
  const banner = page.getByTestId('day-closed')
  await expect(banner).toContainText('已日结')
  await sellShampoo(page, '15')
  await expect(banner).toContainText('1 笔待出')
  await page.screenshot({ path: test.info().outputPath('b2-day-closed.png') })

  await page.getByRole('button', { name: '退出登录' }).click()
  await openAs(page, shell, DEMO.manager)
  await managerCloseSection(page)
  await expect(page.getByTestId('z-report')).toBeVisible()
  await expect(page.getByTestId('late-sales')).toContainText('有 1 笔销售或退货还不在任何Z报表中')
  await page.getByRole('button', { name: '出具补充Z报表' }).click()
  await expect(page.getByTestId('supplementary-zs')).toContainText('第 1 份')
  await expect(page.getByTestId('supplementary-zs')).toContainText('净额 15.00')
  await expect(page.getByTestId('late-sales')).toHaveCount(0)
})
