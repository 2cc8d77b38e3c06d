import { request as httpRequest } from 'node:http'
import { DEMO, expect, openAs, test } from './fixtures'

test('the main screen opens in Chinese and a settings change round-trips through SQLite', async ({ page, shell }) => {
  await page.goto(shell.launchUrl)
  await expect(page.locator('body[data-app-ready="true"]')).toBeAttached()
  await expect(page.getByRole('heading', { name: '共济收银' })).toBeVisible()
  await expect(page.getByText('培训模式').first()).toBeVisible()
  // The one-time launch code left the address bar once traded for the token.
  expect(page.url()).not.toContain('code=')
  // Training mode lists its practice users; one click signs in.
  await page.getByRole('button', { name: /演示店长/ }).click()
  await page.getByRole('button', { name: /设置/ }).first().click()
  await expect(page.getByRole('heading', { name: '终端信息' })).toBeVisible()

  await page.keyboard.press('F9')
  const name = page.getByLabel('机构名称')
  await expect(name).toBeFocused()
  await name.fill('仁济大药房（金水店）')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('status')).toHaveText('设置已保存')
  await expect(page.getByTestId('store-name')).toHaveText('仁济大药房（金水店）')

  // A reload reads it back from the database, not from the page's memory (the session lives in the core).
  await page.reload()
  await expect(page.locator('body[data-app-ready="true"]')).toBeAttached()
  await expect(page.getByTestId('store-name')).toHaveText('仁济大药房（金水店）')
  await page.screenshot({ path: test.info().outputPath('main-screen.png') })
})

test('an invalid setting is explained next to the form and nothing is stored', async ({ page, shell }) => {
  await openAs(page, shell)
  await page.getByRole('button', { name: /设置/ }).first().click()
  await page.keyboard.press('F9')
  await page.getByLabel('机构编码').fill('123')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('alert')).toContainText('机构编码应为 12 位字母或数字')
  await expect(page.getByRole('alert')).toHaveAttribute('data-error-code', 'INVALID_INPUT')
  await page.keyboard.press('Escape')
  await expect(page.getByText('P41010500218')).toBeVisible()
})

function rawPost(port: number, path: string, headers: Record<string, string>, body: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
      let data = ''
      res.on('data', (c: Buffer) => (data += c.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

test('calls with a wrong token, a wrong Host, a foreign Origin or a bad payload are refused and change nothing', async ({ page, shell }) => {
  await openAs(page, shell)
  const patch = JSON.stringify({ fixmedinsName: '被篡改的药房' })
  const json = { 'content-type': 'application/json' }

  const wrongToken = await rawPost(shell.port, '/api/call/updateSettings', { ...json, 'x-pos-token': 'f'.repeat(64) }, patch)
  expect(wrongToken.status).toBe(401)
  expect(JSON.parse(wrongToken.body).error.code).toBe('UNAUTHORIZED')

  const wrongHost = await rawPost(
    shell.port,
    '/api/call/updateSettings',
    { ...json, 'x-pos-token': shell.token, host: `attacker.example:${shell.port}` },
    patch,
  )
  expect(wrongHost.status).toBe(421)

  const foreignOrigin = await rawPost(shell.port, '/api/call/updateSettings', { ...json, 'x-pos-token': shell.token, origin: 'http://attacker.example' }, patch)
  expect(foreignOrigin.status).toBe(403)

  const badPayload = await rawPost(
    shell.port,
    '/api/call/updateSettings',
    { ...json, 'x-pos-token': shell.token },
    JSON.stringify({ fixmedinsName: 42, unknownField: true }),
  )
  expect(badPayload.status).toBe(400)
  expect(JSON.parse(badPayload.body).error.code).toBe('INVALID_INPUT')

  // From inside the page too: the browser's own fetch with a forged token is refused.
  const fromPage = await page.evaluate(async (body) => {
    const r = await fetch('/api/call/updateSettings', { method: 'POST', headers: { 'content-type': 'application/json', 'x-pos-token': 'nope' }, body })
    return r.status
  }, patch)
  expect(fromPage).toBe(401)

  await page.reload()
  await expect(page.locator('body[data-app-ready="true"]')).toBeAttached()
  await expect(page.getByTestId('store-name')).toHaveText('郑州共济大药房（金水店）')
})

test('the layout fits 1366x768 and English is one key away', async ({ page, shell }) => {
  await openAs(page, shell)
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)
  expect(overflow).toBe(false)
  await page.keyboard.press('F12')
  await expect(page.getByRole('heading', { name: 'Gongji POS' })).toBeVisible()
  await page
    .getByRole('button', { name: /Settings/ })
    .first()
    .click()
  await expect(page.getByRole('heading', { name: 'Terminal' })).toBeVisible()
})

test('a cashier is not offered the settings, and the core refuses them anyway', async ({ page, shell }) => {
  await openAs(page, shell, DEMO.cashier)
  await expect(page.locator('nav[aria-label="workspaces"]')).not.toContainText('设置')
  const res = await page.evaluate(async (token) => {
    const r = await fetch('/api/call/updateSettings', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pos-token': token },
      body: JSON.stringify({ fixmedinsName: '收银员改的' }),
    })
    return (await r.json()) as { ok: boolean; error?: { code: string } }
  }, shell.token)
  expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE' } })
})
