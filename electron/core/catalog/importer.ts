import type { Worker } from 'node:worker_threads'
import type { ImportSummary } from '../../../shared/catalog/schemas'
import type { ImportJob, ImportOutcome, ImportProgressEvent } from '../../../shared/contract/catalog/schemas'
import { CatalogImportError } from './errors'
import { SHARED_WRITE_LOCK, type Pace } from './pace'
import type { FromWorker, ImportStep, ToWorker, WorkerJob } from './workerProtocol'
import { spawnImportWorker } from './workerSpawn'

export interface ImporterDeps {
  dbFile: string
  now: () => Date
  onProgress(progress: ImportProgressEvent): void
  /** Called once per job, after its worker has exited, before `whenIdle()` resolves. */
  onEnded(outcome: ImportOutcome): void
  /** How the worker shares the write lock (default SHARED_WRITE_LOCK, see pace.ts). */
  pace?: Pace
  /** Where a failure of onEnded itself goes (the job is over either way). */
  log?: (message: string) => void
  /** How long close() lets a cancelled worker stop on its own before terminating it. */
  closeGraceMs?: number
}

interface Running {
  job: ImportJob
  progress: ImportProgressEvent | null
  cancelled: boolean
  /** Set once the worker said the new list is being switched live: cancelling is too late then. */
  swapping: boolean
  worker: Promise<Worker>
  ended: Promise<ImportOutcome>
}

/**
 * Runs catalog imports one at a time, each in its own worker thread with its own database connection.
 * The core's thread only relays messages: progress, the result, and cancellation.
 */
export class CatalogImporter {
  private current: Running | null = null
  private lastOutcome: ImportOutcome | null = null
  private nextId = 1
  private closed = false

  constructor(private readonly deps: ImporterDeps) {}

  get running(): { job: ImportJob; progress: ImportProgressEvent | null } | null {
    return this.current ? { job: this.current.job, progress: this.current.progress } : null
  }

  get last(): ImportOutcome | null {
    return this.lastOutcome
  }

  /** Throws CATALOG_BUSY while a job runs (and CATALOG_FAILED once closing). */
  assertIdle(): void {
    if (this.closed) throw new CatalogImportError('CATALOG_FAILED', '程序正在关闭，请重新打开后再导入')
    if (this.current) {
      const what = this.current.job.by === 'system' ? '练习目录' : `「${this.current.job.sourceName}」`
      throw new CatalogImportError('CATALOG_BUSY', `正在导入${what}，一次只能导入一个目录；请等它完成或先取消`)
    }
  }

  /** Starts a job; refused with CATALOG_BUSY while another runs. Answers as soon as the worker is asked to start. */
  start(by: string, steps: ImportStep[], sourceName: string): ImportJob {
    this.assertIdle()
    if (steps.length === 0) throw new Error('an import job needs at least one file')
    const job: ImportJob = {
      id: this.nextId++,
      lists: steps.map((s) => s.list),
      sourceName,
      startedAt: this.deps.now().toISOString(),
      by,
    }
    const data: WorkerJob = {
      dbFile: this.deps.dbFile,
      steps,
      pace: this.deps.pace ?? SHARED_WRITE_LOCK,
    }
    const worker = spawnImportWorker({ workerData: data })
    const state = { job, progress: null, cancelled: false, swapping: false, worker }
    const running: Running = Object.assign(state, { ended: this.follow(state) })
    this.current = running
    this.report(running, { list: steps[0].list, phase: 'starting', linesDone: 0, bytesDone: 0, bytesTotal: 0 })
    return job
  }

  /**
   * Runs one job as soon as no other runs (a pulled catalog generation waits for a local or training import),
   * answering its outcome; aborting `signal` cancels it.
   */
  async runWhenIdle(by: string, step: ImportStep, signal: AbortSignal): Promise<ImportOutcome> {
    while (this.current) await this.current.ended
    if (signal.aborted) throw new CatalogImportError('CATALOG_CANCELLED', '导入已取消，原有目录没有改变')
    this.start(by, [step], step.sourceName)
    const ended = this.current!.ended
    const cancel = () => this.cancel()
    signal.addEventListener('abort', cancel)
    try {
      return await ended
    } finally {
      signal.removeEventListener('abort', cancel)
    }
  }

