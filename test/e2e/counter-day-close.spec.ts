import { traceCode } from './counter-steps'
import { asManager, DEMO, expect, openAs, test } from './fixtures'

/** The day close as the review met it (B13): a sale after the reconciliation, then 日结. */

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)

/** An insured sale settled through the platform: what the reconciliation covers. */
async function insuredSale(call: <T = unknown>(name: string, input: object) => Promise<T>) {
  await expect(async () => {
    await call('lookupStoreCode', { storeCode: 'SP00012' })
    expect((await call<{ recovering: boolean }>('journalStatus', {})).recovering).toBe(false)
  }).toPass({ timeout: 30_000 })
  const codes = await call<{ key: string; qrCode: string }[]>('trainingMembers', {})
  const member = await call<{ ref: string }>('identifyMember', { qrCode: codes.find((c) => c.key === 'liRetired')!.qrCode })
  const sale = await call<{ id: string }>('openSale', {
    memberRef: member.ref,
    lines: [{ storeCode: 'SP00012', qty: '1', traceCodes: [traceCode()] }],
    acctUsed: true,
  })
  await call('presettleSale', { saleId: sale.id })
  await call('settleSale', { saleId: sale.id, payment: { method: 'mobile' } })
}

test('B13: 日结 is on F5; refused as stale, the checklist no longer ticks the reconciliation, and after reconciling again F5 closes the day', async ({
  page,
  shell,
}) => {
  await asManager(shell, async (call) => {
    await insuredSale(call)
    await call('reconcileDay', { day: today() })
    // A sale after the reconciliation: the reconciliation no longer covers the day.
    await insuredSale(call)
  })
  await openAs(page, shell, DEMO.manager)
  await page.getByRole('button', { name: /店长/ }).first().click()
  await page.keyboard.press('F3')
  const check = page.getByTestId('check-recon')
  await expect(check).toHaveClass(/ok/)
  await expect(page.locator('.fkey:visible', { hasText: 'F5' })).toContainText('日结')
  await page.keyboard.press('F5')
  await expect(page.getByRole('alert')).toHaveAttribute('data-error-code', 'RECON_STALE')
  await expect(check).not.toHaveClass(/ok/)
  await expect(check).toContainText('需重新对账')
  await expect(check).not.toContainText('对账一致')
  await page.screenshot({ path: test.info().outputPath('day-close-stale.png') })

  await page.keyboard.press('F2')
  await page.keyboard.press('F5')
  await expect(page.getByText(/第 2 次对账/)).toBeVisible()
  await expect(page.getByTestId('recon-status')).toHaveAttribute('data-status', 'agreed')
  await page.keyboard.press('F3')
  await page.keyboard.press('F5')
  await expect(page.getByTestId('z-report')).toBeVisible()
})
