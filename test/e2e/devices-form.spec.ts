import { DEMO, expect, openAs, test } from './fixtures'

/** counter-review B18: typing into the printer form before its stored settings arrive is never overwritten. */
test('the printer form takes no typing until the stored settings are in, so nothing typed is overwritten', async ({ page, shell }) => {
  await openAs(page, shell, DEMO.manager)
  // A slow answer makes the race certain instead of one run in six.
  await page.route('**/api/call/getPrinterSettings', async (route) => {
    await new Promise((r) => setTimeout(r, 1500))
    await route.continue()
  })
  const answered = page.waitForResponse('**/api/call/getPrinterSettings')
  await page.getByRole('button', { name: /设备/ }).first().click()
  const host = page.getByRole('form', { name: '小票打印机' }).getByLabel('打印机地址')
  await host.fill('127.0.0.1')
  await answered
  // Two frames: the answer has been rendered.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
  await expect(host).toHaveValue('127.0.0.1')
})