  /** Asks the running job to stop; false when none runs or its new list is already being switched live. */
  cancel(): boolean {
    const running = this.current
    if (!running || running.swapping) return false
    if (!running.cancelled) {
      running.cancelled = true
      void running.worker.then((w) => w.postMessage({ type: 'cancel' } satisfies ToWorker)).catch(() => undefined)
    }
    return true
  }

  /** Resolves when no job runs (with the outcome of the one that was running, if any). */
  async whenIdle(): Promise<ImportOutcome | null> {
    return this.current ? this.current.ended : null
  }

  /** Cancels a running job and waits for its worker to end (terminating it after a grace period). */
  async close(): Promise<void> {
    this.closed = true
    const running = this.current
    if (!running) return
    this.cancel()
    const grace = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), this.deps.closeGraceMs ?? 5000).unref())
    if ((await Promise.race([running.ended, grace])) === 'late') {
      await (await running.worker).terminate()
      await running.ended
    }
  }

  private report(running: Omit<Running, 'ended'>, p: Omit<ImportProgressEvent, 'jobId' | 'percent'>): void {
    const percent = p.bytesTotal > 0 ? Math.min(100, Math.floor((p.bytesDone * 100) / p.bytesTotal)) : 0
    running.progress = { jobId: running.job.id, percent, ...p }
    this.deps.onProgress(running.progress)
  }

  private async follow(running: Omit<Running, 'ended'>): Promise<ImportOutcome> {
    const summaries: ImportSummary[] = []
    let error: ImportOutcome['error'] = null
    let finished = false
    try {
      const worker = await running.worker
      await new Promise<void>((resolve) => {
        worker.on('message', (m: FromWorker) => {
          switch (m.type) {
            case 'progress':
              if (m.progress.phase !== 'reading') running.swapping = true
              this.report(running, { list: m.list, ...m.progress })
              break
            case 'stepDone':
              running.swapping = false
              summaries.push(m.summary)
              break
            case 'failed':
              error = { ...m.error, list: m.list }
              break
            case 'finished':
              finished = true
              break
          }
        })
        worker.on('error', (e) => {
          error ??= this.crashed(running, `导入线程出错：${e.message}`)
        })
        worker.on('exit', () => resolve())
      })
    } catch (e) {
      error = this.crashed(running, `导入线程无法启动：${(e as Error).message}`)
    }
    if (!finished && !error) error = this.crashed(running, '导入线程意外退出')
    const outcome: ImportOutcome = {
      job: running.job,
      outcome: error === null ? 'done' : (error as { code: string }).code === 'CATALOG_CANCELLED' ? 'cancelled' : 'failed',
      finishedAt: this.deps.now().toISOString(),
      summaries,
      error,
    }
    this.current = null
    this.lastOutcome = outcome
    try {
      this.deps.onEnded(outcome)
    } catch (e) {
      this.deps.log?.(`catalog import ${running.job.id} ended, but recording it failed: ${(e as Error).message}`)
    }
    return outcome
  }

  private crashed(running: Omit<Running, 'ended'>, why: string): NonNullable<ImportOutcome['error']> {
    const list = running.progress?.list ?? running.job.lists[0]
    if (running.cancelled) {
      const reason = '导入已取消，原有目录没有改变'
      return { code: 'CATALOG_CANCELLED', message: reason, line: null, field: null, reason, list }
    }
    // After the worker said it was switching the new list live, the swap may or may not have committed.
    const reason = running.swapping
      ? `${why}（正在切换新目录时）；请在「目录状态」中核对${list === 'store' ? '本店商品' : list}是否已是新导入的，若不是请重新导入`
      : `${why}；未完成的目录没有生效，请重新导入`
    return { code: 'CATALOG_FAILED', message: reason, line: null, field: null, reason, list }
  }
}
