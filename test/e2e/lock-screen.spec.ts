import type { Page } from '@playwright/test'
import { gtinCheckDigit } from '../../shared/scan'
import { DEMO, expect, openAs, test } from './fixtures'

/** The lock screen (counter-review B5, security-review S3): nobody but the cashier or a manager gets past it, and the sale stays held. */

const body = '6901' + String(1012).padStart(8, '0')
const IBUPROFEN = body + gtinCheckDigit(body)
const shownLine = (page: Page) => page.locator('.workspace-host:not([hidden]) tr[data-store-code="SP00012"]')

test("a locked till cannot be signed out or taken by a colleague; a manager's sign-in holds the cashier's sale until they return", async ({ page, shell }) => {
  await openAs(page, shell, DEMO.cashier)
  await expect(async () => {
    await page.getByLabel('扫码 / 搜索').fill(IBUPROFEN)
    await page.keyboard.press('Enter')
    await expect(shownLine(page)).toBeVisible({ timeout: 500 })
  }).toPass({ timeout: 30_000 })

  await page.keyboard.press('F11')
  await expect(page.getByRole('heading', { name: '屏幕已锁定' })).toBeVisible()
  await expect(page.getByRole('button', { name: '退出登录' })).toHaveCount(0)

  // A colleague who is not a manager is refused, in the renderer's own words, and the screen stays locked.
  await page.getByRole('button', { name: '店长解锁' }).click()
  await page.getByLabel('店长工号').fill(DEMO.desk.id)
  await page.getByLabel('密码').fill(DEMO.desk.pin)
  await page.keyboard.press('Enter')
  await expect(page.locator('[data-error-code="SESSION_HELD"]')).toContainText('只有本人或店长可以解锁')
  await expect(page.getByTestId('signed-in-user')).toContainText('演示收银员')

  // A manager signs in over it; the cashier's cart is not on the manager's screen, and not gone.
  await page.getByLabel('店长工号').fill(DEMO.manager.id)
  await page.getByLabel('密码').fill(DEMO.manager.pin)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('signed-in-user')).toContainText('演示店长')
  await expect(page.locator('[data-workspace="counter"]')).toBeVisible()
  await expect(shownLine(page)).toHaveCount(0)

  await page.getByRole('button', { name: '退出登录' }).click()
  await page.getByLabel('工号').fill(DEMO.cashier.id)
  await page.getByLabel('密码').fill(DEMO.cashier.pin)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('signed-in-user')).toContainText('演示收银员')
  await expect(shownLine(page)).toHaveCount(1)
})
