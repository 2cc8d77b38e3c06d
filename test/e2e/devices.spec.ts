import { DEMO, expect, openAs, test } from './fixtures'
import { startVirtualPrinter } from './virtual-printer'

test('a manager sets up the receipt printer and prints a test page that reads exactly as the preview', async ({ page, shell }) => {
  const printer = await startVirtualPrinter('58')
  try {
    await openAs(page, shell, DEMO.manager)
    await page.getByRole('button', { name: /设备/ }).first().click()
    const form = page.getByRole('form', { name: '小票打印机' })
    await expect(form).toBeVisible()
    await form.getByLabel('打印机地址').fill('127.0.0.1')
    await form.getByLabel('端口', { exact: true }).fill(String(printer.port))
    await form.getByLabel('纸宽').selectOption('58')
    await expect(form.getByText('GB18030', { exact: true })).toBeVisible()

    // A wrong port is explained beside the form and nothing is stored.
    await form.getByLabel('端口', { exact: true }).fill('70000')
    await page.keyboard.press('F9')
    await expect(form.getByRole('alert')).toContainText('端口应在 1-65535 之间')
    await form.getByLabel('端口', { exact: true }).fill(String(printer.port))

    await page.keyboard.press('F9')
    await expect(page.getByTestId('devices-notice')).toHaveText('打印机设置已保存')
    await expect(page.getByTestId('printer-status')).toHaveAttribute('data-state', 'online')

    await page.keyboard.press('F2')
    const preview = page.getByTestId('print-preview')
    await expect(preview).toContainText('打印测试')
    await expect.poll(() => printer.receipts().length).toBe(1)
    const paper = printer.receipts()[0]
    expect(await preview.textContent()).toBe(paper)
    await page.screenshot({ path: test.info().outputPath('devices-printer.png') })

    // The printer is switched off: the status says so once it is asked.
    await printer.stop()
    await page.keyboard.press('F5')
    await expect(page.getByTestId('printer-status')).toHaveAttribute('data-state', 'offline')
    await page.keyboard.press('F3')
    await expect(page.getByRole('alert').first()).toContainText('打印机未连接')

    // Settings survive a reload (they live in the core's database).
    await page.reload()
    await expect(page.locator('body[data-app-ready="true"]')).toBeAttached()
    await page.getByRole('button', { name: /设备/ }).first().click()
    await expect(page.getByRole('form', { name: '小票打印机' }).getByLabel('端口', { exact: true })).toHaveValue(String(printer.port))
  } finally {
    await printer.stop()
    printer.cleanup()
  }
})

test('a keyboard-wedge burst becomes a scan on the devices screen; typing by hand stays in the field', async ({ page, shell }) => {
  await openAs(page, shell, DEMO.manager)
  await page.getByRole('button', { name: /设备/ }).first().click()
  // Playwright's key events jitter on a loaded test machine far more than a scanner's do; a wider gap
  // (set through the form, as a manager would for a slow scanner) keeps the test about behaviour.
  const scannerForm = page.getByRole('form', { name: '扫码枪' })
  await scannerForm.getByLabel('按键间隔上限（毫秒）').fill('80')
  await page.keyboard.press('F10')
  await expect(page.getByTestId('devices-notice')).toHaveText('扫码设置已保存')
  const field = page.getByLabel('扫码测试')
  await field.click()

  // A person types, well over the scanner's gap.
  await page.keyboard.type('abc123', { delay: 250 })
  await expect(field).toHaveValue('abc123')
  await page.keyboard.press('Enter')

  // A scanner types a code in a few milliseconds and ends with Enter.
  await page.keyboard.type('4006381333931', { delay: 2 })
  await page.keyboard.press('Enter')
  const scans = page.getByTestId('last-scans')
  await expect(scans.locator('li').first()).toHaveAttribute('data-kind', 'barcode')
  await expect(scans.locator('li').first()).toContainText('4006381333931')
  await expect(field).toHaveValue('abc123')

  // A member's insurance QR: recognised, and never shown whole.
  const token = 'GJ7Q2mK9xPzR4tLw8NvB3cHd6YsF1aEu'
  await page.keyboard.type(token, { delay: 2 })
  await page.keyboard.press('Enter')
  await expect(scans.locator('li').first()).toHaveAttribute('data-kind', 'member-qr')
  await expect(scans).not.toContainText(token)
  await expect(scans.locator('li').first()).toContainText('GJ7Q******（32）')
  await expect(field).toHaveValue('abc123')

  // Typing carries on normally after scans.
  await page.keyboard.type('x', { delay: 250 })
  await expect(field).toHaveValue('abc123x')
  await page.screenshot({ path: test.info().outputPath('devices-scans.png') })
})
