import { rmSync } from 'node:fs'
import type { Db } from '../../base/store/database'
import type { KeyedStoreRow, storeLineReader } from './importStore'
import type { SourceBatch } from './importRun'
import { readLines } from './lines'
import { attachShadow, detachShadow, openShadow, shadowWriter } from './shadow-store'

/**
 * Rows per copied range: one statement each for the item, its trigram row and its gram row. The runner looks at
 * its time budget every 64 units, so a range this small keeps a transaction near its budget on a loaded machine.
 */
const RANGE_ROWS = 8
/** Ranges per batch (about 8,000 rows), the pace's unit of progress and cancellation. */
const RANGES_PER_BATCH = 1024
/** Of the progress bar: reading and keying the file, then copying it in. */
const READ_SHARE = 0.7

interface StagedHooks {
  generation: () => number
  /** The shadow file is whole: how to copy a range in, and how many items it holds. */
  ready: (copy: (range: readonly [number, number]) => void, count: number) => void
}

/**
 * The source of a staged store import (importStore.ts): first the whole file is read, checked and keyed into
 * the shadow file, yielding empty batches for progress and cancellation (no transaction of the core's
 * database is open meanwhile); then ranges of shadow rows for the runner to copy in its paced transactions.
 */
export async function* stagedStoreSource(
  db: Db,
  file: string,
  reader: ReturnType<typeof storeLineReader>,
  hooks: StagedHooks,
): AsyncGenerator<SourceBatch<readonly [number, number]>> {
  const shadowFile = `${db.name}.catalog-shadow`
  let shadow: Db | null = openShadow(shadowFile)
  try {
    const write = shadowWriter(shadow)
    let bytesTotal = 0
    let linesDone = 0
    for await (const batch of readLines(file)) {
      const items: KeyedStoreRow[] = []
      for (const line of batch.lines) {
        const item = reader.line(line)
        if (item) items.push(item)
      }
      write(items)
      bytesTotal = batch.bytesDone
      linesDone += batch.lines.length
      yield { lines: [], bytesDone: Math.floor(batch.bytesDone * READ_SHARE), linesDone }
    }
    reader.finish()
    shadow.close()
    shadow = null
    const { count, copy } = attachShadow(db, shadowFile, hooks.generation)
    hooks.ready(copy, count)
    const perBatch = RANGE_ROWS * RANGES_PER_BATCH
    for (let lo = 1; lo <= count; lo += perBatch) {
      const ranges: (readonly [number, number])[] = []
      for (let r = lo; r < Math.min(lo + perBatch, count + 1); r += RANGE_ROWS) ranges.push([r, Math.min(r + RANGE_ROWS, count + 1)])
      const done = Math.min(lo + perBatch - 1, count) / count
      yield { lines: ranges, bytesDone: Math.floor(bytesTotal * (READ_SHARE + (1 - READ_SHARE) * done)), linesDone }
    }
  } finally {
    shadow?.close()
    detachShadow(db)
    rmSync(shadowFile, { force: true })
  }
}
