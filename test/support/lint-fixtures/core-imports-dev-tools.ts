// lint as: electron/core/devices/example.ts
// The product core reaching for a development instrument that never ships.
import { VirtualPrinter } from '../../../dev-tools/virtual-printer/server'

export const printer = VirtualPrinter
