import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TerminalRegistry } from '../../electron/store-node/registry'
import { startWebShellProcess, type WebShellProcess } from '../support/web-shell-process'
import { asManager, expect, openAs, test } from './fixtures'
import { clock, STORE, useStoreNode } from './store-node-rig'

/**
 * Issue 15, the store manager's screens: two counters paired with one store node. At counter A the manager adds a
 * cashier (with a 医保操作员 code) under 设置 → 用户 and renames the institution under F9; each save says it was
 * published with its change number, then that this counter applied it; a picked item's price is changed for the
 * store from 商品目录. The new cashier signs in at counter B,
 * which got the user by its own pull, and sees no 设置 tab.
 */
const store = useStoreNode()

async function pair(shell: WebShellProcess, label: string) {
  const { code } = await new TerminalRegistry(store.pool(), clock).newPairingCode(STORE, label)
  await asManager(shell, (call) => call('pairWithStoreNode', { url: store.node().url, code }))
}

test('the manager publishes a cashier and the store settings from the usual screens; the cashier signs in at the other counter', async ({ context, page }) => {
  test.setTimeout(180_000)
  const env = { GONGJI_TRAINING_PLATFORM_DIR: mkdtempSync(join(tmpdir(), 'gongji-e2e-platform-')) }
  const shells: WebShellProcess[] = []
  try {
    const shellA = await startWebShellProcess({ env })
    shells.push(shellA)
    const shellB = await startWebShellProcess({ env })
    shells.push(shellB)
    await pair(shellA, '一号收银台')
    await pair(shellB, '二号收银台')

    await openAs(page, shellA)
    await page.getByRole('button', { name: /设置/ }).first().click()
    const users = page.getByRole('region', { name: '用户' })
    await expect(users.getByTestId('master-publish')).toContainText('保存时发布到门店服务器')
    await users.locator('input[name="user-id"]').fill('c11')
    await users.locator('input[name="user-name"]').fill('周收银')
    await users.locator('input[name="user-pin"]').fill('121212')
    await users.locator('input[name="user-opter-code"]').fill('OP0011')
    await users.getByRole('button', { name: '保存用户' }).click()
    const published = users.getByTestId('master-published')
    await expect(published).toContainText(/已发布到门店服务器，各收银台将在下次同步时更新（变更号 \d+）/)
    await expect(published).toHaveAttribute('data-applied', 'yes')
    await expect(published).toContainText('本收银台已于')
    await expect(users.locator('tr', { hasText: 'c11' })).toContainText('OP0011 周收银')

    // F9: the store's settings are editable for the manager; saving publishes them and this counter applies them.
    await page.keyboard.press('F9')
    await expect(page.getByTestId('master-publish').first()).toContainText('门店模式')
    await page.locator('input[name="fixmedinsName"]').fill('郑州共济大药房（门店统一）')
    await page.keyboard.press('Enter')
    const settingsPublished = page.getByTestId('master-published').first()
    await expect(settingsPublished).toHaveAttribute('data-applied', 'yes')
    await expect(page.getByRole('region', { name: '终端信息' })).toContainText('郑州共济大药房（门店统一）')
    await page.screenshot({ path: test.info().outputPath('a-published-1366x768.png') })
    await page.keyboard.press('F12')
    await expect(settingsPublished).toContainText('Published to the store server; every counter updates at its next sync')
    await page.keyboard.press('F12')

    // 商品目录: a picked item's price for the whole store, from now; the item shows it once this counter applied it.
    await page
      .getByRole('button', { name: /商品目录/ })
      .first()
      .click()
    await page.keyboard.press('F2')
    const search = page.getByRole('combobox', { name: '商品查找' })
    await search.pressSequentially('SG00001')
    await expect(page.getByRole('option').first()).toContainText('SG00001')
    await search.press('Enter')
    const price = page.getByTestId('price-change')
    await price.locator('input[name="price-new"]').fill('8.80')
    await price.getByRole('button', { name: '发布调价' }).click()
    await expect(price.getByTestId('master-published')).toHaveAttribute('data-applied', 'yes')
    await expect(page.locator('[data-picked="SG00001"]')).toContainText('¥8.80')

    // Counter B: the cashier published at A signs in once B's own pull brought them, and has no 设置 tab.
    const pageB = await context.newPage()
    await expect(async () => {
      await openAs(pageB, shellB, { id: 'c11', pin: '121212' })
    }).toPass({ timeout: 40_000 })
    await expect(pageB.getByRole('button', { name: /设置/ })).toHaveCount(0)
  } finally {
    for (const s of shells) await s.stop()
  }
})
