import { asManager, DEMO, expect, openAs, test } from './fixtures'

/** A box's 追溯码 (20 digits), unique to this run. */
const TRACE_CODE = '8100003' + String(Date.now() % 1e7).padStart(7, '0') + '000001'

type Quote = { estimate: { fund: string; policyRegion: string | null; policySource: string | null } }

/**
 * 异地政策 on screen (issue 15): the offlinePolicies/setOfflinePolicy calls had no screen. A manager edits
 * Zhengzhou's resident rule in the manager workspace (F6): a bad ratio is explained beside the field and nothing
 * is saved; a good one is saved, and the offline estimate of a resident's pharmacy sale uses it.
 */
test('a manager enters a region policy by keyboard; a bad ratio is explained beside it; the offline estimate uses the saved one', async ({ page, shell }) => {
  test.setTimeout(120_000)
  // 王建国 (a Zhengzhou resident) seen online, a box of amlodipine on a prescription (甲类, 20.00) in his open sale. Under the training
  // terms residents' pooling covers clinic visits (11) only, so the estimate gives the fund nothing.
  let saleId = ''
  const quote = async () => {
    let q!: Quote
    await asManager(shell, async (call) => {
      q = await call<Quote>('quoteOffline', { saleId })
    })
    return q
  }
  // The demo catalog is imported in the background at the first start.
  await expect(async () => {
    await asManager(shell, async (call) => {
      const codes = await call<{ key: string; qrCode: string }[]>('trainingMembers', {})
      const member = await call<{ ref: string }>('identifyMember', { qrCode: codes.find((c) => c.key === 'wangFather')!.qrCode })
      saleId = (
        await call<{ id: string }>('openSale', {
          memberRef: member.ref,
          lines: [{ storeCode: 'SP00002', qty: '1', traceCodes: [TRACE_CODE] }],
          acctUsed: true,
          prescription: { rxno: 'RX20261205009', external: false, pharmacist: '李药师' },
        })
      ).id
    })
  }).toPass({ timeout: 60_000 })
  const before = await quote()
  expect(before.estimate).toMatchObject({ policyRegion: '410100', policySource: 'training', fund: '0.00' })

  await openAs(page, shell, DEMO.manager)
  await page.getByRole('button', { name: /店长/ }).first().click()
  await page.keyboard.press('F6')
  const editor = page.getByRole('region', { name: '异地政策（离线预估用）' })
  await expect(editor.locator('tr[data-admdvs="410100"]')).toContainText('培训预置')
  await editor.locator('tr[data-admdvs="410100"]').getByRole('button', { name: '编辑' }).click()
  await expect(editor.getByLabel('参保地区划（6 位）')).toHaveValue('410100')

  // The third rule is residents' 11: it now covers pharmacy purchases (41) too, at a ratio typed wrong first.
  const resident = editor.locator('fieldset[data-rule="2"]')
  await resident.getByLabel('医疗类别（逗号分隔，如 11,41）').fill('11,41')
  await resident.getByLabel('报销比例（0–1）').fill('1.5')
  await resident.getByLabel('报销比例（0–1）').press('Enter')
  await expect(resident.getByRole('alert')).toHaveText('比例须在 0 与 1 之间、至多 4 位小数')
  await expect(resident.getByLabel('报销比例（0–1）')).toHaveAttribute('aria-invalid', 'true')
  // Nothing was sent: the region keeps the training terms.
  await expect(editor.locator('tr[data-admdvs="410100"]')).toContainText('培训预置')

  await resident.getByLabel('报销比例（0–1）').fill('0.5')
  await resident.getByLabel('报销比例（0–1）').press('Enter')
  await expect(editor.getByRole('status')).toContainText('已保存 410100 的政策')
  await expect(editor.locator('tr[data-admdvs="410100"]')).toContainText('店长录入')
  await page.screenshot({ path: test.info().outputPath('region-policy.png') })

  // The estimate now takes the manager's terms: half of 20.00 from the pooling fund.
  const after = await quote()
  expect(after.estimate).toMatchObject({ policyRegion: '410100', policySource: 'manager', fund: '10.00' })
})
