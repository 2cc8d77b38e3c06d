// lint as: electron/core/devices/example.ts
// The core runs under plain Node in tests and in the browser shell: no Electron.
import { app } from 'electron'

export const name = app.getName
