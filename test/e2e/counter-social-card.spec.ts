import { IBUPROFEN, line, openCounter, scan, traceCode } from './counter-steps'
import { expect, test } from './fixtures'

/** 王建国 (demo person wangFather): the sandbox's social-security cards carry the person's ID number; card_sn is the card's own code. */
const WANG_CARD_NO = '410102195603152837'

test('the social-security card (03) by keyboard: F2, F3, number and card_sn typed by a wedge reader, settled; F4 without a reader is worded', async ({
  page,
  shell,
}) => {
  await openCounter(page, shell)
  const shot = (name: string) => page.screenshot({ path: test.info().outputPath(name) })
  const dialog = page.getByRole('dialog', { name: '识别顾客' })

  await page.keyboard.press('F2')
  await expect(dialog).toBeVisible()
  // Each credential has its key shown; F3 is the social-security card.
  await expect(dialog.getByRole('tab', { name: /F1.*医保码/ })).toHaveAttribute('aria-selected', 'true')
  await expect(dialog.getByRole('tab', { name: /F3.*社保卡/ })).toBeVisible()
  await page.keyboard.press('F3')
  await expect(dialog.getByRole('tab', { name: /F3.*社保卡/ })).toHaveAttribute('aria-selected', 'true')
  await expect(dialog.getByLabel('社保卡卡号')).toBeFocused()

  // Training mode reads QR codes through the gateway's decode service: there is no card reader to ask.
  await page.keyboard.press('F4')
  await expect(page.getByRole('alert')).toHaveAttribute('data-error-code', 'CARD_READER_NOT_CONFIGURED')
  await expect(page.getByRole('alert')).toContainText('凭证插件')
  await shot('1-no-reader.png')

  await page.keyboard.press('F2')
  await page.keyboard.press('F3')
  await page.keyboard.type(WANG_CARD_NO, { delay: 2 })
  await page.keyboard.press('Tab')
  await page.keyboard.type('sb0a1b2c', { delay: 2 })
  await shot('2-card-typed.png')
  await page.keyboard.press('Enter')
  await expect(dialog).toHaveCount(0)
  await expect(page.getByTestId('member')).toContainText('王*国')

  await scan(page, IBUPROFEN)
  await scan(page, traceCode())
  await expect(line(page)).toContainText('1/1 盒')
  await page.keyboard.press('F8')
  // No own account: the platform draws his daughter's quota, and the split shows it.
  await expect(page.getByTestId('split-mutual-aid')).toBeVisible()
  await expect(page.getByLabel('实收')).toBeFocused()
  await page.keyboard.type('100')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('status', { name: '收款完成' })).toBeVisible()
  await shot('3-settled.png')
})
