import { expect, it } from 'vitest'
import { formatReport, runChaos } from './run'
import { useTempDir } from '../support/temp-dir'

const tempDir = useTempDir()

/**
 * The small chaos run `npm test` keeps: two counters, ~30 sales, a fixed seed whose plan kills a
 * counter at a named journal step and fails an answer's disk write, and the clock-driven faults
 * (dropped and slow answers, outages, sandbox and counter SIGKILLs) at a faster pace than `npm run chaos`.
 */
it('thirty sales on two counters under kills, lost answers and a flapping platform: every invariant holds', async () => {
  const report = await runChaos({
    seed: 21,
    sales: 30,
    counters: 2,
    checkpoints: 1,
    dir: tempDir(),
    rates: { namedKill: 0.08, failWrite: 0.08 },
    faultGapMs: [600, 1800],
  })
  const text = formatReport(report)
  expect(report.broken, text).toEqual([])
  // What the seed's plan puts in the run happened (the clock-driven faults vary with the machine's pace).
  expect(report.kills.named, text).toBeGreaterThan(0)
  expect(report.answerWritesFailed, text).toBeGreaterThan(0)
  expect(report.reversed, text).toBeGreaterThan(0)
  expect(report.settled, text).toBeGreaterThanOrEqual(30)
  expect(report.clinicVisits * report.cashSales * report.refunded * report.partialReturns, text).toBeGreaterThan(0)
}, 180_000)
