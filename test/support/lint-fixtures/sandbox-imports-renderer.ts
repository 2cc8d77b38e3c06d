// lint as: electron/sandbox/example.ts
// The simulator reaching the renderer: outside shared/ and electron/base/.
import { pos } from '../../renderer/src/api/pos'

export const api = pos
