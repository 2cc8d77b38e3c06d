// lint as: shared/money/example.ts
// shared/ reaching into electron/.
import { systemClock } from '../../electron/base/clock'

export const clock = systemClock
