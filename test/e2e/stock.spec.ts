import { DEMO, expect, openAs, test } from './fixtures'

let serial = 0
const traceCode = () => '8100001' + String(Date.now() % 1e7).padStart(7, '0') + String(++serial).padStart(6, '0')
const day = (plusDays: number) => new Date(Date.now() + 8 * 3600_000 + plusDays * 86_400_000).toISOString().slice(0, 10)

test('a manager receives a delivery by scanning its boxes and sees the lot on the near-expiry list', async ({ page, shell }) => {
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
})
