import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { DEMO, expect, openAs, test } from './fixtures'

const HEADER = 'barcode,store_code,name,spec,maker,unit,price,stock,kind,national_code'

async function openCatalog(page: Page) {
  await page
    .getByRole('button', { name: /商品目录/ })
    .first()
    .click()
  await expect(page.getByRole('heading', { name: '目录状态' })).toBeVisible()
  // A fresh training install imports the training catalog by itself.
  await expect(page.locator('[data-list="store"] [data-items]')).toHaveText('46', { timeout: 30_000 })
  await expect(page.getByRole('note')).toContainText('练习目录')
}

test('a manager imports a store item file with progress, and finds its items with their class facts', async ({ page, shell }) => {
  await openAs(page, shell, DEMO.manager)
  await openCatalog(page)
  await page.screenshot({ path: test.info().outputPath('catalog-training.png') })

  // The training catalog's facts on every row: class and self-pay ratio, price cap, prescription, kind.
  await page.keyboard.press('F2')
  const search = page.getByRole('combobox', { name: '商品查找' })
  await expect(search).toBeFocused()
  await search.pressSequentially('xst')
  const valsartan = page.getByRole('option').filter({ hasText: '缬沙坦胶囊' })
  await expect(valsartan).toBeVisible()
  await expect(valsartan.locator('[data-class]')).toHaveText('乙 自付10%')
  await expect(valsartan.locator('[data-cap]')).toHaveText('限价 ¥25.00')
  await expect(valsartan.locator('[data-rx]')).toBeVisible()
  await expect(valsartan.locator('[data-kind]')).toHaveText('药品')
  await page.screenshot({ path: test.info().outputPath('catalog-search.png') })

  const file = join(shell.dataDir, '本店商品.csv')
  const rows = [HEADER]
  // Enough lines for several progress reports, plus two items to look for.
  rows.push('6901000010034,SP00003,缬沙坦胶囊,80mg*7粒,北京诺华制药有限公司,盒,29.80,12,drug,XC09CAX046A001010101937')
  rows.push('6942000000017,HX0001,"护手霜 ""柔润""",50g,上海家化,支,18.00,5,goods,')
  for (let i = 0; i < 60_000; i++) rows.push(`,Z${String(i).padStart(6, '0')},填充商品${i},规格,厂家,个,1.00,1,goods,`)
  writeFileSync(file, rows.join('\n') + '\n')

  await page.getByLabel('收银电脑上的文件路径').fill(file)
  await page.keyboard.press('F5')
  await expect(page.getByTestId('import-progress')).toBeVisible()
  await expect(page.getByTestId('import-progress')).toContainText('本店商品')
  await page.screenshot({ path: test.info().outputPath('catalog-importing.png') })
  const done = page.locator('[data-outcome="done"]')
  await expect(done).toContainText('本店商品 共 60,002 条', { timeout: 45_000 })
  await expect(done).toContainText('其中 1 条对上国家目录')
  await expect(page.locator('[data-list="store"] [data-items]')).toHaveText('60,002')
  await expect(page.locator('[data-list="store"]')).toContainText('本店商品.csv')

  await search.fill('')
  await search.pressSequentially('hss')
  const cream = page.getByRole('option').filter({ hasText: '护手霜 "柔润"' })
  await expect(cream.locator('[data-kind]')).toHaveText('商品')
  await expect(cream.locator('[data-class]')).toHaveText('自费')
  await search.press('Escape')
  await search.pressSequentially('6901000010034')
  await expect(page.getByRole('option').first()).toContainText('¥29.80')
  await search.press('Enter')
  await expect(page.locator('[data-picked="SP00003"]')).toContainText('国家编码 XC09CAX046A001010101937')
  await page.screenshot({ path: test.info().outputPath('catalog-imported.png') })
})

test('a corrupt file is refused with its line and reason, and the catalog stays as it was', async ({ page, shell }) => {
  await openAs(page, shell, DEMO.manager)
  await openCatalog(page)
  const bad = join(shell.dataDir, 'items-bad.csv')
  writeFileSync(bad, `${HEADER}\n,A1,甲商品,,,盒,1.00,1,goods,\n,A2,乙商品,,,盒,12.3.4,1,goods,\n`)

  // Uploaded from the page, as a browser that cannot hand the core a path would.
  await page.locator('input[name="catalog-file"]').setInputFiles(bad)
  await expect(page.getByText('已选择 items-bad.csv')).toBeVisible()
  await page.getByRole('button', { name: /开始导入/ }).click()
  const refused = page.locator('[data-outcome="failed"]')
  await expect(refused).toBeVisible()
  await expect(refused).toHaveAttribute('data-error-code', 'CATALOG_CORRUPT')
  await expect(refused.locator('[data-line]')).toHaveText('第 3 行')
  await expect(refused.locator('[data-reason]')).toContainText('12.3.4')
  await expect(refused).toContainText('本店商品 未导入，原有目录没有改变')
  await expect(page.locator('[data-list="store"] [data-items]')).toHaveText('46')
  await page.screenshot({ path: test.info().outputPath('catalog-refused.png') })

  // A path that is not there is answered at once, in words.
  await page.getByLabel('收银电脑上的文件路径').fill(join(shell.dataDir, 'nope.csv'))
  await page.keyboard.press('F5')
  await expect(page.getByRole('alert').filter({ hasText: '找不到文件' })).toHaveAttribute('data-error-code', 'CATALOG_UNREADABLE')
})

test('a cashier has no catalog workspace (the core refuses the calls too: test/catalog/module.test.ts)', async ({ page, shell }) => {
  await openAs(page, shell, DEMO.cashier)
  await expect(page.getByRole('button', { name: /商品目录/ })).toHaveCount(0)
})

test('a manager downloads the 1306 list from the (training) platform with F7 and it is imported', async ({ page, shell }) => {
  await openAs(page, shell, DEMO.manager)
  await openCatalog(page)
  await expect(page.getByTestId('catalog-download')).toContainText('从医保平台下载')
  await page.keyboard.press('F7')
  const done = page.locator('[data-outcome="done"]')
  await expect(done).toContainText(/1306 医用耗材目录 共 \d+ 条/, { timeout: 30_000 })
  await expect(page.locator('[data-list="national_1306"]')).toContainText('医保平台下载')
  await page.screenshot({ path: test.info().outputPath('catalog-downloaded.png') })
})
