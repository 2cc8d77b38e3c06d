// lint as: electron/core/devices/example.ts
// The virtual printer's PNG renderer is a development dependency: the packaged app does not have it.
import { createCanvas } from '@napi-rs/canvas'

export const canvas = createCanvas
