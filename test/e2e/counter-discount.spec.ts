import type { Page } from '@playwright/test'
import { openCounter, scan } from './counter-steps'
import { DEMO, expect, test } from './fixtures'

/** 折扣 / 改价 at the counter, by keyboard: F3 on the line, F8, F10; a manager's PIN above the store's threshold. */

const SHAMPOO = '6901000090012' // 去屑洗发水, goods outside insurance, 15.00
const TOOTHPASTE = '6901000090029' // 含氟牙膏, 12.90
const shampoo = (page: Page) => page.locator('tr[data-store-code="SG00001"]')

async function discountLine(page: Page, text: string) {
  await page.keyboard.press('F3')
  const dialog = page.getByRole('dialog', { name: '修改数量' })
  await dialog.getByLabel(/折扣/).fill(text)
  await dialog.getByLabel(/折扣/).press('Enter')
  await expect(dialog).toHaveCount(0)
}

test('a discount within the store threshold needs no manager; the receipt shows 原价/折扣/实收', async ({ page, shell }) => {
  await openCounter(page, shell)
  await scan(page, SHAMPOO)
  await expect(shampoo(page)).toBeVisible()
  await discountLine(page, '1.5')
  await expect(shampoo(page).getByTestId('discount-tag')).toHaveText('折扣 -1.50')
  await expect(shampoo(page)).toContainText('13.50')
  await page.keyboard.press('F8')
  await expect(page.getByTestId('cash-due')).toHaveText('¥13.50')
  await page.screenshot({ path: test.info().outputPath('counter-discount-1366x768.png') })
  await page.keyboard.press('F10')
  await expect(page.getByRole('status', { name: '收款完成' })).toBeVisible()
  await page.keyboard.press('F1')
  await page.getByRole('dialog', { name: '今日交易' }).locator('tr').first().waitFor()
  await page.keyboard.press('Enter')
  const paper = page.getByTestId('sale-paper')
  await expect(paper).toContainText('原价 15.00  折扣 -1.50')
  await expect(paper).toContainText(/实收\s+13\.50/)
})

test("a discount above the threshold asks for a manager's id and PIN, and a wrong one is refused", async ({ page, shell }) => {
  await openCounter(page, shell)
  await scan(page, SHAMPOO)
  await expect(shampoo(page)).toBeVisible()
  await discountLine(page, '20%')
  await expect(shampoo(page).getByTestId('discount-tag')).toHaveText('折扣 -3.00')
  await page.keyboard.press('F8')
  const approve = page.getByRole('dialog', { name: '折扣需店长批准' })
  await expect(approve.getByTestId('discount-approval-why')).toContainText('超过本店授权线（10% 或 20.00 元）')
  await expect(approve.getByLabel('店长工号')).toBeFocused()
  await page.keyboard.type(DEMO.cashier.id)
  await approve.getByLabel('店长密码').fill(DEMO.cashier.pin)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('alert').filter({ hasText: '不是店长' })).toBeVisible()
  await approve.getByLabel('店长工号').fill(DEMO.manager.id)
  await approve.getByLabel('店长密码').fill(DEMO.manager.pin)
  await page.keyboard.press('Enter')
  await expect(approve).toHaveCount(0)
  await expect(page.getByTestId('cash-due')).toHaveText('¥12.00')
  await page.keyboard.press('F10')
  await expect(page.getByRole('status', { name: '收款完成' })).toBeVisible()
})

test('a whole-sale discount (整单优惠) in F3 is shared by the goods outside insurance', async ({ page, shell }) => {
  await openCounter(page, shell)
  await scan(page, SHAMPOO)
  await expect(shampoo(page)).toBeVisible()
  await scan(page, TOOTHPASTE)
  await expect(page.locator('tr[data-store-code="SG00002"]')).toBeVisible()
  await page.keyboard.press('F3')
  const dialog = page.getByRole('dialog', { name: '修改数量' })
  await dialog.getByLabel(/整单优惠/).fill('2.79')
  await dialog.getByLabel(/整单优惠/).press('Enter')
  await expect(page.getByTestId('sale-discount-tag')).toHaveText('整单优惠 2.79')
  await page.keyboard.press('F8')
  // 15.00 + 12.90 = 27.90 less 2.79 (10 %, no manager needed): 25.11, shared 1.50 / 1.29.
  await expect(page.getByTestId('cash-due')).toHaveText('¥25.11')
  await expect(shampoo(page).getByTestId('discount-tag')).toHaveText('折扣 -1.50')
  await page.keyboard.press('F10')
  await expect(page.getByRole('status', { name: '收款完成' })).toBeVisible()
})
