import { DEMO, expect, openAs, test } from './fixtures'

test('a manager opts into advance mode with its limits; a bad limit is explained and nothing changes', async ({ page, shell }) => {
  await openAs(page, shell, DEMO.manager)
  await page.getByRole('button', { name: /店长/ }).first().click()
  // The workspace is fetched when first opened after a load: its keys work once its key bar is drawn.
  await expect(page.getByRole('button', { name: /待处理/ }).last()).toBeVisible()
  await page.keyboard.press('F6')
  const form = page.getByRole('form', { name: '离线收款方式' })
  await expect(form.getByRole('radio', { name: /押金模式/ })).toBeChecked()

  await form.getByRole('radio', { name: /垫付模式/ }).check()
  await form.getByLabel('单笔垫付上限（元）').fill('abc')
  await form.getByRole('button', { name: '保存' }).click()
  await expect(form.getByRole('alert')).toHaveAttribute('data-error-code', /INVALID_INPUT|OFFLINE_LIMITS_INVALID/)
  expect(
    (
      await (
        await fetch(`${shell.origin}/api/call/offlineSettings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-pos-token': shell.token },
          body: '{}',
        })
      ).json()
    ).value.mode,
  ).toBe('deposit')

  await form.getByLabel('单笔垫付上限（元）').fill('150')
  await form.getByLabel('离线销售最长时限（小时）').fill('12')
  await form.getByRole('button', { name: '保存' }).click()
  await expect(form.getByRole('status')).toContainText('垫付模式')
  await page.reload()
  await expect(page.locator('body[data-app-ready="true"]')).toBeAttached()
  await page.getByRole('button', { name: /店长/ }).first().click()
  // The workspace is fetched when first opened after a load: its keys work once its key bar is drawn.
  await expect(page.getByRole('button', { name: /待处理/ }).last()).toBeVisible()
  await page.keyboard.press('F6')
  const again = page.getByRole('form', { name: '离线收款方式' })
  await expect(again.getByRole('radio', { name: /垫付模式/ })).toBeChecked()
  await expect(again.getByLabel('单笔垫付上限（元）')).toHaveValue('150.00')
  await expect(again.getByLabel('离线销售最长时限（小时）')).toHaveValue('12')
  await page.screenshot({ path: test.info().outputPath('offline-settings.png') })
})
