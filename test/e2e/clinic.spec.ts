import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { startWebShellProcess, type WebShellProcess } from '../support/web-shell-process'
import { DEMO, enableStoreChosenRelative, expect, openAs, test } from './fixtures'

const CLINIC = { fixmedinsCode: 'H41010300057', fixmedinsName: '郑州市二七区仁和社区卫生服务站' }

/** A manager turns the install into the demo clinic through the contract, as the settings screen would. */
async function call(shell: WebShellProcess, name: string, input: unknown) {
  const res = await fetch(`${shell.origin}/api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-pos-token': shell.token },
    body: JSON.stringify(input),
  })
  const body = (await res.json()) as { ok: boolean; error?: { code: string } }
  if (!body.ok) throw new Error(`${name}: ${body.error?.code}`)
}

async function configureClinic(shell: WebShellProcess) {
  await call(shell, 'login', { userId: DEMO.manager.id, pin: DEMO.manager.pin })
  await call(shell, 'updateSettings', CLINIC)
  await call(shell, 'logout', {})
}

async function openDesk(page: Page, shell: WebShellProcess) {
  await openAs(page, shell, DEMO.desk)
  const tab = page.getByRole('button', { name: /门诊/ })
  if ((await tab.getAttribute('aria-current')) !== 'page') await tab.click()
  await expect(page.getByLabel('医保码 / 身份证号')).toBeFocused()
}

/** A scanner is a keyboard that types fast and presses Enter. */
async function scanPatient(page: Page, key: string) {
  const qr = (await page.locator(`[data-patient="${key}"]`).getAttribute('data-qr'))!
  await page.keyboard.press('F2')
  await expect(page.getByLabel('医保码 / 身份证号')).toBeFocused()
  await page.keyboard.type(qr, { delay: 1 })
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('patient')).toBeVisible()
}

async function pick(page: Page, box: string, query: string, option: RegExp) {
  await expect(page.getByLabel(box, { exact: true })).toBeFocused()
  await page.keyboard.type(query, { delay: 5 })
  await expect(page.getByRole('listbox', { name: box }).getByRole('option', { selected: true })).toContainText(option)
  await page.keyboard.press('Enter')
}

/** Registers the patient on the screen, diagnoses and adds fees by keyboard; leaves the visit diagnosed with its fees on the screen. */
async function registerUpToFees(page: Page, diagnosis: [string, RegExp], fees: (readonly [string, string, RegExp])[]) {
  await page.keyboard.press('F3')
  await expect(page.getByTestId('visit-stage')).toHaveAttribute('data-stage', 'registered')
  await pick(page, '诊断搜索', diagnosis[0], diagnosis[1])
  await page.keyboard.press('F5')
  await expect(page.getByTestId('visit-stage')).toHaveAttribute('data-stage', 'diagnosed')
  for (const [query, qty, name] of fees) {
    await page.getByLabel('数量').fill(qty)
    await page.getByLabel('项目搜索', { exact: true }).focus()
    // The training catalog is imported in the background on a fresh install.
    await expect(async () => {
      await page.getByLabel('项目搜索', { exact: true }).fill('')
      await page.keyboard.type(query, { delay: 5 })
      await expect(page.getByRole('listbox', { name: '项目搜索' }).getByRole('option', { selected: true })).toContainText(name, { timeout: 1000 })
    }).toPass({ timeout: 30_000 })
    await page.keyboard.press('Enter')
    // As the receptionist would: the line is on the screen before the next key.
    await expect(page.getByRole('table', { name: '费用' })).toContainText(name)
  }
}

async function visitUpToFees(page: Page, key: string, diagnosis: [string, RegExp], fees: (readonly [string, string, RegExp])[]) {
  await scanPatient(page, key)
  await registerUpToFees(page, diagnosis, fees)
}

test('a general outpatient visit by keyboard: retiree, pooled fund, own account, the son’s quota and cash for the consultation', async ({ page, shell }) => {
  await enableStoreChosenRelative(shell)
  await configureClinic(shell)
  await openDesk(page, shell)
  const shot = (name: string) => page.screenshot({ path: test.info().outputPath(name) })

  await visitUpToFees(
    page,
    'liRetired',
    ['jxshxdgr', /急性上呼吸道感染/],
    [
      ['FW0001', '1', /普通门诊诊查费/],
      ['SP00004', '3', /厄贝沙坦片/],
    ],
  )
  await page.keyboard.press('F3')
  const fees = page.getByRole('table', { name: '费用' })
  await expect(fees).toContainText('先行自付 9.75')
  await expect(fees).toContainText('范围内 87.75')
  // Shares as a person reads them (counter-review B21): a percentage, not "1.00".
  await expect(fees).toContainText(/自付比例 \d+%/)
  await expect(fees).not.toContainText(/自付比例 \d\.\d\d/)
  await shot('clinic-fees-uploaded.png')

  await page.keyboard.press('F8')
  await expect(page.getByTestId('visit-stage')).toHaveAttribute('data-stage', 'presettled')
  await expect(page.getByTestId('split-fund')).toHaveText('52.65')
  await expect(page.getByTestId('split-account')).toHaveText('30.00')
  await expect(page.getByTestId('split-mutual-aid')).toHaveText('14.85')
  await expect(page.getByTestId('split-cash')).toHaveText('10.00')
  await expect(page.getByLabel('实收现金')).toBeFocused()
  await page.keyboard.press('Control+a')
  await page.keyboard.type('20')
  await shot('clinic-presettled.png')
  await expect(page.getByRole('button', { name: /^F10/ })).toBeEnabled()
  await page.keyboard.press('F10')
  await expect(page.getByTestId('visit-stage')).toHaveAttribute('data-stage', 'settled')
  await expect(page.getByRole('status')).toContainText('找零 10.00')
  await expect(page.getByText(/^结算号 /)).toBeVisible()
  await expect(page.getByText('setl_id')).toHaveCount(0)
  await shot('clinic-settled.png')
})

test('a chronic-disease visit paid partly from the daughter’s quota, then refunded with a manager’s PIN', async ({ page, shell }) => {
  await enableStoreChosenRelative(shell)
  await configureClinic(shell)
  await openDesk(page, shell)
  const shot = (name: string) => page.screenshot({ path: test.info().outputPath(name) })

  await scanPatient(page, 'wangFather')
  await expect(page.getByTestId('patient')).toContainText('高血压（I10.x00）')
  // A certified patient is offered the chronic-disease visit type first.
  await expect(page.getByLabel('门诊类别').first()).toHaveValue('14')
  await registerUpToFees(
    page,
    ['yfxgxy', /原发性高血压/],
    [
      ['FW0001', '1', /普通门诊诊查费/],
      ['SP00001', '2', /硝苯地平/],
    ],
  )
  await page.keyboard.press('F8')
  await expect(page.getByTestId('split-fund')).toHaveText('22.20')
  await expect(page.getByTestId('split-mutual-aid')).toHaveText('14.80')
  await expect(page.getByTestId('split-cash')).toHaveText('10.00')
  await shot('clinic-chronic-presettled.png')
  await expect(page.getByRole('button', { name: /^F10/ })).toBeEnabled()
  await page.keyboard.press('F10')
  await expect(page.getByTestId('visit-stage')).toHaveAttribute('data-stage', 'settled')

  const dialog = page.getByRole('dialog', { name: '门诊退费（需店长批准）' })
  // The keys are read when pressed: once F4 shows 退费 enabled, one press opens the refund (F10 only ever takes money).
  // F10 takes money on both screens, never opens a refund (counter-review B14).
  await page.keyboard.press('F10')
  await expect(dialog).toHaveCount(0)
  await expect(page.getByRole('button', { name: /^F4\s*退费/ })).toBeEnabled()
  await page.keyboard.press('F4')
  await expect(dialog.getByLabel('店长工号')).toBeFocused()
  await page.keyboard.type(DEMO.desk.id)
  await page.keyboard.press('Tab')
  await page.keyboard.type(DEMO.desk.pin)
  await page.keyboard.press('Tab')
  await page.keyboard.type('患者要求退费')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('alert')).toHaveAttribute('data-error-code', 'APPROVAL_NOT_MANAGER')
  await dialog.getByLabel('店长工号').fill(DEMO.manager.id)
  await dialog.getByLabel('店长密码').fill(DEMO.manager.pin)
  await dialog.getByLabel('店长密码').press('Enter')
  await expect(page.getByTestId('visit-stage')).toHaveAttribute('data-stage', 'refunded')
  await expect(page.getByRole('status')).toContainText('已退费')
  // The cash to hand back is said, as at the counter (B19).
  await expect(page.getByRole('status')).toContainText('现金 10.00 元请退还患者')
  await shot('clinic-refunded.png')

  await page.keyboard.press('F1')
  const list = page.getByRole('dialog', { name: /今日就诊/ })
  await expect(list.locator('tr[data-stage="refunded"]')).toContainText('王*国')
  await shot('clinic-day-list.png')
})

test('a visit interrupted by a restart is found in the day’s list where it stopped; the credential was in memory only, so the patient is asked to identify again', async ({
  page,
}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gongji-clinic-e2e-'))
  let shell = await startWebShellProcess({ dataDir })
  try {
    await configureClinic(shell)
    await openDesk(page, shell)
    await visitUpToFees(page, 'wangFather', ['i10', /原发性高血压/], [['SP00001', '1', /硝苯地平/]])
    await page.keyboard.press('F3')
    await expect(page.getByRole('table', { name: '费用' })).toContainText('已上传')
    // The power goes: no clean shutdown.
    await shell.stop('SIGKILL')

    shell = await startWebShellProcess({ dataDir })
    await openDesk(page, shell)
    await page.keyboard.press('F1')
    const list = page.getByRole('dialog', { name: /今日就诊/ })
    await expect(list.locator('tr[data-stage="diagnosed"]')).toContainText('可继续')
    await page.screenshot({ path: test.info().outputPath('clinic-resume-list.png') })
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('visit-stage')).toHaveAttribute('data-stage', 'diagnosed')
    await expect(page.getByRole('table', { name: '费用' })).toContainText('硝苯地平')
    // The ecToken never reaches the disk (personal data at rest): nothing is sent, and the desk is told why.
    await page.keyboard.press('F8')
    await expect(page.getByText('MEMBER_EXPIRED')).toBeVisible()
    await expect(page.getByText(/重新识别顾客/)).toBeVisible()
    await expect(page.getByTestId('visit-stage')).toHaveAttribute('data-stage', 'diagnosed')
    await page.screenshot({ path: test.info().outputPath('clinic-resumed-identify-again.png') })
  } finally {
    await shell.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
