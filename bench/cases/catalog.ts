import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createCatalogService, type CatalogService } from '../../electron/core/catalog'
import { CatalogImporter } from '../../electron/core/catalog/importer'
import { storeItemAt, writeGeneratedCatalogs } from '../../dev-tools/catalog-generator'
import { ITEM_COLUMNS, toCatalogItem, type ItemRow } from '../../electron/core/catalog/rows'
import { initialsOf, searchKey } from '../../electron/core/catalog/searchText'
import { openDatabase, type Db } from '../../electron/base/store/database'
import { coreMigrations } from '../../electron/core/store/migrations'
import type { CatalogItem } from '../../shared/catalog/schemas'
import { elapsedMs, percentile, type BenchCase, type BenchResult } from '../harness'
import { busyCounter } from '../busy-counter'

const COUNT = 500_000
const SEED = 11
const LIMIT = 20

/** Deterministic pick of item indices spread over the catalog. */
function indices(n: number, salt: number): number[] {
  return Array.from({ length: n }, (_, k) => ((Math.imul(k + 1, 2_654_435_761) + salt * 97) % COUNT) >>> 0)
}

/**
 * What a cashier types: store codes, barcodes typed as digits, pinyin initials as they grow letter by
 * letter, 1-4 characters of a name from its start or middle, and misses.
 */
function searchQueries(): string[] {
  const out: string[] = []
  for (const i of indices(300, 1)) {
    const item = storeItemAt(SEED, i)
    const key = searchKey(item.name)
    const chars = [...key]
    const initials = initialsOf(key).primary
    out.push(item.storeCode.toLowerCase())
    if (item.barcode) out.push(item.barcode.slice(0, 6 + (i % 7)))
    for (let n = 1; n <= Math.min(4, initials.length); n++) out.push(initials.slice(0, n))
    out.push(chars.slice(0, 1 + (i % 3)).join(''))
    out.push(chars.slice(1, 3 + (i % 2)).join(''))
  }
  out.push('zzzz', '不存在的药品', 'qqqx', '9999999999999', '阿莫西林胶囊', '片', '胶囊', 'amxl')
  return out
}

function time<T>(f: () => T): [T, number] {
  const start = process.hrtime.bigint()
  const value = f()
  return [value, elapsedMs(start)]
}

/** The searchable fields flat on the object (a spread CatalogItem falls into slow dictionary mode). */
interface MemoryItem {
  barcode: string | null
  storeCodeKey: string
  nationalCodeKey: string | null
  key: string
  initials: string
  item: CatalogItem
}

/**
 * The obvious alternative, as browser POS systems do it: load the whole catalog at start, keep a
 * barcode map, and filter the array on every keystroke with the same ranking as ours (primary
 * initials only: the extra polyphone spellings live only in the FTS index).
 */
export function loadInMemory(db: Db): { items: MemoryItem[]; byBarcode: Map<string, MemoryItem[]> } {
  const rows = db
    .prepare(
      `SELECT ${ITEM_COLUMNS}, i.name_key, i.initials FROM store_item i
       JOIN catalog_import s ON s.catalog = 'store' AND s.status = 'active' AND s.generation = i.generation
       LEFT JOIN national_item n ON n.hilist_code = i.national_code AND n.generation IN
         (SELECT generation FROM catalog_import WHERE catalog IN ('national_1301', 'national_1306') AND status = 'active')`,
    )
    .all() as (ItemRow & { name_key: string; initials: string })[]
  const items: MemoryItem[] = rows.map((r) => ({
    barcode: r.barcode,
    storeCodeKey: r.store_code.toLowerCase(),
    nationalCodeKey: r.national_code?.toLowerCase() ?? null,
    key: r.name_key,
    initials: r.initials,
    item: toCatalogItem(r),
  }))
  const byBarcode = new Map<string, MemoryItem[]>()
  for (const it of items) {
    if (it.barcode === null) continue
    const list = byBarcode.get(it.barcode)
    if (list) list.push(it)
    else byBarcode.set(it.barcode, [it])
  }
  return { items, byBarcode }
}

export function memorySearch(items: MemoryItem[], query: string): CatalogItem[] {
  const q = searchKey(query)
  if (q === '') return []
  const upper = q.toUpperCase()
  const tiers: CatalogItem[][] = [[], [], [], [], []]
  for (const it of items) {
    let tier = -1
    if (it.barcode === upper || it.storeCodeKey === q || it.nationalCodeKey === q) tier = 0
    else if (it.key.startsWith(q) || it.storeCodeKey.startsWith(q) || (it.barcode !== null && it.barcode.startsWith(upper))) tier = 1
    else if (it.initials.startsWith(q)) tier = 2
    else if (it.initials.includes(q)) tier = 3
    else if (it.key.includes(q)) tier = 4
    if (tier >= 0 && tiers[tier].length < LIMIT) tiers[tier].push(it.item)
  }
  return tiers.flat().slice(0, LIMIT)
}

