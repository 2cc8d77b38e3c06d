import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, ipcMain } from 'electron'
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, TransportErrorCodes, type CallResult } from '../../shared/contract'
import { createCore, type Core } from '../core/core'
import { trainingPlatform } from '../sandbox/training'
import { keychainBox } from './secret-box'
import { isAppFrame } from './frame-guard'
import { installWedgeHook } from './wedge-hook'
import { createMainWindow, hardenSession, lockDown } from './window'

// Tests and multi-store setups point the app at another data directory.
if (process.env.GONGJI_DATA_DIR) app.setPath('userData', process.env.GONGJI_DATA_DIR)
app.enableSandbox()

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  let core: Core | undefined
  let win: BrowserWindow | undefined
  const appUrl = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(__dirname, '../renderer/index.html')).href

  app.on('second-instance', () => {
    if (!win) return
    if (win.isMinimized()) win.restore()
    win.focus()
  })
  app.on('web-contents-created', (_e, contents) => lockDown(contents))

  void app.whenReady().then(async () => {
    hardenSession()
    const running = await createCore({ dataDir: app.getPath('userData'), shell: 'electron', version: app.getVersion() }, { secretBox: keychainBox(), training: trainingPlatform() })
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

    win = createMainWindow(join(__dirname, '../preload'))
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
