import type { Page } from '@playwright/test'
import { gtinCheckDigit } from '../../shared/scan'
import { wechatCode } from '../support/pay-codes'
import { DEMO, expect, openAs, test } from './fixtures'

/** The demo store's EAN-13 for demo product n (SP00012 is n = 1012). */
const barcode = (n: number) => {
  const body = '6901' + String(n).padStart(8, '0')
  return body + gtinCheckDigit(body)
}
const IBUPROFEN = barcode(1012) // 布洛芬缓释胶囊, 甲类, OTC, 19.80
let serial = 0
const traceCode = () => '8100001' + String(Date.now() % 1e7).padStart(7, '0') + String(++serial).padStart(6, '0')

/** A scanner is a keyboard that types fast and presses Enter. */
async function scan(page: Page, text: string) {
  const box = page.getByLabel('扫码 / 搜索')
  await expect(box).toBeFocused()
  await page.keyboard.type(text, { delay: 2 })
  await page.keyboard.press('Enter')
}

async function practiceQr(page: Page, member: string): Promise<string> {
  const button = page.locator(`[data-member="${member}"]`)
  await expect(button).toBeVisible()
  return (await button.getAttribute('data-qr'))!
}

async function openCounter(page: Page, shell: Parameters<typeof openAs>[1]) {
  await openAs(page, shell, DEMO.cashier)
  // The training catalog is imported in the background on a fresh install.
  await expect(async () => {
    await scan(page, IBUPROFEN)
    await expect(page.locator('tr[data-store-code="SP00012"]')).toBeVisible({ timeout: 500 })
  }).toPass({ timeout: 30_000 })
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog', { name: '整单取消' })).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(page.locator('tr[data-store-code]')).toHaveCount(0)
}

test('a whole insured sale by keyboard: member QR, items, trace codes, a relative’s quota, goods, settle, change', async ({ page, shell }) => {
  await openCounter(page, shell)
  const shot = (name: string) => page.screenshot({ path: test.info().outputPath(name) })

  await scan(page, await practiceQr(page, 'wangFather'))
  const member = page.getByTestId('member')
  await expect(member).toContainText('王*国')

  await scan(page, IBUPROFEN)
  const line = page.locator('tr[data-store-code="SP00012"]')
  await expect(line).toContainText('0/1 盒')
  await page.keyboard.press('F3')
  await page.keyboard.type('2')
  await page.keyboard.press('Enter')
  await expect(line).toContainText('2 盒')
  await expect(line).toContainText('0/2 盒')
  await expect(line).toContainText('甲')
  // Presettling without the boxes' codes is refused on the screen, with the reason.
  await page.keyboard.press('F8')
  await expect(page.getByRole('alert')).toHaveAttribute('data-error-code', 'TRACE_CODES_MISSING')
  await scan(page, traceCode())
  await scan(page, traceCode())
  await expect(line).toContainText('2/2 盒')

  // Ordinary goods by pinyin initials: 去屑洗发水.
  await page.keyboard.type('qxxfs')
  await expect(page.getByRole('option').first()).toContainText('去屑洗发水')
  await page.keyboard.press('Enter')
  await expect(page.locator('tr[data-store-code="SG00001"]')).toContainText('自费')
  await expect(page.getByTestId('cart-total')).toHaveText('¥54.60')
  await shot('1-cart.png')

  // Nationally nobody picks a relative: the card says the platform draws the quotas, and the split shows what it drew.
  await expect(page.getByTestId('mutual-aid-by-platform')).toBeVisible()
  await page.keyboard.press('F8')
  await expect(page.getByTestId('split-mutual-aid')).toBeVisible()
  await expect(page.getByTestId('sale-total')).toHaveText('¥54.60')
  const mutualAid = await page.getByTestId('split-mutual-aid').textContent()
  expect(mutualAid).not.toBe('¥0.00')
  const due = (await page.getByTestId('cash-due').textContent())!.replace('¥', '')
  await shot('2-presettled.png')

  await expect(page.getByLabel('实收')).toBeFocused()
  await page.keyboard.type('100')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('status', { name: '收款完成' })).toBeVisible()
  await expect(page.getByTestId('change')).toHaveText(`¥${(100 - Number(due)).toFixed(2)}`)
  // No printer is set up in a fresh install: the screen says the receipt was kept, not printed (B11).
  await expect(page.getByTestId('receipt-line')).toContainText('没有打印小票')
  // The platform tells no quota balance and names no relative.
  await expect(page.getByTestId('quota-left')).toHaveCount(0)
  await shot('3-settled.png')
})

