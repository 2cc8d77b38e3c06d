import type { Page } from '@playwright/test'
import { IBUPROFEN, openCounter, practiceQr, traceCode } from './counter-steps'
import { expect, test } from './fixtures'

/**
 * English mode complete on the counter (B21, B25): through a whole insured sale and an error, the screen has
 * no Chinese left except names — people's, items', the store's — which the page marks translate="no".
 */

/** Visible text with Chinese characters outside names. */
async function chineseLeft(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement
      if (!el || !/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(n.textContent ?? '')) continue
      if (el.closest('[translate="no"], [hidden], script, style')) continue
      if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue
      found.push(`${el.tagName.toLowerCase()}.${el.className}: ${n.textContent!.trim()}`)
    }
    return found
  })
}

async function type(page: Page, text: string) {
  await page.keyboard.type(text, { delay: 2 })
  await page.keyboard.press('Enter')
}

test('English mode leaves no Chinese on the counter screen but names: card, cart, split, result, an error and the history', async ({ page, shell }) => {
  await openCounter(page, shell)
  await page.keyboard.press('F12')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  const shots: string[] = []
  const check = async (step: string) => {
    expect(await chineseLeft(page), step).toEqual([])
    const path = test.info().outputPath(`english-${shots.length + 1}-${step}.png`)
    await page.screenshot({ path })
    shots.push(path)
  }
  await check('empty')

  await expect(page.getByLabel('Scan / search')).toBeFocused()
  await type(page, await practiceQr(page, 'wangFather'))
  await expect(page.getByTestId('member')).toContainText('Urban and rural resident')
  await type(page, IBUPROFEN)
  await type(page, traceCode())
  await type(page, 'SG00001')
  await expect(page.locator('tr[data-store-code="SG00001"]')).toBeVisible()
  await check('cart')

  // An error the core words in Chinese reaches the screen in English.
  await type(page, '6901234567892')
  await expect(page.getByRole('alert')).toBeVisible()
  await check('error')

  await page.keyboard.press('F8')
  await expect(page.getByLabel('Tendered')).toBeFocused()
  await check('presettled')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('status', { name: 'Paid' })).toBeVisible()
  await check('settled')

  await page.keyboard.press('F1')
  await expect(page.getByRole('dialog', { name: "Today's sales" }).locator('tr').first()).toBeVisible()
  await check('history')
})
