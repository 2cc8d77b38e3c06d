/**
 * How an import shares the database's single write lock with the core's own writes (a sale, the
 * audit trail) when it runs on another connection. SQLite's busy handler retries a waiting writer at
 * most every 100 ms; an importer that starts its next transaction the moment it commits the last one
 * starves it (measured: a sale's write waited 1-4 s, until the importer paused to read the file).
 * So a paced import commits after `budgetMs` of work and then leaves the lock free for `pauseMs`,
 * longer than the retry interval: a waiting write gets in within about budgetMs + pauseMs.
 */
export interface Pace {
  budgetMs: number
  pauseMs: number
}

/** On the core's own connection (tests, the bench's in-thread runs): nothing to share with. */
export const UNPACED: Pace = { budgetMs: Number.POSITIVE_INFINITY, pauseMs: 0 }

/** What the import worker uses. */
export const SHARED_WRITE_LOCK: Pace = { budgetMs: 100, pauseMs: 110 }

export function rest(pace: Pace): Promise<void> {
  return new Promise((resolve) => (pace.pauseMs > 0 ? setTimeout(resolve, pace.pauseMs) : setImmediate(resolve)))
}

export function deadline(pace: Pace): number {
  return pace.budgetMs === Number.POSITIVE_INFINITY ? Number.POSITIVE_INFINITY : performance.now() + pace.budgetMs
}
