// lint as: electron/base/example.ts
// The base floor reaching into the simulator.
import { startSandbox } from '../sandbox'

export const start = startSandbox
