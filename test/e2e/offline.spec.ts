import type { Page } from '@playwright/test'
import { gtinCheckDigit } from '../../shared/scan'
import { DEMO, enableStoreChosenRelative, expect, openAs, test } from './fixtures'

const barcode = (n: number) => {
  const body = '6901' + String(n).padStart(8, '0')
  return body + gtinCheckDigit(body)
}
const IBUPROFEN = barcode(1012) // 布洛芬缓释胶囊, 甲类, OTC, 19.80
const WANG_FATHER_ID = '410102195603152837' // the demo pensioner's ID card number (docs/demo-data.md)
let serial = 0
const traceCode = () => '8100002' + String(Date.now() % 1e7).padStart(7, '0') + String(++serial).padStart(6, '0')

async function scan(page: Page, text: string) {
  const box = page.getByLabel('扫码 / 搜索')
  await expect(box).toBeFocused()
  await page.keyboard.type(text, { delay: 2 })
  await page.keyboard.press('Enter')
}

async function faults(shell: { origin: string; token: string }, body: Record<string, unknown>) {
  const status = await fetch(`${shell.origin}/api/call/journalStatus`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-pos-token': shell.token },
    body: '{}',
  }).then((r) => r.json() as Promise<{ value: { platform: { url: string } } }>)
  const res = await fetch(`${status.value.platform.url.replace(/\/$/, '')}/sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(res.ok).toBe(true)
}

test('the platform goes down: the banner says so, a sale completes offline, and when the platform is back it forwards and shows the outcome', async ({
  page,
  shell,
}) => {
  // Offline, the counter can only lend against a quota it was shown online: the store-chosen-relative extension.
  await enableStoreChosenRelative(shell)
  const shot = (name: string) => page.screenshot({ path: test.info().outputPath(name) })
  await openAs(page, shell, DEMO.cashier)
  const banner = page.getByTestId('connectivity')
  await expect(banner).toHaveAttribute('data-state', 'online')
  await expect(async () => {
    await scan(page, IBUPROFEN)
    await expect(page.locator('tr[data-store-code="SP00012"]')).toBeVisible({ timeout: 500 })
  }).toPass({ timeout: 30_000 })
  // Esc asks before it clears a sale (counter-review B4).
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog', { name: '整单取消' })).toBeVisible()
  await page.keyboard.press('Enter')

  // Seen online this morning: the store keeps what the platform said about him.
  const qr = page.locator('[data-member="wangFather"]')
  await scan(page, (await qr.getAttribute('data-qr'))!)
  await expect(page.getByTestId('member')).toContainText('王*国')
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog', { name: '整单取消' })).toBeVisible()
  await page.keyboard.press('Enter')

  await faults(shell, { down: true })
  // The next customer's QR code cannot be decoded; that failure and the probe take the counter offline.
  await scan(page, (await page.locator('[data-member="liRetired"]').getAttribute('data-qr'))!)
  await expect(banner).toHaveAttribute('data-state', 'offline', { timeout: 20_000 })
  await expect(banner).toContainText('无法连接')
  await shot('1-offline-banner.png')

  // Offline, identity is by ID card number.
  await page.keyboard.press('F2')
  await page.locator('input[name="member-code"]').fill(WANG_FATHER_ID)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('member')).toContainText('王*国')
  await expect(page.getByTestId('member-snapshot')).toContainText('联网识别')
  await scan(page, IBUPROFEN)
  await scan(page, traceCode())
  await expect(page.locator('tr[data-store-code="SP00012"]')).toContainText('1/1 盒')
  await page.keyboard.press('F8')
  const quote = page.getByTestId('offline-quote')
  await expect(quote).toContainText('预估')
  await expect(page.getByTestId('offline-mode')).toContainText('押金模式')
  await expect(page.getByTestId('offline-pay-now')).toHaveText('¥19.80')
  await expect(page.getByTestId('offline-mutual-aid')).toHaveText('¥19.80')
  await shot('2-offline-quote.png')

  await page.keyboard.type('20')
  await page.keyboard.press('Enter')
  const saved = page.getByTestId('offline-sale')
  await expect(saved).toContainText('离线销售已保存')
  await expect(saved).toContainText('退还顾客')
  await expect(banner).toContainText('待上传 1 笔销售')
  await shot('3-offline-saved.png')

  // The platform is back: the probe sees it, the queue forwards, the screen shows the outcome.
  await faults(shell, { down: false })
  await expect(banner).toHaveAttribute('data-state', 'online', { timeout: 20_000 })
  await expect(saved).toHaveAttribute('data-state', 'settled', { timeout: 20_000 })
  await expect(page.getByTestId('offline-outcome')).toContainText('应退顾客 ¥19.80')
  await expect(banner).toContainText('1 笔离线销售待处理')
  await shot('4-forwarded-outcome.png')

  // The customer is still here: F8 prints the corrected receipt.
  await page.keyboard.press('F8')
  await expect(page.getByRole('status').filter({ hasText: '更正小票已送打印' })).toBeVisible()

  // Later, from the sales history: the counter's offline sales, and the corrected receipt of this one.
  await page.keyboard.press('Escape')
  await page.keyboard.press('F1')
  const history = page.getByRole('dialog', { name: '今日交易' })
  await expect(history).toBeVisible()
  await page.keyboard.press('l')
  const list = page.getByTestId('offline-sales')
  await expect(list.locator('tbody tr')).toHaveCount(1)
  await expect(list.locator('tbody tr').first()).toContainText('应退顾客 ¥19.80')
  await page.keyboard.press('Enter')
  const receipt = page.getByTestId('offline-receipt')
  await expect(receipt).toContainText('【更正小票·医保已结算】')
  await expect(receipt).toContainText('应退还您')
  await shot('5-offline-list-corrected.png')
  await page.keyboard.press('p')
  await expect(list.getByRole('status').filter({ hasText: '更正小票已送打印' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(receipt).toHaveCount(0)
  await page.keyboard.press('Escape')
  await expect(history).toHaveCount(0)
})
