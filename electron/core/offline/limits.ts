import { fromFen } from '../../../shared/money/money'
import type { OfflineLimits } from './offline-settings'

export interface LimitRefusal {
  /** _STORE and _SHARE: the store's one pool across its counters (sync/offline-pool.ts). */
  code: 'OFFLINE_ADVANCE_OFF' | 'OFFLINE_LIMIT_PER_SALE' | 'OFFLINE_LIMIT_OUTSTANDING' | 'OFFLINE_LIMIT_AGE' | 'OFFLINE_LIMIT_STORE' | 'OFFLINE_LIMIT_SHARE'
  message: string
}

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
  if (limits.mode !== 'advance') return { code: 'OFFLINE_ADVANCE_OFF', message: '本店未开启离线垫付（由店长在离线设置中开启），请按押金模式收取全款' }
  if (input.advancedFen > limits.perSaleFen) {
    return {
      code: 'OFFLINE_LIMIT_PER_SALE',
      message: `本单需垫付 ${y(input.advancedFen)} 元，超过单笔垫付上限 ${y(limits.perSaleFen)} 元：请按押金模式收取全款`,
    }
  }
  if (input.outstandingFen + input.advancedFen > limits.outstandingFen) {
    return {
      code: 'OFFLINE_LIMIT_OUTSTANDING',
      message: `离线垫付未收回合计 ${y(input.outstandingFen)} 元，加上本单 ${y(input.advancedFen)} 元将超过上限 ${y(limits.outstandingFen)} 元：请按押金模式收取全款`,
    }
  }
  if (input.oldestWaitingAt) {
    const hours = (input.now.getTime() - new Date(input.oldestWaitingAt).getTime()) / 3_600_000
    if (hours > limits.maxAgeHours) {
      return {
        code: 'OFFLINE_LIMIT_AGE',
        message: `最早一笔离线销售已等待 ${Math.floor(hours)} 小时，超过 ${limits.maxAgeHours} 小时上限：暂停垫付，请按押金模式收取全款并尽快恢复联网`,
      }
    }
  }
  return null
}
