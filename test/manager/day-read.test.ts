import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../electron/base/store/database'
import { DAY_READS } from '../../electron/core/ledger/day-reads'
import { setlTimeIso } from '../../electron/core/manager/day-events'
import { yuanText } from '../../electron/core/manager/totals'
import { coreMigrations } from '../../electron/core/store/migrations'
import { fromFen } from '../../shared/money/money'
import { useTempDir } from '../support/temp-dir'

const tempDir = useTempDir()

/** SQLite's plan for a statement, one line per step. */
function plan(file: string, sql: string): string {
  const db = openDatabase(file, coreMigrations)
  try {
    const params = (sql.match(/\?/g) ?? []).map(() => null)
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n')
  } finally {
    db.close()
  }
}

describe("the manager's day reads (issue 20: 5,000 sales at a glance in < 200 ms)", () => {
  it('finds each answered message’s sale in an index that holds every column the day shows, never in the ~2 KB sales row', () => {
    const p = plan(join(tempDir(), 'core.db'), DAY_READS.answered)
    expect(p).toMatch(/SEARCH m USING INDEX platform_messages_created/)
    expect(p).toMatch(/SEARCH s USING COVERING INDEX sales_day_view/)
  })

  it('finds the sales settled at the counter alone by day, not by walking every settled sale', () => {
    expect(plan(join(tempDir(), 'core.db'), DAY_READS.counterSales)).toMatch(
      /USING INDEX sales_counter_day \(training=\? AND created_at>\? AND created_at<\?\)/,
    )
    expect(plan(join(tempDir(), 'core.db'), DAY_READS.counterRefunds)).toMatch(
      /USING INDEX sales_state_updated \(state=\? AND updated_at>\? AND updated_at<\?\)/,
    )
  })

  it('writes amounts by integer arithmetic exactly as decimal.js would', () => {
    const samples = [0, -0, 1, -1, 9, 10, 99, 100, 101, -101, 1980, -1980, 123_456, -123_456, 999_999_999, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]
    for (let i = 0; i < 2000; i++) samples.push(Math.imul(i + 1, 2_654_435_761) % 2_000_000_000)
    for (const fen of samples) expect(yuanText(fen)).toBe(fromFen(fen).toFixed(2))
    expect(() => yuanText(0.5)).toThrow(RangeError)
  })

  it('dates a settlement by the platform’s CST wall time, across midnight and month ends', () => {
    for (const t of [
      '2026-11-20 00:00:00',
      '2026-11-20 07:59:59',
      '2026-11-20 08:00:00',
      '2026-03-01 03:04:05',
      '2024-02-29 23:59:59',
      '2027-01-01 00:00:00',
    ]) {
      expect(setlTimeIso(t)).toBe(new Date(`${t.replace(' ', 'T')}+08:00`).toISOString())
    }
    expect(setlTimeIso('2026-03-01 00:00:00')).toBe('2026-02-28T16:00:00.000Z')
  })
})
