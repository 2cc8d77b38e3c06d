/**
 * `npm run chaos -- [--seed N] [--sales N] [--counters N]`: a thousand sales on two counters under
 * kills, lost answers and a flapping platform, checked sale by sale against the platform's ledger.
 * Exits 1 with the seed when any invariant breaks (docs/chaos.md).
 */
import { rmSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { formatReport, runChaos } from './run'

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    sales: { type: 'string', default: '1000' },
    counters: { type: 'string', default: '2' },
  },
})

function positive(name: string, text: string, max: number): number {
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1 || n > max) {
    process.stderr.write(`--${name} must be a whole number from 1 to ${max}, got ${text}\n`)
    process.exit(2)
  }
  return n
}

const seed = values.seed === undefined ? Math.floor(Math.random() * 1e9) : positive('seed', values.seed, 2 ** 31 - 1)
const sales = positive('sales', values.sales!, 1_000_000)
// Terminal numbers 01-98 (99 is the back office's, which reconciles).
const counters = positive('counters', values.counters!, 98)
process.stdout.write(`chaos: seed ${seed} (replay with --seed ${seed}), ${sales} sales on ${counters} counters\n`)
try {
  const report = await runChaos({ seed, sales, counters, log: (line) => process.stdout.write(`${line}\n`) })
  process.stdout.write(formatReport(report) + '\n')
  // A failed run keeps its databases (counters, sandbox) for a look; a passed one leaves nothing behind.
  if (report.broken.length === 0) rmSync(report.runDir, { recursive: true, force: true })
  else process.stdout.write(`the run's databases are kept in ${report.runDir}\n`)
  process.exit(report.broken.length === 0 ? 0 : 1)
} catch (e) {
  process.stderr.write(`${(e as Error).stack ?? e}\n`)
  process.stdout.write(
    `verdict: FAIL: the run itself failed with seed ${seed}; replay: npm run chaos -- --seed ${seed} --sales ${sales} --counters ${counters}\n`,
  )
  process.exit(1)
}
