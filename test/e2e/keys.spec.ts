import type { Page } from '@playwright/test'
import { gtinCheckDigit } from '../../shared/scan'
import { DEMO, expect, openAs, test } from './fixtures'

/** The app-wide key dispatcher (renderer/src/components/keys) seen from the keyboard, in Chromium. */

const barcode = (n: number) => {
  const body = '6901' + String(n).padStart(8, '0')
  return body + gtinCheckDigit(body)
}
const GOODS = barcode(1012) // 布洛芬缓释胶囊; without a member it is a plain cash sale

async function scan(page: Page, text: string) {
  const box = page.getByLabel('扫码 / 搜索')
  await expect(box).toBeFocused()
  await page.keyboard.type(text, { delay: 2 })
  await page.keyboard.press('Enter')
}

const shownKey = (page: Page, key: string) =>
  page.locator('.workspace-host:not([hidden]) .fkeys button').filter({ has: page.locator('kbd', { hasText: new RegExp(`^${key}$`) }) })
const line = (page: Page) => page.locator('tr[data-store-code="SP00012"]')

/** Signs in at the counter with one line in the cart (the training catalog loads in the background). */
async function counterWithALine(page: Page, shell: Parameters<typeof openAs>[1], user: { id: string; pin: string } = DEMO.cashier) {
  await openAs(page, shell, user)
  await expect(async () => {
    await scan(page, GOODS)
    await expect(line(page)).toBeVisible({ timeout: 500 })
  }).toPass({ timeout: 30_000 })
  await expect(line(page)).toHaveCount(1)
}

/**
 * Presses each key in turn in the very task that shows its button going from disabled to enabled: a
 * MutationObserver callback runs right after React's commit, before anything scheduled for later (such
 * as a passive effect re-binding keys). Answers, per key pressed, whether the screen took it (it calls
 * preventDefault when it does).
 */
function pressEachTheMomentEnabled(page: Page, keys: string[]) {
  return page.evaluate(
    (ks) =>
      new Promise<{ key: string; taken: boolean }[]>((resolve) => {
        const pressed: { key: string; taken: boolean }[] = []
        const button = (k: string) =>
          [...document.querySelectorAll<HTMLButtonElement>('.workspace-host:not([hidden]) .fkeys button')].find(
            (b) => b.querySelector('kbd')?.textContent === k,
          )
        let seenDisabled = false
        const check = () => {
          const k = ks[pressed.length]
          const b = button(k)
          if (!b) return
          if (b.disabled) return void (seenDisabled = true)
          if (!seenDisabled) return
          const e = new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true })
          ;(document.activeElement ?? document.body).dispatchEvent(e)
          pressed.push({ key: k, taken: e.defaultPrevented })
          seenDisabled = false
          // A key the screen did not take ends the run: what follows would wait for it forever.
          if (pressed.length === ks.length || !e.defaultPrevented) {
            observer.disconnect()
            resolve(pressed)
          } else check()
        }
        const observer = new MutationObserver(check)
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'] })
        check()
      }),
    keys,
  )
}

test('a function key pressed the instant it becomes enabled does its work', async ({ page, shell }) => {
  await counterWithALine(page, shell)
  // Esc asks before it clears a sale (counter-review B4); Enter confirms.
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog', { name: '整单取消' })).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(line(page)).toHaveCount(0)
  await expect(shownKey(page, 'F8')).toBeDisabled()

  // Scan, then pre-settle in the same moment the item's line enables F8, then pay (F10, nothing typed:
  // the amount due is taken) in the same moment the pre-settlement enables F10.
  const pressed = pressEachTheMomentEnabled(page, ['F8', 'F10'])
  await scan(page, GOODS)
  expect(await pressed).toEqual([
    { key: 'F8', taken: true },
    { key: 'F10', taken: true },
  ])
  await expect(page.getByRole('status', { name: '收款完成' })).toBeVisible()
  await expect(page.getByTestId('change')).toHaveText('¥0.00')
})

