import type { CatalogImportErrorData, ImportProgress, ImportSummary } from '../../../shared/catalog/schemas'
import type { ImportList } from '../../../shared/contract/catalog/schemas'
import type { Pace } from './pace'

/** One file of an import job; a job runs its steps in order and stops at the first failure. */
export interface ImportStep {
  list: ImportList
  file: string
  sourceName: string
  /** A national list downloaded from the platform: the 医保目录 terms file to merge (terms.ts). */
  terms?: string
  /** A national list downloaded from the platform: the rows 1301/1306 announced (data_cnt). */
  expectedRows?: number | null
}

/** `workerData` of the import worker. */
export interface WorkerJob {
  /** The core's database file: the worker opens its own connection to it (WAL lets both work). */
  dbFile: string
  steps: ImportStep[]
  /** How the worker shares the write lock with the core's connection (see pace.ts). */
  pace: Pace
}

export type ToWorker = { type: 'cancel' }

export type FromWorker =
  | { type: 'progress'; list: ImportList; progress: ImportProgress }
  | { type: 'stepDone'; list: ImportList; summary: ImportSummary }
  | { type: 'failed'; list: ImportList; error: CatalogImportErrorData }
  | { type: 'finished' }
