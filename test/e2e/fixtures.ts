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

/**
 * The provincial extension in which the store picks the relative (F7): the practice people's quotas are listed at the
 * counter and the clinic. Nationally the platform draws them itself; tests of the picker switch the extension on first.
 */
export async function enableStoreChosenRelative(shell: WebShellProcess) {
  await asManager(shell, (call) => call('updateSettings', { storeChosenRelative: true }))
}

/** Setup a test needs before the screen is used, done by the manager through the shell's HTTP API. */
export async function asManager(shell: WebShellProcess, work: (call: <T = unknown>(name: string, input: object) => Promise<T>) => Promise<unknown>) {
  const call = async <T = unknown>(name: string, input: object): Promise<T> => {
    const res = await fetch(`${shell.origin}/api/call/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pos-token': shell.token },
      body: JSON.stringify(input),
    })
    const body = (await res.json()) as { ok: boolean; value?: T; error?: unknown }
    if (!body.ok) throw new Error(`${name}: ${JSON.stringify(body.error)}`)
    return body.value as T
  }
  await call('login', { userId: DEMO.manager.id, pin: DEMO.manager.pin })
  await work(call)
  await call('logout', {})
}

export const DEMO = {
  cashier: { id: 'demo-cashier', pin: '111111' },
  desk: { id: 'demo-desk', pin: '222222' },
  manager: { id: 'demo-manager', pin: '888888' },
} as const

export { expect }
