import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { Db } from '../electron/base/store/database'
import type { CatalogService } from '../electron/core/catalog'
import { elapsedMs, percentile } from './harness'

const QUERIES = ['阿莫', 'amxl', '感冒', '6901', 'xst', '维生素']

/**
 * A busy counter while something heavy runs beside it (a catalog import): someone typing (a search every
 * 20 ms, on this thread and connection) and a sale's write now and then (every 250 ms). A write waiting for
 * the lock blocks this thread (better-sqlite3 is synchronous): the event-loop delay includes it.
 */
export function busyCounter(db: Db, catalog: CatalogService, limit?: number) {
  db.exec('CREATE TABLE IF NOT EXISTS bench_probe (at INTEGER NOT NULL) STRICT')
  const write = db.prepare('INSERT INTO bench_probe (at) VALUES (?)')
  const searchMs: number[] = []
  const writeMs: number[] = []
  const timed = (f: () => unknown) => {
    const t = process.hrtime.bigint()
    f()
    return elapsedMs(t)
  }
  const loop = monitorEventLoopDelay({ resolution: 5 })
  loop.enable()
  const query = () => QUERIES[searchMs.length % QUERIES.length]
  const typing = setInterval(() => searchMs.push(timed(() => catalog.search(query(), limit === undefined ? undefined : { limit }))), 20)
  const selling = setInterval(() => writeMs.push(timed(() => write.run(Date.now()))), 250)
  return {
    stop() {
      clearInterval(typing)
      clearInterval(selling)
      loop.disable()
      return {
        loopP99: loop.percentile(99) / 1e6,
        loopMax: loop.max / 1e6,
        searches: searchMs.length,
        searchP99: percentile(searchMs, 99),
        searchMax: Math.max(...searchMs),
        writes: writeMs.length,
        writeP99: percentile(writeMs, 99),
        writeMax: Math.max(...writeMs),
      }
    },
  }
}
