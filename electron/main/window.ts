import { join } from 'node:path'
import { BrowserWindow, session, type WebContents } from 'electron'
import { CONTENT_SECURITY_POLICY } from '../../shared/csp'

/** Every hardening switch in one place, so the Electron test can check them all. */
export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
} as const

export function hardenSession(): void {
  const s = session.defaultSession
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  s.setPermissionCheckHandler(() => false)
  s.setDevicePermissionHandler(() => false)
  s.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })
}

/** Applied to every web contents the app ever creates: no navigation, no new windows, no webviews. */
export function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (e) => e.preventDefault())
  contents.on('will-redirect', (e) => e.preventDefault())
  contents.on('will-attach-webview', (e) => e.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}

export function createMainWindow(preloadDir: string, options: { devTools: boolean }): BrowserWindow {
  const win = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: '共济收银',
    autoHideMenuBar: true,
    webPreferences: { ...WEB_PREFERENCES, devTools: options.devTools, preload: join(preloadDir, 'index.cjs') },
  })
  win.once('ready-to-show', () => win.show())
  return win
}
