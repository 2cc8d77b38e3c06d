// lint as: electron/core/platform/example.ts
// What the core may import: its own files, electron/base/, shared/ and the port.
import type { Clock } from '../../base/clock'
import { yuan } from '../../../shared/money/money'
import type { TrainingPlatform } from './training-port'

export const allowed: [Clock | null, typeof yuan, TrainingPlatform | null] = [null, yuan, null]
