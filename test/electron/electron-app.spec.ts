import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { CALL_NAMES } from '../../shared/contract/names'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'

const require = createRequire(import.meta.url)

function electronPath(): string | undefined {
  try {
    const p = require('electron') as unknown
    return typeof p === 'string' && existsSync(p) ? p : undefined
  } catch {
    return undefined
  }
}

const binary = electronPath()

test.describe('Electron shell', () => {
  test.skip(!binary, 'Electron binary not installed on this machine (it could not be downloaded); the browser-shell tests cover the renderer and core')

  let dataDir: string
  test.beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'gongji-electron-'))
  })
  test.afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

  test('the window is hardened and the renderer has no Node', async () => {
    const app = await electron.launch({ executablePath: binary, args: ['.'], env: { ...process.env, GONGJI_DATA_DIR: dataDir } })
    const page = await app.firstWindow()
    await expect(page.locator('body[data-app-ready="true"]')).toBeAttached()
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const wc = BrowserWindow.getAllWindows()[0].webContents
      // getLastWebPreferences is what the renderer actually got.
      const p = (wc as unknown as { getLastWebPreferences(): Record<string, unknown> | null }).getLastWebPreferences() ?? {}
      return { contextIsolation: p.contextIsolation, sandbox: p.sandbox, nodeIntegration: p.nodeIntegration, webSecurity: p.webSecurity }
    })
    expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true })
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
    expect(await page.evaluate(() => Object.keys(window.pos ?? {}).sort())).toEqual([...CALL_NAMES, 'on'].sort())
    // Navigation away and new windows are refused.
    await page.evaluate(() => window.open('https://example.com'))
    expect(app.windows()).toHaveLength(1)
    await page.evaluate(() => (location.href = 'https://example.com'))
    await expect(page.locator('body[data-app-ready="true"]')).toBeAttached()
    await app.close()
  })

  test('smoke: a settings change round-trips through the core', async () => {
    const app = await electron.launch({ executablePath: binary, args: ['.'], env: { ...process.env, GONGJI_DATA_DIR: dataDir } })
    const page = await app.firstWindow()
    await expect(page.locator('body[data-app-ready="true"]')).toBeAttached()
    await page.getByRole('button', { name: /演示店长/ }).click()
    await page.getByRole('button', { name: /设置/ }).first().click()
    await page.keyboard.press('F9')
    await page.getByLabel('机构名称').fill('桌面版测试药房')
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('store-name')).toHaveText('桌面版测试药房')
    await app.close()
  })
})
