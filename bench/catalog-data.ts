import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCatalogService } from '../electron/core/catalog'
import { writeGeneratedCatalogs } from '../dev-tools/catalog-generator'
import { DATABASE_FILE } from '../electron/core/core'
import { openDatabase } from '../electron/base/store/database'
import { coreMigrations } from '../electron/core/store/migrations'

/** The generated catalogs' seed, as in the catalog case. */
export const SEED = 11

/** BENCH_CATALOG_CACHE=<dir>: the imported catalog is kept there and copied for each run (importing takes minutes). */
const CACHE = process.env.BENCH_CATALOG_CACHE

/** Fills dataDir's core database with a generated catalog, imported as the app imports it (same code, this thread); answers the seconds it took. */
async function importCatalog(count: number, dataDir: string): Promise<number> {
  const gen = mkdtempSync(join(tmpdir(), 'gongji-bench-catalog-'))
  try {
    const files = writeGeneratedCatalogs(gen, { count, seed: SEED })
    mkdirSync(dataDir, { recursive: true })
    const db = openDatabase(join(dataDir, DATABASE_FILE), coreMigrations)
    try {
      const catalog = createCatalogService(db)
      const start = Date.now()
      await catalog.importNational('1301', files.drugsFile)
      await catalog.importNational('1306', files.consumablesFile)
      await catalog.importStoreItems(files.storeFile)
      return (Date.now() - start) / 1000
    } finally {
      db.close()
    }
  } finally {
    rmSync(gen, { recursive: true, force: true })
  }
}

/** A core data directory whose catalog holds `count` store items; answers how long importing took (when cached, then). */
export async function catalogued(count: number, dataDir: string): Promise<number> {
  if (!CACHE) return importCatalog(count, dataDir)
  const cached = join(CACHE, String(count))
  const took = join(cached, 'import-s')
  if (!existsSync(took)) {
    rmSync(cached, { recursive: true, force: true })
    const s = await importCatalog(count, join(cached, 'data'))
    writeFileSync(took, String(s))
  }
  cpSync(join(cached, 'data'), dataDir, { recursive: true })
  return Number(readFileSync(took, 'utf8'))
}