const round = (ms: number, digits = 3) => Number(ms.toFixed(digits))
const ratio = (memory: number, sqlite: number) => Number((memory / sqlite).toPrecision(3))

const ROOT = resolve(import.meta.dirname, '..', '..')

/**
 * A fresh process that opens the database, builds the service and answers one search and one scan:
 * what a restart of the core costs, Node and module loading included. Answers [wall ms, ready ms].
 */
function startInNewProcess(dbFile: string, query: string, barcode: string): [number, number] {
  const url = (path: string) => JSON.stringify(pathToFileURL(join(ROOT, path)).href)
  const script = `
    const t0 = performance.now()
    const { openDatabase } = await import(${url('electron/base/store/database.ts')})
    const { coreMigrations } = await import(${url('electron/core/store/migrations/index.ts')})
    const { createCatalogService } = await import(${url('electron/core/catalog/index.ts')})
    const t1 = performance.now()
    const catalog = createCatalogService(openDatabase(${JSON.stringify(dbFile)}, coreMigrations))
    catalog.search(${JSON.stringify(query)})
    catalog.findByBarcode(${JSON.stringify(barcode)})
    console.log(JSON.stringify({ modules: t1 - t0, ready: performance.now() - t1 }))`
  const start = process.hrtime.bigint()
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })
  const wall = elapsedMs(start)
  const { ready } = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { ready: number }
  return [wall, ready]
}

/**
 * Imports the store file the way the app does (CatalogImporter: a worker thread with its own
 * connection) while this thread keeps searching and writing, as a busy counter would. A write waiting
 * for the lock blocks this thread (better-sqlite3 is synchronous): the event-loop delay includes it.
 */
async function importInWorker(db: Db, catalog: CatalogService, storeFile: string) {
  const importer = new CatalogImporter({ dbFile: db.name, now: () => new Date(), onProgress: () => undefined, onEnded: () => undefined })
  const start = process.hrtime.bigint()
  const busy = busyCounter(db, catalog, LIMIT)
  importer.start('bench', [{ list: 'store', file: storeFile, sourceName: 'store.csv' }], 'store.csv')
  const outcome = await importer.whenIdle()
  const during = busy.stop()
  const seconds = elapsedMs(start) / 1000
  if (outcome?.outcome !== 'done') throw new Error(`store import in the worker: ${JSON.stringify(outcome?.error)}`)
  return { seconds, ...during }
}

