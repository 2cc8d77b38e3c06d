import { TerminalRegistry } from '../../electron/store-node/registry'
import { expect, openAs, test } from './fixtures'
import { clock, STORE, useStoreNode } from './store-node-rig'

const store = useStoreNode()

test('a manager pairs the counter under 设置 → 门店节点 and sees its number and status', async ({ page, shell }) => {
  const registry = new TerminalRegistry(store.pool(), clock)
  await openAs(page, shell)
  await page.getByRole('button', { name: /设置/ }).first().click()
  const terminalNo = page.getByRole('region', { name: '终端信息' }).locator('dl div').filter({ hasText: '收银台号' }).locator('dd')
  await expect(terminalNo).toHaveText('未设置（报文暂用 01）')
  const panel = page.getByTestId('store-node')
  await expect(panel).toContainText('未配对（单机收银）')
  await expect(panel.getByRole('button', { name: 'F7 配对' })).toBeVisible()

  // A wrong code: refused in words, nothing paired.
  await panel.getByLabel('门店服务器地址').fill(store.node().url)
  await panel.getByLabel('配对码').fill('ZZZZZZZZZZ')
  await page.keyboard.press('F7')
  await expect(panel.getByRole('alert')).toContainText('配对码不对')
  await expect(panel).toContainText('未配对')

  const { code } = await registry.newPairingCode(STORE, '一号收银台')
  await panel.getByLabel('配对码').fill(code)
  await page.keyboard.press('F7')
  await expect(panel.getByTestId('store-node-ok')).toHaveText('已与门店服务器配对，本机收银台号为 01')
  await expect(panel).toContainText('已配对')
  await expect(panel).toContainText(store.node().url)
  // The terminal facts above show the number pairing set.
  await expect(terminalNo).toHaveText('01')

  await page.keyboard.press('F8')
  await expect(panel).toContainText('等待上传')
  await expect(async () => {
    await page.keyboard.press('F8')
    await expect(panel.locator('dl div').filter({ hasText: '等待上传' }).locator('dd')).toHaveText('0 条', { timeout: 1000 })
  }).toPass({ timeout: 30_000 })

  await page.keyboard.press('F12')
  await expect(panel).toContainText('Counter number (allocated by the store server)')
})

test('the manager’s 门店 tab: how to pair on a standalone counter, then every counter’s watermark and the store day', async ({ page, shell }) => {
  await openAs(page, shell)
  const storeTab = page.getByRole('button', { name: /^门店/ }).first()
  await storeTab.click()
  await expect(page.getByTestId('store-not-paired')).toContainText('没有与门店服务器配对')

  await page.getByRole('button', { name: /设置/ }).first().click()
  const panel = page.getByTestId('store-node')
  await panel.getByLabel('门店服务器地址').fill(store.node().url)
  await panel.getByLabel('配对码').fill((await new TerminalRegistry(store.pool(), clock).newPairingCode(STORE, '店长后台')).code)
  await page.keyboard.press('F7')
  await expect(panel).toContainText('已配对')

  await storeTab.click()
  await page.keyboard.press('F5')
  const terminals = page.getByTestId('store-terminals')
  await expect(terminals).toContainText('店长后台')
  await expect(terminals).toContainText('已上报')
  await expect(page.getByTestId('store-figures')).toContainText('门店当日（全部收银台）')
  // Training mode has no store reconciliation: said in words, nothing sent.
  await page.keyboard.press('F6')
  await expect(page.getByRole('alert')).toContainText('培训模式下没有门店对账')
})
