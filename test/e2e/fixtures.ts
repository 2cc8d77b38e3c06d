import { test as base } from '@playwright/test'
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

export { expect } from '@playwright/test'
