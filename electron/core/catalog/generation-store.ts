import type { Db } from '../../base/store/database'
import type { CatalogName, CatalogStatus } from '../../../shared/catalog/schemas'
import { deadline, rest, UNPACED, type Pace } from './pace'
import { TRAINING_SOURCE_PREFIX } from './trainingSeed'

/**
 * Which import of each catalog is live. Rows of every other generation (a running import's staging
 * rows, a replaced catalog, a failed or crashed import) are invisible to search and purged in small
 * transactions, so neither staging nor purging holds the database's write lock for long.
 */

/** The live generations of both national lists, for joins; absent lists are null. */
export function activeNationalGenerations(db: Db): [number | null, number | null] {
  return [activeGeneration(db, 'national_1301'), activeGeneration(db, 'national_1306')]
}

export function activeGeneration(db: Db, catalog: CatalogName): number | null {
  const row = db.prepare("SELECT generation FROM catalog_import WHERE catalog = ? AND status = 'active'").get(catalog) as { generation: number } | undefined
  return row?.generation ?? null
}

export function beginStaging(db: Db, catalog: CatalogName, sourceName: string, now: Date): number {
  const info = db
    .prepare("INSERT INTO catalog_import (catalog, status, source_name, started_at) VALUES (?, 'staging', ?, ?)")
    .run(catalog, sourceName, now.toISOString())
  return Number(info.lastInsertRowid)
}

/** The swap: one short transaction, after which searches see only the new generation. */
export function activate(db: Db, catalog: CatalogName, generation: number, items: number, now: Date): void {
  db.transaction(() => {
    const at = now.toISOString()
    db.prepare("UPDATE catalog_import SET status = 'retired' WHERE catalog = ? AND status = 'active'").run(catalog)
    const changed = db
      .prepare("UPDATE catalog_import SET status = 'active', item_count = ?, finished_at = ? WHERE generation = ? AND status = 'staging'")
      .run(items, at, generation).changes
    if (changed !== 1) throw new Error(`catalog generation ${generation} is not staging`)
  }).immediate()
}

export function markFailed(db: Db, generation: number, code: string, message: string, now: Date): void {
  db.prepare("UPDATE catalog_import SET status = 'failed', finished_at = ?, error_code = ?, error_message = ? WHERE generation = ? AND status = 'staging'").run(
    now.toISOString(),
    code,
    message,
    generation,
  )
}

const PURGE_CHUNK = 5000
/** National rows are cheap to delete; a paced purge takes them in smaller bites. */
const PACED_NATIONAL_CHUNK = 1000

function purgeNational(db: Db, generation: number, pace: Pace): number {
  const chunk = pace.budgetMs === Number.POSITIVE_INFINITY ? PURGE_CHUNK : PACED_NATIONAL_CHUNK
  return db
    .prepare(
      `DELETE FROM national_item WHERE generation = ? AND hilist_code IN
         (SELECT hilist_code FROM national_item WHERE generation = ? LIMIT ${chunk})`,
    )
    .run(generation, generation).changes
}

/** Store rows carry two FTS entries each: deleted one by one until the chunk or the time budget ends. */
function purgeStore(db: Db, generation: number, until: number): number {
  const ids = db.prepare(`SELECT id FROM store_item WHERE generation = ? LIMIT ${PURGE_CHUNK}`).pluck().all(generation) as number[]
  const text = db.prepare('DELETE FROM store_item_text WHERE rowid = ?')
  const grams = db.prepare('DELETE FROM store_item_grams WHERE rowid = ?')
  const item = db.prepare('DELETE FROM store_item WHERE id = ?')
  let done = 0
  for (const id of ids) {
    text.run(id)
    grams.run(id)
    item.run(id)
    if ((++done & 63) === 0 && performance.now() > until) break
  }
  return done
}

/** Every generation of `catalog` that is neither active nor `keep` (a running import's own). */
function deadGenerations(db: Db, catalog: CatalogName, keep: number | null): number[] {
  return db
    .prepare("SELECT generation FROM catalog_import WHERE catalog = ? AND status <> 'active' AND generation IS NOT ?")
    .pluck()
    .all(catalog, keep) as number[]
}

/** Deletes the rows of dead generations, a chunk per transaction, yielding (or pausing) between chunks. */
export async function purgeDead(db: Db, catalog: CatalogName, keep: number | null = null, pace: Pace = UNPACED): Promise<void> {
  for (const generation of deadGenerations(db, catalog, keep)) {
    await purgeGeneration(db, catalog, generation, pace)
  }
}

export async function purgeGeneration(db: Db, catalog: CatalogName, generation: number, pace: Pace = UNPACED): Promise<void> {
  const purgeChunk = db.transaction(() => (catalog === 'store' ? purgeStore(db, generation, deadline(pace)) : purgeNational(db, generation, pace)))
  while (purgeChunk.immediate() > 0) await rest(pace)
  // A crashed import leaves 'staging': it can never become active once its rows are gone.
  db.prepare(
    "UPDATE catalog_import SET status = 'failed', error_code = coalesce(error_code, 'CATALOG_INTERRUPTED') WHERE generation = ? AND status = 'staging'",
  ).run(generation)
}

export function catalogStatus(db: Db): CatalogStatus {
  const rows = db
    .prepare(
      "SELECT catalog, generation, item_count AS items, finished_at AS importedAt, source_name AS sourceName FROM catalog_import WHERE status = 'active'",
    )
    .all() as { catalog: CatalogName; generation: number; items: number; importedAt: string; sourceName: string }[]
  const of = (c: CatalogName) => {
    const r = rows.find((x) => x.catalog === c)
    return r ? { generation: r.generation, items: r.items, importedAt: r.importedAt, sourceName: r.sourceName } : null
  }
  return { national_1301: of('national_1301'), national_1306: of('national_1306'), store: of('store') }
}

/** No list is live: a fresh install (or one whose imports all failed). */
export function catalogIsEmpty(db: Db): boolean {
  return db.prepare("SELECT 1 FROM catalog_import WHERE status = 'active' LIMIT 1").get() === undefined
}

export function trainingCatalogLive(db: Db): boolean {
  return (
    db
      .prepare("SELECT 1 FROM catalog_import WHERE status = 'active' AND substr(source_name, 1, ?) = ? LIMIT 1")
      .get(TRAINING_SOURCE_PREFIX.length, TRAINING_SOURCE_PREFIX) !== undefined
  )
}

/**
 * Takes the training catalog out of service (the store left training mode): its lists are retired,
 * so searches find nothing of it, and the rows are purged. Lists the store imported itself stay.
 */
export function retireTrainingCatalog(db: Db): number {
  return db
    .prepare("UPDATE catalog_import SET status = 'retired' WHERE status = 'active' AND substr(source_name, 1, ?) = ?")
    .run(TRAINING_SOURCE_PREFIX.length, TRAINING_SOURCE_PREFIX).changes
}
