import { TerminalRegistry } from '../../electron/store-node/registry'
import { startWebShellProcess } from '../support/web-shell-process'
import { asManager, expect, openAs, test } from './fixtures'
import { clock, STORE, useStoreNode } from './store-node-rig'

/**
 * The manager's counters screen (门店 → F2 门店收银台): a manager at a paired counter adds a counter from the
 * screen, the code is shown large once, and a second shell pairs with it in 设置 → 门店节点 and gets its number.
 */
const store = useStoreNode()

test('the manager adds a counter from 门店收银台 and a second shell pairs with the code shown', async ({ context, page, shell }) => {
  test.setTimeout(120_000)
  const { code: first } = await new TerminalRegistry(store.pool(), clock).newPairingCode(STORE, '店长后台')
  await asManager(shell, (call) => call('pairWithStoreNode', { url: store.node().url, code: first }))

  await openAs(page, shell)
  await page.getByRole('button', { name: /^门店/ }).first().click()
  await page.keyboard.press('F2')
  const registry = page.getByTestId('store-registry')
  await expect(registry).toContainText('门店服务器')
  await expect(registry.getByTestId('counter-01')).toContainText('店长后台（本机）')
  await expect(registry.getByTestId('counter-01')).toContainText('正常')

  await page.getByLabel('新收银台名称').fill('二号收银台')
  await page.keyboard.press('F6')
  const shown = page.getByTestId('one-time-code')
  await expect(shown).toContainText('「二号收银台」的配对码')
  const code = (await page.getByTestId('one-time-code-value').textContent())!.trim()
  expect(code).toMatch(/^[0-9A-Z]{10}$/)
  await expect(page.locator('body')).toContainText('未使用的配对码：二号收银台')
  await page.screenshot({ path: test.info().outputPath('store-registry-code-1366x768.png') })

  const second = await startWebShellProcess()
  try {
    const pageB = await context.newPage()
    await openAs(pageB, second)
    await pageB.getByRole('button', { name: /设置/ }).first().click()
    const panel = pageB.getByTestId('store-node')
    await panel.getByLabel('门店服务器地址').fill(store.node().url)
    await panel.getByLabel('配对码').fill(code)
    await pageB.keyboard.press('F7')
    await expect(panel.getByTestId('store-node-ok')).toHaveText('已与门店服务器配对，本机收银台号为 02')

    // Closing the code forgets it on the screen; the registry lists the new counter under its number.
    await page.keyboard.press('Escape')
    await expect(shown).toHaveCount(0)
    await page.keyboard.press('F5')
    await expect(registry.getByTestId('counter-02')).toContainText('二号收银台')
    await expect(registry.getByTestId('counter-02')).toContainText('正常')
    await expect(page.locator('body')).not.toContainText('未使用的配对码')

    await page.keyboard.press('F3')
    await expect(page.getByRole('heading', { name: '门店告警' })).toBeVisible()
    await page.keyboard.press('F2')
    await page.screenshot({ path: test.info().outputPath('store-registry-1366x768.png') })
  } finally {
    await second.stop()
  }
})
