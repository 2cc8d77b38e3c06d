import type { Page } from '@playwright/test'
import { gtinCheckDigit } from '../../shared/scan'
import { DEMO, expect, openAs } from './fixtures'

/** The counter's steps as a cashier takes them, shared by the counter's specs. */

const body = '6901' + String(1012).padStart(8, '0')
export const IBUPROFEN = body + gtinCheckDigit(body) // 布洛芬缓释胶囊, 甲类, 19.80
const rxBody = '6901' + String(1002).padStart(8, '0')
export const AMLODIPINE = rxBody + gtinCheckDigit(rxBody) // 苯磺酸氨氯地平片, prescription only, 20.00
let serial = 0
export const traceCode = () => '8200001' + String(Date.now() % 1e7).padStart(7, '0') + String(++serial).padStart(6, '0')
export const line = (page: Page) => page.locator('tr[data-store-code="SP00012"]')

export async function scan(page: Page, text: string) {
  await expect(page.getByLabel('扫码 / 搜索')).toBeFocused()
  await page.keyboard.type(text, { delay: 2 })
  await page.keyboard.press('Enter')
}

export const practiceQr = async (page: Page, member: string) => (await page.locator(`[data-member="${member}"]`).getAttribute('data-qr'))!

export async function openCounter(page: Page, shell: Parameters<typeof openAs>[1]) {
  await openAs(page, shell, DEMO.cashier)
  // The training catalog is imported in the background on a fresh install.
  await expect(async () => {
    await page.getByLabel('扫码 / 搜索').fill(IBUPROFEN)
    await page.keyboard.press('Enter')
    await expect(line(page)).toBeVisible({ timeout: 500 })
  }).toPass({ timeout: 30_000 })
  await page.keyboard.press('F4')
  await expect(line(page)).toHaveCount(0)
}
