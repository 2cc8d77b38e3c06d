import { TerminalRegistry } from '../../electron/store-node/registry'
import { startWebShellProcess, type WebShellProcess } from '../support/web-shell-process'
import { IBUPROFEN, line, openCounter, practiceQr, scan, traceCode } from './counter-steps'
import { asManager, DEMO, expect, openAs, test } from './fixtures'
import { clock, STORE, useStoreNode } from './store-node-rig'
import type { Page } from '@playwright/test'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Issue 15's three shells: two counters and the store manager, each its own browser shell (own core, own data),
 * paired with one store node on a private PostgreSQL cluster, all on one training platform. A sale of counter A is
 * refunded at counter B from B's screen and A's list says so; a box sold at A is refused at B in words naming A;
 * the manager's 门店 tab shows every counter of the store.
 */
const store = useStoreNode()

/** A counter's cart with one box of ibuprofen, its code scanned, for a practice member. */
async function boxInCart(page: Page, shell: WebShellProcess, member: string, box: string) {
  await openCounter(page, shell)
  await scan(page, await practiceQr(page, member))
  await scan(page, IBUPROFEN)
  await expect(line(page)).toContainText('0/1 盒')
  await scan(page, box)
  await expect(line(page)).toContainText('1/1 盒')
}

async function pair(shell: WebShellProcess, label: string) {
  const { code } = await new TerminalRegistry(store.pool(), clock).newPairingCode(STORE, label)
  await asManager(shell, (call) => call('pairWithStoreNode', { url: store.node().url, code }))
}

test('two counters and the manager: A’s sale refunded at B; a box sold at A refused at B; the manager sees every counter', async ({ context, page }) => {
  test.setTimeout(240_000)
  // One training platform for the three shells, as one real platform serves a store's counters.
  const env = { GONGJI_TRAINING_PLATFORM_DIR: mkdtempSync(join(tmpdir(), 'gongji-e2e-platform-')) }
  const others: WebShellProcess[] = []
  try {
    const shell = await startWebShellProcess({ env })
    others.push(shell)
    const shellB = await startWebShellProcess({ env })
    others.push(shellB)
    const shellM = await startWebShellProcess({ env })
    others.push(shellM)
    await pair(shell, '一号收银台')
    await pair(shellB, '二号收银台')
    await pair(shellM, '店长后台')

    // Counter A sells one box by its code; the screen says the code was checked across the store.
    const box = traceCode()
    await boxInCart(page, shell, 'wangFather', box)
    await page.keyboard.press('F8')
    await expect(page.getByLabel('实收')).toBeFocused()
    await expect(page.getByTestId('trace-checked')).toHaveAttribute('data-checked', 'store')
    await page.keyboard.type('100')
    await page.keyboard.press('Enter')
    await expect(page.getByRole('status', { name: '收款完成' })).toBeVisible()

    // The receipt's code is the sale's id: read here from what A pushed to the store node (A's page stays signed in).
    const sold = { id: '' }
    await expect(async () => {
      const r = await store.pool().query<{ pk: string }>("SELECT pk FROM counter_rows WHERE tbl = 'sales' AND body->>'state' = 'settled'")
      expect(r.rows).toHaveLength(1)
      sold.id = r.rows[0].pk
    }).toPass({ timeout: 30_000 })

    // Counter B, another shell: the same box is refused before anything is written, in words naming counter 01.
    const pageB = await context.newPage()
    await boxInCart(pageB, shellB, 'liRetired', box)
    await expect(async () => {
      await pageB.keyboard.press('F8')
      await expect(pageB.getByRole('alert')).toHaveAttribute('data-error-code', 'TRACE_CODE_SOLD', { timeout: 2_000 })
    }).toPass({ timeout: 30_000 })
    await expect(pageB.getByRole('alert')).toContainText('01 号收银台')
    await pageB.screenshot({ path: test.info().outputPath('b-box-sold-at-a-1366x768.png') })

    // At B the customer brings back A's sale: F1, then S finds it by the receipt's code; a manager's PIN refunds it here.
    await pageB.keyboard.press('F1')
    await pageB.keyboard.press('s')
    await pageB.getByRole('textbox', { name: /小票码/ }).fill(sold.id)
    await pageB.keyboard.press('Enter')
    await expect(pageB.getByTestId('store-sale-chosen')).toContainText('01 号收银台（一号收银台）')
    await pageB.getByLabel('退货原因').fill('顾客退货')
    await pageB.getByLabel('店长工号').fill(DEMO.manager.id)
    await pageB.getByLabel('店长密码').fill(DEMO.manager.pin)
    await pageB.keyboard.press('Enter')
    await expect(pageB.getByRole('status')).toContainText('已退货（01 号收银台售出）')
    await pageB.screenshot({ path: test.info().outputPath('b-refunded-a-sale-1366x768.png') })

    // A is told: its sales list says where its sale was refunded, and offers no refund of it.
    await expect(async () => {
      await page.keyboard.press('Escape')
      await page.keyboard.press('F1')
      await expect(page.getByTestId('refunded-elsewhere-tag')).toContainText('已在 02 号收银台退货', { timeout: 2_000 })
    }).toPass({ timeout: 60_000 })

    // The manager's shell: the 门店 tab lists the store's three counters with how far each reported.
    const pageM = await context.newPage()
    await openAs(pageM, shellM)
    await pageM.getByRole('button', { name: /^门店/ }).first().click()
    const terminals = pageM.getByTestId('store-terminals')
    await expect(async () => {
      await pageM.keyboard.press('F5')
      await expect(terminals).toContainText('T01 一号收银台', { timeout: 2_000 })
    }).toPass({ timeout: 30_000 })
    await expect(terminals).toContainText('T02 二号收银台')
    await expect(terminals).toContainText('T03 店长后台')
    await pageM.screenshot({ path: test.info().outputPath('manager-store-counters-1366x768.png') })
  } finally {
    for (const s of others) await s.stop()
  }
})
