import { test as base, expect, type Page } from '@playwright/test'
import { startWebShellProcess, type WebShellProcess } from '../support/web-shell-process'

/** Each test gets its own core process and a fresh data directory. */
export const test = base.extend<{ shell: WebShellProcess }>({
  // eslint-disable-next-line no-empty-pattern
  shell: async ({}, use) => {
    const shell = await startWebShellProcess()
    await use(shell)
    await shell.stop()
  },
})

/** Opens the app and signs in as one of training mode's practice users, by keyboard as a cashier would. */
export async function openAs(page: Page, shell: WebShellProcess, user: { id: string; pin: string } = DEMO.manager) {
  await page.goto(shell.launchUrl)
  await expect(page.locator('body[data-app-ready="true"]')).toBeAttached()
  await page.getByLabel('工号').fill(user.id)
  await page.getByLabel('密码').fill(user.pin)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('signed-in-user')).toBeVisible()
}

export const DEMO = {
  cashier: { id: 'demo-cashier', pin: '111111' },
  desk: { id: 'demo-desk', pin: '222222' },
  manager: { id: 'demo-manager', pin: '888888' },
} as const

export { expect }