export const cases: BenchCase[] = [
  {
    name: 'catalog at 500,000 items',
    issue: 5,
    async run(): Promise<BenchResult[]> {
      const dir = mkdtempSync(join(tmpdir(), 'catalog-bench-'))
      const results: BenchResult[] = []
      try {
        const [{ drugsFile, consumablesFile, drugs, consumables, storeFile }, genMs] = time(() =>
          writeGeneratedCatalogs(join(dir, 'gen'), { count: COUNT, seed: SEED }),
        )
        const dbFile = join(dir, 'pos.db')
        let db = openDatabase(dbFile, coreMigrations)
        let catalog = createCatalogService(db)

        const start = process.hrtime.bigint()
        await catalog.importNational('1301', drugsFile)
        await catalog.importNational('1306', consumablesFile)
        const nationalS = elapsedMs(start) / 1000
        const during = await importInWorker(db, catalog, storeFile)
        results.push(
          {
            metric: 'import national catalogs (1301 + 1306, 500,000 lines, TSV)',
            value: round(nationalS, 1),
            unit: 's',
            note: `${drugs} + ${consumables} entries, on this thread; generating the files took ${(genMs / 1000).toFixed(1)} s`,
          },
          {
            metric: 'import store items in the import worker (500,000 lines, CSV, pinyin + FTS)',
            value: round(during.seconds, 1),
            unit: 's',
            note: 'as the app runs it: worker thread, own connection, paced (100 ms of writing, 110 ms free)',
          },
          {
            metric: 'core thread during that import: event-loop delay p99',
            value: round(during.loopP99),
            unit: 'ms',
            note: `max ${during.loopMax.toFixed(1)} ms; includes the writes' waits`,
          },
          {
            metric: 'core thread during that import: search p99',
            value: round(during.searchP99),
            unit: 'ms',
            target: '< 30 ms',
            note: `${during.searches} searches while it ran, max ${during.searchMax.toFixed(1)} ms`,
          },
          {
            metric: 'core thread during that import: a write on the core connection, p99',
            value: round(during.writeP99),
            unit: 'ms',
            note: `${during.writes} writes, max ${during.writeMax.toFixed(1)} ms (waits for the worker's write transaction)`,
          },
        )

        // Fresh start: a new connection on the imported file, ready when the first search and scan answer.
        const queries = searchQueries()
        const barcodes = indices(2000, 2)
          .map((i) => storeItemAt(SEED, i).barcode)
          .filter((b) => b !== '')
        db.close()
        const [processMs, processReadyMs] = startInNewProcess(dbFile, queries[1], barcodes[1])
        const [, startMs] = time(() => {
          db = openDatabase(dbFile, coreMigrations)
          catalog = createCatalogService(db)
          catalog.search(queries[0])
          catalog.findByBarcode(barcodes[0])
        })

        const searchMs = queries.map((q) => time(() => catalog.search(q, { limit: LIMIT }))[1])
        const barcodeMs = barcodes.map((b) => time(() => catalog.findByBarcode(b))[1])

        // The alternative, on the same file and the same queries.
        const heapBefore = process.memoryUsage().heapUsed
        const [memory, memoryStartMs] = time(() => {
          const opened = openDatabase(dbFile, coreMigrations)
          try {
            return loadInMemory(opened)
          } finally {
            opened.close()
          }
        })
        const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20
        // A linear filter costs tens of ms a query: a spread-out tenth of the queries is plenty.
        const memoryQueries = queries.filter((_, k) => k % 10 === 0)
        const memorySearchMs = memoryQueries.map((q) => time(() => memorySearch(memory.items, q))[1])
        const memoryBarcodeMs = barcodes.map((b) => time(() => memory.byBarcode.get(b) ?? [])[1])
        const memoryScanMs = barcodes.slice(0, 100).map((b) => time(() => memory.items.filter((it) => it.barcode === b))[1])

        const s50 = percentile(searchMs, 50)
        const s99 = percentile(searchMs, 99)
        const b50 = percentile(barcodeMs, 50)
        const b99 = percentile(barcodeMs, 99)
        const m50 = percentile(memorySearchMs, 50)
        const m99 = percentile(memorySearchMs, 99)
        results.push(
          { metric: 'search p50', value: round(s50), unit: 'ms', note: `${searchMs.length} typed queries, limit ${LIMIT}` },
          { metric: 'search p99', value: round(s99), unit: 'ms', target: '< 30 ms' },
          { metric: 'search max', value: round(Math.max(...searchMs)), unit: 'ms' },
          { metric: 'barcode p50', value: round(b50), unit: 'ms', note: `${barcodes.length} scans` },
          { metric: 'barcode p99', value: round(b99), unit: 'ms', target: '< 1 ms' },
          {
            metric: 'start-up, new process (Node, modules, open, first search and scan)',
            value: round(processMs, 1),
            unit: 'ms',
            target: '< 2 s',
            note: `open to ready inside it: ${processReadyMs.toFixed(1)} ms`,
          },
          { metric: 'start-up, new connection in this process (open, first search and scan)', value: round(startMs, 1), unit: 'ms', target: '< 2 s' },
          {
            metric: 'in-memory alternative: start-up (load all items, build barcode map)',
            value: round(memoryStartMs, 1),
            unit: 'ms',
            note: `heap +${heapMiB.toFixed(0)} MiB`,
          },
          { metric: 'in-memory alternative: search p50', value: round(m50), unit: 'ms', note: `${memoryQueries.length} of the same queries, array filter` },
          { metric: 'in-memory alternative: search p99', value: round(m99), unit: 'ms' },
          { metric: 'in-memory alternative: barcode p99 (Map)', value: round(percentile(memoryBarcodeMs, 99), 4), unit: 'ms' },
          { metric: 'in-memory alternative: barcode p99 (array scan)', value: round(percentile(memoryScanMs, 99)), unit: 'ms' },
          { metric: 'ratio in-memory / SQLite: start-up (both in this process)', value: ratio(memoryStartMs, startMs), unit: 'x' },
          { metric: 'ratio in-memory / SQLite: search p50', value: ratio(m50, s50), unit: 'x' },
          { metric: 'ratio in-memory / SQLite: search p99', value: ratio(m99, s99), unit: 'x' },
          { metric: 'ratio in-memory (array scan) / SQLite: barcode p99', value: ratio(percentile(memoryScanMs, 99), b99), unit: 'x' },
          {
            metric: 'ratio in-memory (Map) / SQLite: barcode p99',
            value: ratio(percentile(memoryBarcodeMs, 99), b99),
            unit: 'x',
            note: 'below 1: a Map beats an index probe once everything is loaded',
          },
        )
        db.close()
        return results
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  },
]
