// lint as: shared/example.ts
// shared/ reaching into the renderer.
import { pos } from '../renderer/src/api/pos'

export const api = pos