test('a cash sale of goods without a member, and the errors a cashier meets', async ({ page, shell }) => {
  await openCounter(page, shell)
  // An unknown barcode (valid check digit) and a garbled QR code: explained, nothing added.
  await scan(page, barcode(99999))
  await expect(page.getByRole('alert')).toHaveAttribute('data-error-code', 'CATALOG_ITEM_NOT_FOUND')
  await scan(page, 'SBXECgarbled-code-that-nobody-issued-0000')
  await expect(page.getByRole('alert')).toHaveAttribute('data-error-code', /^PLATFORM_/)
  await expect(page.getByRole('alert')).toContainText('医保码')
  await page.screenshot({ path: test.info().outputPath('errors.png') })

  await page.keyboard.type('SG00002')
  await page.keyboard.press('Enter')
  await expect(page.locator('tr[data-store-code="SG00002"]')).toContainText('自费')
  await page.keyboard.press('F8')
  await expect(page.getByTestId('cash-due')).toHaveText('¥12.90')
  await page.keyboard.type('20')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('change')).toHaveText('¥7.10')
})

test('a settled sale is refunded from the sales list only with a manager’s PIN', async ({ page, shell }) => {
  await openCounter(page, shell)
  await scan(page, await practiceQr(page, 'liuWife'))
  await expect(page.getByTestId('member')).toContainText('刘*')
  await scan(page, IBUPROFEN)
  await scan(page, traceCode())
  await page.keyboard.press('F8')
  await expect(page.getByTestId('cash-due')).toBeVisible()
  await page.keyboard.press('F9')
  // Mobile payment is the customer's code, confirmed by the provider before anything is recorded (counter-review B10).
  await expect(page.getByRole('dialog', { name: '付款码收款（微信 / 支付宝）' })).toBeVisible()
  await page.keyboard.type(wechatCode())
  await page.keyboard.press('Enter')
  await expect(page.getByRole('status', { name: '收款完成' })).toBeVisible()

  await page.keyboard.press('F1')
  const history = page.getByRole('dialog', { name: '今日交易' })
  await expect(history).toContainText('已结算')
  await page.keyboard.press('Enter')
  // The sale's detail (with its refund keys) is on the screen before the cashier presses R.
  await expect(history.getByRole('button', { name: /整单退货/ })).toBeVisible()
  await page.keyboard.press('r')
  const refund = page.getByRole('dialog', { name: '整单退货' })
  await page.getByLabel('退货原因').fill('顾客不要了')
  await page.getByLabel('店长工号').fill(DEMO.cashier.id)
  await page.getByLabel('店长密码').fill(DEMO.cashier.pin)
  await page.keyboard.press('Enter')
  await expect(refund.getByRole('alert')).toHaveAttribute('data-error-code', 'APPROVAL_NOT_MANAGER')
  await page.getByLabel('店长工号').fill(DEMO.manager.id)
  await page.getByLabel('店长密码').fill(DEMO.manager.pin)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('status').filter({ hasText: '已退货' })).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('refunded.png') })
})

test('a relative’s quota ended after the customer was identified: the platform draws none, and the split says so before anything is charged', async ({
  page,
  shell,
}) => {
  await openCounter(page, shell)
  await scan(page, await practiceQr(page, 'wangFather'))
  await expect(page.getByTestId('mutual-aid-by-platform')).toBeVisible()
  await scan(page, IBUPROFEN)
  await expect(page.locator('tr[data-store-code="SP00012"]')).toContainText('0/1 盒')
  await scan(page, traceCode())

  // Meanwhile the daughter ends the arrangement in her national wallet.
  const status = await fetch(`${shell.origin}/api/call/journalStatus`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-pos-token': shell.token },
    body: '{}',
  }).then((r) => r.json() as Promise<{ value: { platform: { url: string } } }>)
  const ended = await fetch(`${status.value.platform.url.replace(/\/$/, '')}/sandbox/mutual-aid/MA0000000001`, { method: 'DELETE' })
  expect(ended.ok).toBe(true)

  // Nationally nobody named that relative: the platform just has no quota to draw, and the pre-settlement shows it.
  await page.keyboard.press('F8')
  await expect(page.getByTestId('split-mutual-aid')).toHaveText('¥0.00')
  await expect(page.getByRole('alert')).toHaveCount(0)
  await page.screenshot({ path: test.info().outputPath('quota-ended.png') })
})
