import type { Page } from '@playwright/test'
import { wechatCode } from '../support/pay-codes'
import { startWebShellProcess, type WebShellProcess } from '../support/web-shell-process'
import { DEMO, expect, openAs, test as base } from './fixtures'

/**
 * 付款码 at the counter, by keyboard as a cashier works it (counter-review B10), against the training
 * payment provider over HTTP. The wait for a password is shortened to 4 s so a timeout fits a test.
 */
const test = base.extend<{ shell: WebShellProcess }>({
  // eslint-disable-next-line no-empty-pattern
  shell: async ({}, use) => {
    const shell = await startWebShellProcess({ env: { GONGJI_MOBILE_PAY_TIMING: '250,4000' } })
    await use(shell)
    await shell.stop()
  },
})

const DIALOG = '付款码收款（微信 / 支付宝）'

async function api<T>(shell: WebShellProcess, name: string, input: object = {}): Promise<T> {
  const res = await fetch(`${shell.origin}/api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-pos-token': shell.token },
    body: JSON.stringify(input),
  })
  const body = (await res.json()) as { ok: boolean; value: T; error?: unknown }
  if (!body.ok) throw new Error(`${name}: ${JSON.stringify(body.error)}`)
  return body.value
}

/** The training payment provider (electron/sandbox/pay/), found through the counter's status. */
async function provider(shell: WebShellProcess): Promise<string> {
  const status = await api<{ platform: { paymentsUrl: string | null } }>(shell, 'journalStatus')
  if (!status.platform.paymentsUrl) throw new Error('no training payment provider yet')
  return status.platform.paymentsUrl
}

async function payFaults(shell: WebShellProcess, faults: object) {
  const res = await fetch(`${await provider(shell)}/pay-sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  })
  expect(res.ok).toBe(true)
}

/** The provider's own books: the state of every trade the counter made. */
async function trades(shell: WebShellProcess): Promise<{ state: string; totalFee: number; refundedFee: number }[]> {
  return (await fetch(`${await provider(shell)}/pay-sandbox/trades`)).json() as never
}

/** A sale of two bottles of shampoo (15.00 each, ordinary goods) on screen, pre-settled, with F9 pressed. */
async function goodsSaleAtF9(page: Page, shell: WebShellProcess) {
  // A fresh install imports the training catalog in the background: slow on a loaded machine.
  test.setTimeout(150_000)
  await openAs(page, shell, DEMO.cashier)
  await expect(async () => {
    // Typed afresh each time: the same text filled again is no change, and would not search again.
    await page.getByLabel('扫码 / 搜索').fill('')
    await page.getByLabel('扫码 / 搜索').fill('qxxfs')
    await expect(page.getByRole('option').first()).toContainText('去屑洗发水', { timeout: 1_000 })
  }).toPass({ timeout: 90_000 })
  await page.keyboard.press('Enter')
  await expect(page.locator('tr[data-store-code="SG00001"]')).toBeVisible()
  await page.keyboard.press('F3')
  await page.keyboard.type('2')
  await page.keyboard.press('Enter')
  await page.keyboard.press('F8')
  await expect(page.getByTestId('cash-due')).toHaveText('¥30.00')
  await page.keyboard.press('F9')
  const dialog = page.getByRole('dialog', { name: DIALOG })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByTestId('mobile-amount')).toHaveText('¥30.00')
  await expect(dialog.getByLabel('顾客付款码')).toBeFocused()
  return dialog
}

/** A scanner is a keyboard that types fast and presses Enter. */
async function scanCode(page: Page, code: string) {
  await page.keyboard.type(code, { delay: 2 })
  await page.keyboard.press('Enter')
}

test('a payment code pays on the provider’s confirmation; a code of the wrong shape is refused in words', async ({ page, shell }) => {
  const dialog = await goodsSaleAtF9(page, shell)
  await scanCode(page, '6901234567892')
  await expect(dialog.getByRole('alert')).toHaveAttribute('data-error-code', 'PAY_CODE_INVALID')
  await expect(dialog.getByRole('alert')).toContainText('不是微信')
  await scanCode(page, wechatCode())
  await expect(page.getByRole('status', { name: '收款完成' })).toBeVisible()
  await expect(page.getByTestId('paid-mobile')).toHaveText('¥30.00')
  expect(await trades(shell)).toEqual([expect.objectContaining({ state: 'SUCCESS', totalFee: 3000 })])
  await page.screenshot({ path: test.info().outputPath('mobile-paid-1366x768.png') })
})

