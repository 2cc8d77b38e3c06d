// lint as: electron/sandbox/domain/example.ts
// The simulator borrowing the product core's clock.
import type { Clock } from '../../core/clock'

export type SimClock = Clock
