import type { Db } from '../../base/store/database'
import type { CatalogStatus, ImportSummary, NationalList } from '../../../shared/catalog/schemas'
import { catalogStatus } from './generation-store'
import { importNationalCatalog, type NationalImportOptions } from './importNational'
import type { ImportOptions } from './importRun'
import { importStoreItems } from './importStore'
import { createCatalogSearch, type CatalogSearch } from './search-store'

export { CatalogImportError } from './errors'
export { CsvRecordReader } from './csv'
export type { CatalogSearch } from './search-store'
export type { Pace } from './pace'
export { initialsOf, searchKey } from './searchText'
export type { ImportOptions } from './importRun'
export type { NationalImportOptions } from './importNational'
export type { CatalogImporter } from './importer'

export interface CatalogService extends CatalogSearch {
  /** `list`: which download the file is (1301 drugs, 1306 consumables); only that list is replaced. */
  importNational(list: NationalList, file: string, opts?: NationalImportOptions): Promise<ImportSummary>
  importStoreItems(file: string, opts?: ImportOptions): Promise<ImportSummary>
  status(): CatalogStatus
}

/** The catalog as the composition root wires it: one database, imports and search over it; `now` dates the store's prices. */
export function createCatalogService(db: Db, now?: () => Date): CatalogService {
  return {
    ...createCatalogSearch(db, now),
    importNational: (list, file, opts) => importNationalCatalog(db, list, file, opts),
    importStoreItems: (file, opts) => importStoreItems(db, file, opts),
    status: () => catalogStatus(db),
  }
}