test('the customer enters a password: the screen says so while the counter asks, then shows the payment', async ({ page, shell }) => {
  const dialog = await goodsSaleAtF9(page, shell)
  await payFaults(shell, { userPayingPolls: 8 })
  // Training mode offers a practice code for a trainee without a phone.
  const practice = dialog.getByTestId('practice-pay-code')
  const code = (await practice.getAttribute('data-code'))!
  expect(code).toMatch(/^13\d{16}$/)
  await practice.click()
  await expect(dialog.getByLabel('顾客付款码')).toHaveValue(code)
  await expect(dialog.getByLabel('顾客付款码')).toBeFocused()
  await page.keyboard.press('Enter')
  const status = dialog.getByTestId('mobile-status')
  await expect(status).toHaveAttribute('data-state', 'paying')
  await expect(status).toContainText('等待顾客输入密码…')
  await page.screenshot({ path: test.info().outputPath('mobile-waiting-1366x768.png') })
  await expect(page.getByRole('status', { name: '收款完成' })).toBeVisible()
  await expect(page.getByTestId('paid-mobile')).toHaveText('¥30.00')
})

test('no password by the deadline cancels the payment; Esc cancels one in progress; cash still closes the sale', async ({ page, shell }) => {
  const dialog = await goodsSaleAtF9(page, shell)
  await payFaults(shell, { neverConfirm: true })
  await scanCode(page, wechatCode())
  const status = dialog.getByTestId('mobile-status')
  await expect(status).toHaveAttribute('data-state', 'paying')
  await expect(status).toHaveAttribute('data-state', 'cancelled', { timeout: 15_000 })
  await expect(status).toContainText('顾客未在时限内完成支付')
  await page.screenshot({ path: test.info().outputPath('mobile-timeout-1366x768.png') })

  await scanCode(page, wechatCode())
  await expect(status).toContainText('等待顾客输入密码…')
  await page.keyboard.press('Escape')
  await expect(status).toHaveAttribute('data-state', 'cancelled')
  await expect(status).toContainText('收银员取消')
  // Nothing was charged: the provider closed both trades.
  expect((await trades(shell)).map((t) => t.state)).toEqual(['REVOKED', 'REVOKED'])
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await page.keyboard.press('F10')
  await expect(page.getByRole('status', { name: '收款完成' })).toBeVisible()
  await expect(page.getByTestId('paid-tendered')).toHaveText('¥30.00')
})

test('a sale paid by code is refunded back to the wallet, and the cashier is told no cash goes back', async ({ page, shell }) => {
  await goodsSaleAtF9(page, shell)
  await scanCode(page, wechatCode())
  await expect(page.getByRole('status', { name: '收款完成' })).toBeVisible()

  await page.keyboard.press('F1')
  const history = page.getByRole('dialog', { name: '今日交易' })
  await expect(history).toContainText('已结算')
  await page.keyboard.press('Enter')
  await expect(history.getByRole('button', { name: /整单退货/ })).toBeVisible()
  await page.keyboard.press('r')
  await page.getByLabel('退货原因').fill('顾客不要了')
  await page.getByLabel('店长工号').fill(DEMO.manager.id)
  await page.getByLabel('店长密码').fill(DEMO.manager.pin)
  await page.keyboard.press('Enter')
  const notice = page.getByRole('status').filter({ hasText: '原路退回' })
  await expect(notice).toContainText('微信支付付款 30.00 元已原路退回顾客')
  await expect(notice).toContainText('无需退现金')
  expect(await trades(shell)).toEqual([expect.objectContaining({ state: 'REFUND', totalFee: 3000, refundedFee: 3000 })])
  await page.screenshot({ path: test.info().outputPath('mobile-refunded-1366x768.png') })
})
