/** One benchmark case: it measures something and reports named metrics. Cases live in bench/cases/. */
export interface BenchResult {
  metric: string
  value: number
  unit: string
  /** Target from an issue, for the report ("< 30 ms"). */
  target?: string
  note?: string
}

export interface BenchCase {
  name: string
  /** The issue that asked for it. */
  issue: number
  /**
   * The name of a file in docs/bench-notes/ (without `.md`) whose Markdown goes under the case's table: what a
   * profile found and what changed it. Kept out of the generated report so a run never loses what was written.
   */
  notes?: string
  run(): Promise<BenchResult[]>
}

/** Nearest-rank percentile of already collected samples (milliseconds or any unit). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('no samples')
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]
}

export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6
}
