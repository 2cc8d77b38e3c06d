import { spawn } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/microsoft-edge']

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.GONGJI_BROWSER && existsSync(env.GONGJI_BROWSER)) return env.GONGJI_BROWSER
  return CANDIDATES.find((c) => existsSync(c))
}

export function hasDisplay(env: NodeJS.ProcessEnv = process.env): boolean {
  return process.platform === 'win32' || process.platform === 'darwin' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY)
}

/** Opens the counter as an app window (no tabs, no address bar) with a profile of its own. */
export function openAppWindow(browser: string, url: string, dataDir: string): void {
  const profile = join(dataDir, 'browser-profile')
  mkdirSync(profile, { recursive: true })
  const child = spawn(
    browser,
    [`--app=${url}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-background-networking', '--disable-sync', '--window-size=1366,768'],
    { stdio: 'ignore', detached: true },
  )
  child.unref()
}
