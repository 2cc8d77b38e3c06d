import { randomBytes } from 'node:crypto'
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { CatalogName } from '../../../shared/catalog/schemas'
import { PosError } from '../../../shared/contract'
import type { CatalogOverview, ImportList, ImportOutcome, ImportSource } from '../../../shared/contract/catalog/schemas'
import type { CoreContext, CoreModule } from '../module'
import { CatalogImportError } from './errors'
import { purgeDead } from './generations'
import { CatalogImporter } from './importer'
import {
  catalogIsEmpty,
  retireTrainingCatalog,
  TRAINING_SOURCE_NAME,
  trainingCatalogLive,
  writeTrainingFiles,
} from './trainingSeed'
import type { ImportStep } from './workerProtocol'

type CatalogCalls = 'searchCatalog' | 'lookupBarcode' | 'lookupStoreCode' | 'catalogStatus' | 'importCatalog' | 'cancelImport'

const ALL_CATALOGS: readonly CatalogName[] = ['national_1301', 'national_1306', 'store']

const LIST_LABEL: Readonly<Record<ImportList, string>> = { '1301': '1301 西药中成药目录', '1306': '1306 医用耗材目录', store: '本店商品' }

/**
 * The catalog concern: search and lookups answer on the core's thread (index probes, well under a
 * millisecond to a few ms); imports run in a worker thread, one at a time, announced by events.
 */
export function catalogModule(ctx: CoreContext): CoreModule<CatalogCalls> & { importer: CatalogImporter } {
  const { db, catalog, events, audit, clock, settings } = ctx
  const uploads = join(ctx.config.dataDir, 'catalog', 'uploads')
  /** Uploaded files to delete once their job has ended, by job id. */
  const uploaded = new Map<number, string>()
  let retireWhenIdle = false
  /** The purge after a retirement, awaited by close() so the database is not closed under it. */
  let retiring: Promise<void> = Promise.resolve()

  const overview = (): CatalogOverview => ({
    lists: catalog.status(),
    running: importer.running,
    last: importer.last,
    trainingCatalog: trainingCatalogLive(db),
  })

  const importer = new CatalogImporter({
    dbFile: db.name,
    now: () => clock.now(),
    onProgress: (p) => events.emit('catalogImportProgress', p),
    onEnded: (outcome) => ended(outcome),
    log: (msg) => ctx.log({ level: 'error', msg, code: 'CATALOG_FAILED' }),
  })

  function ended(outcome: ImportOutcome): void {
    const file = uploaded.get(outcome.job.id)
    uploaded.delete(outcome.job.id)
    if (file) rmSync(file, { force: true })
    const action = { done: 'catalog.imported', failed: 'catalog.importFailed', cancelled: 'catalog.importCancelled' }[outcome.outcome]
    // The lists changed on the worker's connection; the record of it is written here, right after.
    audit.append({
      actor: outcome.job.by,
      action,
      subject: outcome.job.lists.join(','),
      detail: {
        sourceName: outcome.job.sourceName,
        live: outcome.summaries.map((s) => ({ catalog: s.catalog, generation: s.generation, items: s.items })),
        ...(outcome.error ? { error: { code: outcome.error.code, message: outcome.error.message } } : {}),
      },
    })
    if (retireWhenIdle) {
      retireWhenIdle = false
      retireTraining()
    }
    events.emit('catalogImportEnded', outcome)
    // A worker that died while switching a list live may have committed the swap: show what is live.
    if (outcome.summaries.length > 0 || outcome.error?.code === 'CATALOG_FAILED') events.emit('catalogChanged', { overview: overview() })
  }

  /** Leaving training mode: the demo lists must not be sold from. Waits for a running import first. */
  function retireTraining(): void {
    if (importer.running) {
      retireWhenIdle = true
      if (importer.running.job.by === 'system') importer.cancel()
      return
    }
    if (retireTrainingCatalog(db) === 0) return
    events.emit('catalogChanged', { overview: overview() })
    retiring = retiring.then(async () => {
      for (const c of ALL_CATALOGS) await purgeDead(db, c)
    }).catch((e: unknown) => ctx.log({ level: 'warn', msg: `练习目录清理未完成：${(e as Error).message}`, code: 'CATALOG_PURGE' }))
  }

  function sourceFile(list: ImportList, source: ImportSource): { file: string; sourceName: string; temp: boolean } {
    if (source.kind === 'path') {
      let isFile = false
      try {
        isFile = statSync(source.path).isFile()
      } catch {
        throw new CatalogImportError('CATALOG_UNREADABLE', `找不到文件 ${source.path}，请检查路径（例如 D:\\目录\\${list === 'store' ? 'store-items.csv' : `${list}.txt`}）`)
      }
      if (!isFile) throw new CatalogImportError('CATALOG_UNREADABLE', `${source.path} 不是文件，请选择要导入的文件`)
      return { file: source.path, sourceName: basename(source.path), temp: false }
    }
    mkdirSync(uploads, { recursive: true })
    const file = join(uploads, `${Date.now()}-${randomBytes(4).toString('hex')}.upload`)
    writeFileSync(file, source.content, 'utf8')
    return { file, sourceName: source.name, temp: true }
  }

  const unsubscribe = events.subscribe((event, payload) => {
    if (event === 'settingsChanged' && !(payload as { settings: { trainingMode: boolean } }).settings.trainingMode) retireTraining()
  })

  return {
    importer,
    handlers: {
      searchCatalog: ({ query, limit }) => catalog.search(query, { limit }),
      lookupBarcode: ({ barcode }) => {
        const items = catalog.findByBarcode(barcode)
        if (items.length === 0) {
          throw new PosError('CATALOG_ITEM_NOT_FOUND', `条码 ${barcode} 不在商品目录中：请核对商品，或按名称、拼音首字母查找`)
        }
        return { barcode, items }
      },
      lookupStoreCode: ({ storeCode }) => {
        const item = catalog.findByStoreCode(storeCode)
        if (!item) throw new PosError('CATALOG_ITEM_NOT_FOUND', `店内编码 ${storeCode} 不在商品目录中：请核对编码，或按名称查找`)
        return item
      },
      catalogStatus: () => overview(),
      importCatalog: ({ list, source }, caller) => {
        importer.assertIdle() // before an upload is written to disk
        const { file, sourceName, temp } = sourceFile(list, source)
        let job
        try {
          job = importer.start(caller.id, [{ list, file, sourceName }], sourceName)
        } catch (e) {
          if (temp) rmSync(file, { force: true })
          throw e
        }
        if (temp) uploaded.set(job.id, file)
        audit.append({ actor: caller.id, action: 'catalog.importStarted', subject: list, detail: { sourceName, list: LIST_LABEL[list] } })
        return job
      },
      cancelImport: () => ({ cancelling: importer.cancel() }),
    },
    start() {
      if (!settings.get().trainingMode) {
        // Training was left while the app was closed (or the event was missed): the demo lists go.
        retireTraining()
        return
      }
      if (!catalogIsEmpty(db)) return
      let steps: ImportStep[]
      try {
        steps = writeTrainingFiles(join(ctx.config.dataDir, 'catalog', 'training'))
      } catch (e) {
        ctx.log({ level: 'warn', msg: `练习目录文件无法写入：${(e as Error).message}`, code: 'CATALOG_TRAINING_SEED' })
        return
      }
      // In the background: the core answers calls at once; the status shows the import running.
      importer.start('system', steps, TRAINING_SOURCE_NAME)
    },
    async close() {
      unsubscribe()
      await importer.close()
      await retiring
    },
  }
}
