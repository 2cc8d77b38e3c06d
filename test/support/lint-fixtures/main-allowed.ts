// lint as: electron/main/example.ts
// The Electron shell may import Electron and zod.
import { app } from 'electron'
import { z } from 'zod'

export const allowed = [app, z.string()]
