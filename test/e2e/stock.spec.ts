import type { Page } from '@playwright/test'
import { gtinCheckDigit } from '../../shared/scan'
import { DEMO, expect, openAs, test } from './fixtures'

const body = '6901' + String(1012).padStart(8, '0')
const IBUPROFEN_BARCODE = body + gtinCheckDigit(body) // 布洛芬缓释胶囊 SP00012, 19.80 a box

async function signOut(page: Page) {
  await page.getByRole('button', { name: '退出登录' }).click()
  const ask = page.getByRole('dialog', { name: '退出登录' })
  if (await ask.isVisible().catch(() => false)) await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible()
}

let serial = 0
const traceCode = () => '8100001' + String(Date.now() % 1e7).padStart(7, '0') + String(++serial).padStart(6, '0')
const day = (plusDays: number) => new Date(Date.now() + 8 * 3600_000 + plusDays * 86_400_000).toISOString().slice(0, 10)

test('a manager receives a delivery by scanning its boxes, a cashier sells part of a box, the manager sees what is left near expiry', async ({
  page,
  shell,
}) => {
  await openAs(page, shell, DEMO.manager)
  await page.getByRole('button', { name: /库存/ }).first().click()
  await expect(page.getByRole('tab', { name: /效期与预警/ })).toHaveAttribute('aria-selected', 'true')

  await page.keyboard.press('F4')
  await page.locator('[data-field="supplier"]').fill('国药控股河南')
  const search = page.getByRole('combobox', { name: '商品查找' })
  // The training catalog is imported in the background on a fresh install.
  await expect(async () => {
    await search.fill('')
    await search.pressSequentially('blf')
    await expect(page.getByRole('option').filter({ hasText: '布洛芬缓释胶囊' })).toBeVisible({ timeout: 1000 })
  }).toPass({ timeout: 30_000 })
  await page.getByRole('option').filter({ hasText: '布洛芬缓释胶囊' }).click()
  await expect(page.locator('[data-picked="SP00012"]')).toBeVisible()
  await page.locator('[data-field="lotNo"]').fill('E2E001')
  await page.locator('[data-field="manuDate"]').fill(day(-300))
  await page.locator('[data-field="expiryDate"]').fill(day(45))
  await page.locator('[data-field="boxes"]').fill('3')
  await page.locator('[data-field="packSize"]').fill('24')
  await page.locator('[data-field="minUnit"]').fill('粒')
  await page.locator('[data-field="costPerBox"]').fill('12.50')
  const codeBox = page.locator('[data-field="traceCode"]')
  for (let i = 0; i < 2; i++) {
    await codeBox.click()
    // Typed by hand (slower than a scanner's burst): the field itself takes the code on Enter.
    await page.keyboard.type(traceCode(), { delay: 60 })
    await page.keyboard.press('Enter')
  }
  await expect(page.locator('[data-codes]')).toHaveAttribute('data-codes', '2')
  await page.getByRole('button', { name: '加入本行' }).click()
  await expect(page.getByTestId('receipt-lines')).toContainText('E2E001')
  await page.screenshot({ path: test.info().outputPath('stock-receive.png') })
  await page.keyboard.press('F10')
  await expect(page.getByText('入库完成：1 个批次')).toBeVisible()

  await page.keyboard.press('F2')
  const near = page.getByTestId('near-expiry')
  await expect(near.locator('tr[data-lot="E2E001"]')).toContainText('布洛芬缓释胶囊')
  await expect(near.locator('tr[data-lot="E2E001"] [data-units]')).toHaveAttribute('data-units', '72')
  await page.screenshot({ path: test.info().outputPath('stock-alerts.png') })

  await page.keyboard.press('F7')
  await page.getByLabel('查看流水的店内编码').fill('SP00012')
  await expect(page.getByTestId('ledger')).toContainText('采购入库')
  // Everything fits a 1366x768 screen: no horizontal scrolling.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)

  // The cashier sells 10 capsules out of a box (拆零): the search shows the stock, F3 chooses the unit.
  await signOut(page)
  await openAs(page, shell, DEMO.cashier)
  const scanBox = page.getByLabel('扫码 / 搜索')
  await expect(scanBox).toBeFocused()
  await page.keyboard.type('blf')
  await expect(page.getByRole('option').filter({ hasText: '布洛芬缓释胶囊' }).locator('[data-on-hand]')).toHaveAttribute('data-on-hand', '72')
  await scanBox.fill('')
  await page.keyboard.type(IBUPROFEN_BARCODE, { delay: 2 })
  await page.keyboard.press('Enter')
  const line = page.locator('tr[data-store-code="SP00012"]')
  await expect(line).toBeVisible()
  // No code was scanned: the lot is suggested first-expiry-first-out, and the cashier confirms it.
  const hint = line.getByTestId('lot-hint')
  await expect(hint).toHaveAttribute('data-lot', 'E2E001')
  await hint.getByRole('button', { name: '确认批号' }).click()
  await expect(hint).toHaveAttribute('data-confirmed', 'yes')
  await page.keyboard.press('F3')
  const qty = page.getByRole('dialog', { name: '修改数量' })
  await qty.getByRole('radio', { name: /拆零/ }).check()
  await qty.getByLabel(/数量/).fill('10')
  await page.keyboard.press('Enter')
  await expect(line.getByTestId('split-tag')).toBeVisible()
  // 19.80 a box of 24: 10 capsules at 0.825 cost 8.25 (from the box price, not a rounded capsule price).
  await expect(line).toContainText('10 粒')
  await expect(line).toContainText('0.825')
  await expect(line).toContainText('8.25')
  await page.screenshot({ path: test.info().outputPath('stock-split-sale.png') })
  await page.keyboard.press('F8')
  await expect(page.getByLabel('实收')).toBeFocused()
  await page.keyboard.type('10')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('status', { name: '收款完成' })).toBeVisible()
  await expect(page.getByTestId('change')).toHaveText('¥1.75')

  // The manager finds the lot on the near-expiry list with 62 capsules: 2 boxes and the opened one's 14.
  await signOut(page)
  await openAs(page, shell, DEMO.manager)
  await page.getByRole('button', { name: /库存/ }).first().click()
  await page.keyboard.press('F2')
  await expect(page.getByTestId('near-expiry').locator('tr[data-lot="E2E001"] [data-units]')).toHaveAttribute('data-units', '62')
  await expect(page.getByTestId('stock-charts')).toContainText('甲')
  await page.screenshot({ path: test.info().outputPath('stock-after-split.png') })
})
