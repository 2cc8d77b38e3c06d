// lint as: electron/core/platform/example.ts
// The core reaching into the simulator instead of through the TrainingPlatform port.
import { startSandbox } from '../../sandbox'

export const start = startSandbox
