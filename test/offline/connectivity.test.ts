import { describe, expect, it } from 'vitest'
import { Connectivity, evidenceOf } from '../../electron/core/offline/connectivity'
import { advanceRefusal } from '../../electron/core/offline/limits'
import { DEFAULT_LIMITS, type OfflineLimits } from '../../electron/core/offline/offline-settings'
import { PlatformError } from '../../electron/core/platform/errors'

const clock = { now: () => new Date() }
const fail = { ok: false as const, why: '医保平台无法连接' }
const ok = { ok: true as const, ms: 20 }
const slow = { ok: true as const, ms: 9_000 }

describe('connectivity from evidence', () => {
  it('never flaps on one slow or lost answer, goes offline on failures in a row, and back on good answers in a row', () => {
    const c = new Connectivity(clock)
    const seen: string[] = []
    c.onChange((v) => seen.push(v.state))
    c.report(slow)
    c.report(fail)
    c.report(ok)
    c.report(slow)
    c.report(ok)
    expect(c.current).toBe('online')
    expect(seen).toEqual([])
    c.report(fail)
    c.report(fail)
    expect(c.current).toBe('degraded')
    c.report(fail)
    expect(c.current).toBe('offline')
    expect(c.view().reason).toBe('医保平台无法连接')
    c.report(ok)
    expect(c.current).toBe('offline')
    c.report(fail)
    c.report(ok)
    expect(c.current).toBe('offline')
    c.report(ok)
    expect(c.current).toBe('online')
    expect(seen).toEqual(['degraded', 'offline', 'online'])
  })

  it('calls a line slow only after several slow answers in a row', () => {
    const c = new Connectivity(clock)
    c.report(slow)
    c.report(slow)
    expect(c.current).toBe('online')
    c.report(slow)
    expect(c.current).toBe('degraded')
    c.report(ok)
    c.report(ok)
    expect(c.current).toBe('online')
  })

  it("counts a platform's refusal as an answer, but its 'busy, not processed' and lost answers as failures", () => {
    expect(evidenceOf(new PlatformError('refused', '共济关系已解除', '2102'), 10).ok).toBe(true)
    expect(evidenceOf(new PlatformError('refused', '平台繁忙，请稍后重试（未处理）', '2102'), 10).ok).toBe(false)
    expect(evidenceOf(new PlatformError('refused', '医保平台网关拒绝了签名（HTTP 401）'), 10).ok).toBe(false)
    expect(evidenceOf(new PlatformError('lost', '结果未知'), 10).ok).toBe(false)
    expect(evidenceOf(new PlatformError('unreachable', 'ECONNREFUSED'), 10).ok).toBe(false)
  })
})

describe('advance-mode limits', () => {
  const now = new Date('2026-11-23T08:00:00Z')
  const advance: OfflineLimits = { ...DEFAULT_LIMITS, mode: 'advance' }
  const check = (advancedFen: number, outstandingFen = 0, oldestWaitingAt: string | null = null, limits = advance) =>
    advanceRefusal({ limits, advancedFen, outstandingFen, oldestWaitingAt, now })?.code ?? null

  it('refuses in deposit mode, and each limit refuses exactly at its edge', () => {
    expect(check(100, 0, null, DEFAULT_LIMITS)).toBe('OFFLINE_ADVANCE_OFF')
    expect(check(20_000)).toBeNull()
    expect(check(20_001)).toBe('OFFLINE_LIMIT_PER_SALE')
    expect(check(10_000, 490_000)).toBeNull()
    expect(check(10_001, 490_000)).toBe('OFFLINE_LIMIT_OUTSTANDING')
    expect(check(100, 0, new Date(now.getTime() - 24 * 3_600_000).toISOString())).toBeNull()
    expect(check(100, 0, new Date(now.getTime() - 24 * 3_600_000 - 60_000).toISOString())).toBe('OFFLINE_LIMIT_AGE')
  })
})
