/**
 * The import worker: runs one job's imports on its own thread and its own database connection, so a
 * 500,000-line import never holds the core's thread (in Electron, the main process and its window).
 */
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import type { CatalogImportErrorData } from '../../../shared/catalog/schemas'
import { CatalogImportError } from './errors'
import { importNationalCatalog } from './importNational'
import type { ImportOptions } from './importRun'
import { importStoreItemsStaged } from './importStore'
import { initialsOf, searchKey } from './searchText'
import { readTermsFile } from './terms'
import type { FromWorker, ToWorker, WorkerJob } from './workerProtocol'
import { asImportConnection } from './import-store'

const port = parentPort
if (!port) throw new Error('importWorker.ts runs only as a worker thread')
const job = workerData as WorkerJob
const send = (m: FromWorker) => port.postMessage(m)

const controller = new AbortController()
port.on('message', (m: ToWorker) => {
  if (m.type === 'cancel') controller.abort()
})

function errorData(e: unknown): CatalogImportErrorData {
  if (e instanceof CatalogImportError) return e.toImportData()
  const reason = `导入意外中止（${(e as Error)?.message ?? String(e)}），原有目录没有改变；请重试，仍不行请联系技术支持`
  return { code: 'CATALOG_FAILED', message: reason, line: null, field: null, reason }
}

async function run(): Promise<void> {
  // pinyin-pro loads its dictionaries on first use (about a second): here, not inside the first write transaction.
  initialsOf(searchKey('阿莫西林胶囊'))
  const db = new Database(job.dbFile, { fileMustExist: true })
  try {
    asImportConnection(db)
    for (const step of job.steps) {
      const opts: ImportOptions = {
        signal: controller.signal,
        sourceName: step.sourceName,
        pace: job.pace,
        onProgress: (progress) => send({ type: 'progress', list: step.list, progress }),
      }
      try {
        const summary =
          step.list === 'store'
            ? await importStoreItemsStaged(db, step.file, opts)
            : await importNationalCatalog(db, step.list, step.file, {
                ...opts,
                terms: step.terms ? readTermsFile(step.terms) : undefined,
                expectedRows: step.expectedRows,
              })
        send({ type: 'stepDone', list: step.list, summary })
      } catch (e) {
        send({ type: 'failed', list: step.list, error: errorData(e) })
        return
      }
    }
  } finally {
    db.close()
  }
}

await run()
send({ type: 'finished' })
// Nothing left to wait for: let the thread end once the messages above are out.
port.unref()
