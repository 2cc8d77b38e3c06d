import { join } from 'node:path'
import { app, BrowserWindow, ipcMain, Menu } from 'electron'
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, TransportErrorCodes, type CallResult } from '../../shared/contract'
import { createCore, type Core } from '../core/core'
import { APP_ENTRY_URL, rendererUrl } from './app-protocol'
import { registerAppScheme, serveRenderer } from './app-scheme'
import { debugSwitchesIn } from './debug-switches'
import { trainingPlatform } from '../sandbox/training'
import { keychainBox } from './secret-box'
import { isAppFrame } from './frame-guard'
import { installWedgeHook } from './wedge-hook'
import { createMainWindow, hardenSession, lockDown } from './window'

// Tests and multi-store setups point the app at another data directory.
if (process.env.GONGJI_DATA_DIR) app.setPath('userData', process.env.GONGJI_DATA_DIR)
app.enableSandbox()
registerAppScheme()
// A packaged app is production: no DevTools, no reload, no page but its own, no debugger attached.
const development = !app.isPackaged
if (!development && debugSwitchesIn(process.argv).length > 0) app.exit(1)

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  let core: Core | undefined
  let win: BrowserWindow | undefined
  const appUrl = rendererUrl(app.isPackaged, process.env)

  app.on('second-instance', () => {
    if (!win) return
    if (win.isMinimized()) win.restore()
    win.focus()
  })
  app.on('web-contents-created', (_e, contents) => lockDown(contents))

  void app.whenReady().then(async () => {
    hardenSession()
    // The default menu carries Toggle Developer Tools and Reload with their shortcuts.
    if (!development) Menu.setApplicationMenu(null)
    if (appUrl === APP_ENTRY_URL) serveRenderer(join(__dirname, '../renderer'))
    const running = await createCore(
      { dataDir: app.getPath('userData'), shell: 'electron', version: app.getVersion() },
      { secretBox: keychainBox(), training: trainingPlatform() },
    )
    core = running

    ipcMain.handle(IPC_CALL_CHANNEL, async (event, message: unknown): Promise<CallResult> => {
      const frame = event.senderFrame
      if (!win || event.sender !== win.webContents || !isAppFrame(frame?.url, frame === event.sender.mainFrame, appUrl)) {
        return { ok: false, error: { code: 'FORBIDDEN_FRAME', message: TransportErrorCodes.FORBIDDEN_FRAME } }
      }
      const { name, input } = (message ?? {}) as { name?: unknown; input?: unknown }
      return running.dispatch(typeof name === 'string' ? name : '', input)
    })
    running.events.subscribe((event, payload) => win?.webContents.send(IPC_EVENT_CHANNEL, { event, payload }))

    win = createMainWindow(join(__dirname, '../preload'), { devTools: development })
    // Keyboard-wedge scanners: a burst recognised as a scan never reaches the focused field.
    installWedgeHook(win.webContents, running.wedge)
    void win.loadURL(appUrl)
  })

  // Let calls in flight (a settlement being written) finish before the process goes.
  let closed = false
  app.on('before-quit', (e) => {
    if (closed || !core) return
    e.preventDefault()
    void core.close().finally(() => {
      closed = true
      app.quit()
    })
  })
  app.on('window-all-closed', () => app.quit())
}
