// lint as: renderer/src/screens/counter/example.ts
// The renderer reaching past the contract into the core.
import { createCore } from '../../../../electron/core/core'

export const core = createCore
