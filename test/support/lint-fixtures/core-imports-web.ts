// lint as: electron/core/catalog/search/example.ts
// The core reaching up into the browser shell, from two folders down.
import { startWebShell } from '../../../web/server'

export const shell = startWebShell
