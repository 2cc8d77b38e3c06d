// lint as: electron/core/example.ts
// The core reaching up into the Electron shell.
import { keychainBox } from '../main/secret-box'

export const box = keychainBox
