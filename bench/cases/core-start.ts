import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore } from '../../electron/core/core'
import { trainingPlatform } from '../../electron/sandbox/training'
import { elapsedMs, percentile, type BenchCase } from '../harness'

const RUNS = 30
const silent = () => {}

/** Time from nothing to a core that has answered its first call. */
async function coldStart(dataDir: string): Promise<number> {
  const start = process.hrtime.bigint()
  const core = await createCore({ dataDir, shell: 'web', version: 'bench' }, { training: trainingPlatform(), log: silent })
  const res = await core.dispatch('getSettings', {})
  const ms = elapsedMs(start)
  if (!res.ok) throw new Error(res.error.message)
  await core.close()
  return ms
}

export const cases: BenchCase[] = [
  {
    name: 'core cold start',
    issue: 2,
    async run() {
      const empty: number[] = []
      const migrated: number[] = []
      for (let i = 0; i < RUNS; i++) {
        const dir = mkdtempSync(join(tmpdir(), 'gongji-bench-'))
        empty.push(await coldStart(dir))
        migrated.push(await coldStart(dir))
        rmSync(dir, { recursive: true, force: true })
      }
      const r = (n: number) => Math.round(n * 100) / 100
      return [
        { metric: 'empty data dir (create + migrate) p50', value: r(percentile(empty, 50)), unit: 'ms' },
        { metric: 'empty data dir (create + migrate) p99', value: r(percentile(empty, 99)), unit: 'ms' },
        { metric: 'migrated database p50', value: r(percentile(migrated, 50)), unit: 'ms' },
        { metric: 'migrated database p99', value: r(percentile(migrated, 99)), unit: 'ms' },
      ]
    },
  },
]
