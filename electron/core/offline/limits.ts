import { PosError } from '../../../shared/contract'
import { fromFen } from '../../../shared/money/money'
import type { OfflineLimits } from './offline-settings'

export type LimitRefusal = PosError<'OFFLINE_ADVANCE_OFF' | 'OFFLINE_LIMIT_PER_SALE' | 'OFFLINE_LIMIT_OUTSTANDING' | 'OFFLINE_LIMIT_AGE'>

const y = (fen: number) => fromFen(fen).toFixed(2)

/**
 * Whether the store may advance this sale's fund, account and quota part (domain rule 5): only in
 * advance mode, and only within the per-sale, total-outstanding and maximum-age limits. The refusal
 * names the limit and the numbers, so the cashier can tell the customer (deposit mode stays possible).
 */
export function advanceRefusal(input: {
  limits: OfflineLimits
  advancedFen: number
  outstandingFen: number
  oldestWaitingAt: string | null
  now: Date
}): LimitRefusal | null {
  const { limits } = input
  if (limits.mode !== 'advance') return new PosError('OFFLINE_ADVANCE_OFF')
  if (input.advancedFen > limits.perSaleFen) {
    return new PosError('OFFLINE_LIMIT_PER_SALE', { advanced: y(input.advancedFen), limit: y(limits.perSaleFen) })
  }
  if (input.outstandingFen + input.advancedFen > limits.outstandingFen) {
    return new PosError('OFFLINE_LIMIT_OUTSTANDING', { outstanding: y(input.outstandingFen), advanced: y(input.advancedFen), limit: y(limits.outstandingFen) })
  }
  if (input.oldestWaitingAt) {
    const hours = (input.now.getTime() - new Date(input.oldestWaitingAt).getTime()) / 3_600_000
    if (hours > limits.maxAgeHours) {
      return new PosError('OFFLINE_LIMIT_AGE', { hours: Math.floor(hours), maxHours: limits.maxAgeHours })
    }
  }
  return null
}
