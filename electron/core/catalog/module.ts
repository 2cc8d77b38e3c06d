import { randomBytes } from 'node:crypto'
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { CatalogName } from '../../../shared/catalog/schemas'
import { PosError } from '../../../shared/contract'
import type { CatalogOverview, ImportJob, ImportList, ImportOutcome, ImportSource, NationalList } from '../../../shared/contract/catalog/schemas'
import type { CoreContext, CoreModule } from '../module'
import { FileCorrupt, type DownloadedFile } from '../platform'
import { CatalogImportError } from './errors'
import { fetchCatalogTerms } from './platform-terms'
import { writeTermsFile } from './terms'
import { CatalogImporter } from './importer'
import { catalogIsEmpty, purgeDead, retireTrainingCatalog, trainingCatalogLive } from './generation-store'
import { TRAINING_SOURCE_NAME, TRAINING_SOURCE_PREFIX, writeTrainingFiles } from './trainingSeed'
import type { ImportStep } from './workerProtocol'
import { refuseInStoreMode } from '../sync'

type CatalogCalls = 'searchCatalog' | 'lookupBarcode' | 'lookupStoreCode' | 'catalogStatus' | 'importCatalog' | 'cancelImport' | 'downloadNationalCatalog'

const ALL_CATALOGS: readonly CatalogName[] = ['national_1301', 'national_1306', 'store']

const LIST_LABEL: Readonly<Record<ImportList, string>> = { '1301': '1301 西药中成药目录', '1306': '1306 医用耗材目录', store: '本店商品' }

/**
 * The catalog concern: search and lookups answer on the core's thread (index probes, well under a
 * millisecond to a few ms); imports run in a worker thread, one at a time, announced by events.
 */
export function catalogModule(ctx: CoreContext): CoreModule<CatalogCalls> & { importer: CatalogImporter } {
  const { db, catalog, events, audit, clock, settings } = ctx
  const uploads = join(ctx.config.dataDir, 'catalog', 'uploads')
  const downloads = join(ctx.config.dataDir, 'catalog', 'downloads')
  /** A download in progress: it ends in an import, so no other import may start meanwhile. */
  let downloading: NationalList | undefined
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
    retiring = retiring
      .then(async () => {
        for (const c of ALL_CATALOGS) await purgeDead(db, c)
      })
      .catch((e: unknown) => ctx.log({ level: 'warn', msg: `练习目录清理未完成：${(e as Error).message}`, code: 'CATALOG_PURGE' }))
  }

  function sourceFile(list: ImportList, source: ImportSource): { file: string; sourceName: string; temp: boolean } {
    if (source.kind === 'path') {
      let isFile = false
      try {
        isFile = statSync(source.path).isFile()
      } catch {
        throw new CatalogImportError(
          'CATALOG_UNREADABLE',
          `找不到文件 ${source.path}，请检查路径（例如 D:\\目录\\${list === 'store' ? 'store-items.csv' : `${list}.txt`}）`,
        )
      }
      if (!isFile) throw new CatalogImportError('CATALOG_UNREADABLE', `${source.path} 不是文件，请选择要导入的文件`)
      return { file: source.path, sourceName: basename(source.path), temp: false }
    }
    mkdirSync(uploads, { recursive: true })
    const file = join(uploads, `${Date.now()}-${randomBytes(4).toString('hex')}.upload`)
    writeFileSync(file, source.content, 'utf8')
    return { file, sourceName: source.name, temp: true }
  }

  function assertNotDownloading(): void {
    if (downloading) throw new CatalogImportError('CATALOG_BUSY', `正在从医保平台下载${LIST_LABEL[downloading]}，请等下载和导入结束后再导入`)
  }

  /**
   * Writes a downloaded file where a path import can read it: under a temporary name first and renamed
   * once complete, so a file in the folder is always whole. Older downloads of the list are removed.
   */
  function keepDownload(list: NationalList, got: DownloadedFile): string {
    mkdirSync(downloads, { recursive: true })
    for (const old of readdirSync(downloads)) if (old.startsWith(`${list}-`)) rmSync(join(downloads, old), { force: true })
    const stamp = clock.now().toISOString().replace(/[-:.]/g, '').replace('T', '-').slice(0, 15)
    const safe = got.filename.replace(/[^\w.-]+/g, '_').slice(0, 80) || `${list}.txt`
    const file = join(downloads, `${list}-${stamp}-${safe}`)
    const temp = `${file}.${randomBytes(4).toString('hex')}.part`
    try {
      writeFileSync(temp, got.content)
      renameSync(temp, file)
    } catch (e) {
      rmSync(temp, { force: true })
      throw new CatalogImportError('CATALOG_FAILED', `下载的目录文件无法保存到 ${downloads}（${(e as Error).message}），请检查磁盘空间后重试`)
    }
    return file
  }

  async function download(list: NationalList, by: string): Promise<ImportJob> {
    importer.assertIdle()
    assertNotDownloading()
    downloading = list
    try {
      const target = await ctx.platform.background()
      const { output: listed } = await target.client.call(list, { data: { ver: '0' } })
      let got: DownloadedFile
      try {
        got = await target.client.downloadFile(listed.file_qury_no, listed.filename)
      } catch (e) {
        if (!(e instanceof FileCorrupt)) throw e
        audit.append({ actor: by, action: 'catalog.downloadRefused', subject: list, detail: { fileQuryNo: listed.file_qury_no, reason: e.message } })
        throw new PosError('CATALOG_DOWNLOAD_CORRUPT', { detail: e.message })
      }
      // The file carries no class, share or cap: the region's 医保目录 gives them, read whole before anything is written.
      const { terms, rows: termsRows } = await fetchCatalogTerms(target.client, clock.now())
      const file = keepDownload(list, got)
      const termsFile = `${file}.terms.json`
      writeTermsFile(termsFile, terms)
      // Demo data from the training platform carries the training mark, so leaving training retires it.
      const sourceName = `${target.training ? `${TRAINING_SOURCE_PREFIX}医保平台下载 ` : ''}${basename(file)}`
      const expectedRows = listed.data_cnt ?? got.itemCount
      const job = importer.start(by, [{ list, file, sourceName, terms: termsFile, expectedRows }], sourceName)
      audit.append({
        actor: by,
        action: 'catalog.importStarted',
        subject: list,
        detail: {
          sourceName,
          list: LIST_LABEL[list],
          from: 'platform',
          fileQuryNo: got.fileQuryNo,
          bytes: got.content.length,
          sha256: got.sha256,
          itemCount: expectedRows,
          termsRows,
          termsEntries: terms.size,
        },
      })
      return job
    } finally {
      downloading = undefined
    }
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
          throw new PosError('CATALOG_ITEM_NOT_FOUND', { barcode })
        }
        return { barcode, items }
      },
      lookupStoreCode: ({ storeCode }) => {
        const item = catalog.findByStoreCode(storeCode)
        if (!item) throw new PosError('CATALOG_ITEM_NOT_FOUND', { storeCode, at: 'scan' })
        return item
      },
      catalogStatus: () => overview(),
      importCatalog: ({ list, source }, caller) => {
        refuseInStoreMode(db, 'catalog')
        importer.assertIdle() // before an upload is written to disk
        assertNotDownloading()
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
      downloadNationalCatalog: ({ list }, caller) => {
        refuseInStoreMode(db, 'catalog')
        return download(list, caller.id)
      },
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
        steps = writeTrainingFiles(join(ctx.config.dataDir, 'catalog', 'training'), ctx.platform.training.catalog())
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
