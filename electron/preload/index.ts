import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { CALL_NAMES, EVENT_NAMES, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/contract/names'

/**
 * Exactly the contract's calls on `window.pos`, and `on` for its events. Each call answers the
 * transport's result envelope ({ ok, value } or { ok, error }) because thrown errors lose their code
 * crossing the context bridge; the renderer unwraps it.
 */
const api: Record<string, unknown> = {}
for (const name of CALL_NAMES) {
  api[name] = (input: unknown) => ipcRenderer.invoke(IPC_CALL_CHANNEL, { name, input })
}
api.on = (event: string, listener: (payload: unknown) => void) => {
  if (!(EVENT_NAMES as readonly string[]).includes(event)) throw new Error(`unknown event ${event}`)
  const handler = (_e: IpcRendererEvent, message: { event: string; payload: unknown }) => {
    if (message.event === event) listener(message.payload)
  }
  ipcRenderer.on(IPC_EVENT_CHANNEL, handler)
  return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler)
}

contextBridge.exposeInMainWorld('pos', Object.freeze(api))