test('an open dialog takes Esc for itself and keeps the screen’s function keys from firing beneath it', async ({ page, shell }) => {
  await counterWithALine(page, shell)
  const qty = page.getByRole('dialog', { name: '修改数量' })

  await page.keyboard.press('F3')
  await expect(qty.getByLabel('数量')).toBeFocused()
  // F4 (remove the line) and F8 (pre-settle) belong to the screen beneath: nothing happens.
  await page.keyboard.press('F4')
  await page.keyboard.press('F8')
  await expect(qty).toBeVisible()
  await expect(line(page)).toHaveCount(1)
  await expect(page.getByTestId('cash-due')).toHaveCount(0)
  await page.screenshot({ path: test.info().outputPath('dialog-over-screen.png') })

  // Esc closes the dialog only: the screen's own Esc (clear the sale) does not run as well.
  await page.keyboard.press('Escape')
  await expect(qty).toHaveCount(0)
  await expect(line(page)).toHaveCount(1)

  // Esc still closes the dialog when the focus has left its fields (a click on its title).
  await page.keyboard.press('F3')
  await expect(qty.getByLabel('数量')).toBeFocused()
  await qty.getByRole('heading').click()
  await expect(qty.getByLabel('数量')).not.toBeFocused()
  await page.keyboard.press('Escape')
  await expect(qty).toHaveCount(0)
  await expect(line(page)).toHaveCount(1)

  // The sales list is a modal of the screen's own making (aria-modal): F2 must not open a second dialog.
  await page.keyboard.press('F1')
  const history = page.getByRole('dialog', { name: '今日交易' })
  await expect(history).toBeVisible()
  await page.keyboard.press('F2')
  await page.keyboard.press('F4')
  await expect(page.getByRole('dialog', { name: '识别顾客' })).toHaveCount(0)
  await expect(history).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(history).toHaveCount(0)
  await expect(line(page)).toHaveCount(1)

  // With no dialog open, the screen's Esc is its own again: it asks before it clears the sale.
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog', { name: '整单取消' })).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(line(page)).toHaveCount(0)
})

test('Alt+n switches tabs, typing still types, F11 locks, and hidden or locked screens never take a key', async ({ page, shell }) => {
  await counterWithALine(page, shell, DEMO.manager)
  const tab = (name: RegExp) => page.getByRole('navigation', { name: 'workspaces' }).getByRole('button', { name })
  await expect(tab(/收银/)).toHaveAttribute('aria-current', 'page')

  // Letters, digits and Enter-less typing reach the field; none of them is a shortcut.
  const box = page.getByLabel('扫码 / 搜索')
  await page.keyboard.type('r1p2')
  await expect(box).toHaveValue('r1p2')
  await box.fill('')

  // Alt+2 from inside the scan box switches to the second tab; the digit is not typed.
  await page.keyboard.press('Alt+2')
  await expect(tab(/门诊/)).toHaveAttribute('aria-current', 'page')
  await expect(box).toHaveValue('')
  // The counter is mounted but hidden: its F4 (remove the line) must not fire from another tab.
  await page.keyboard.press('F4')
  await page.keyboard.press('Alt+1')
  await expect(tab(/收银/)).toHaveAttribute('aria-current', 'page')
  await expect(line(page)).toHaveCount(1)

  // F11 locks the screen, and a locked screen's keys are dead until the PIN is typed again.
  await page.keyboard.press('F11')
  await expect(page.getByRole('heading', { name: '屏幕已锁定' })).toBeVisible()
  await page.keyboard.press('F4')
  await page.keyboard.press('Escape')
  await page.keyboard.press('Alt+2')
  await page.screenshot({ path: test.info().outputPath('locked.png') })
  await page.getByLabel('密码').fill(DEMO.manager.pin)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: '屏幕已锁定' })).toHaveCount(0)
  await expect(tab(/收银/)).toHaveAttribute('aria-current', 'page')
  await expect(line(page)).toHaveCount(1)
})
