import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CATALOG_FILE_HEADER, catalogFileLine, catalogFileTrailer, type CatalogFileItem } from '../../../shared/nhsa/catalog-file'
import type { TrainingCatalog } from '../platform'
import type { ImportStep } from './workerProtocol'

/**
 * The training catalog: the training platform's demo national lists and the demo pharmacy's store items,
 * so a new cashier can practise on a fresh install. Its imports are named `demo:…`: a colon cannot be
 * in a Windows file name (and uploads refuse it), so no import of a store's own file carries the mark.
 */
export const TRAINING_SOURCE_PREFIX = 'demo:'
export const TRAINING_SOURCE_NAME = `${TRAINING_SOURCE_PREFIX}练习目录`

function nationalFile(items: CatalogFileItem[]): string {
  return [CATALOG_FILE_HEADER, ...items.map(catalogFileLine), catalogFileTrailer(items.length)].join('\n') + '\n'
}

/** Writes the training catalog's three files under `dir` and answers the job that imports them. */
export function writeTrainingFiles(dir: string, catalog: TrainingCatalog): ImportStep[] {
  mkdirSync(dir, { recursive: true })
  const items = catalog.nationalItems
  const files = {
    '1301': nationalFile(items.filter((i) => i.list_type !== '301')),
    '1306': nationalFile(items.filter((i) => i.list_type === '301')),
    store: catalog.storeItemsCsv,
  } as const
  return (['1301', '1306', 'store'] as const).map((list) => {
    const file = join(dir, list === 'store' ? 'store-items.csv' : `${list}.txt`)
    writeFileSync(file, files[list])
    return { list, file, sourceName: `${TRAINING_SOURCE_NAME} ${list === 'store' ? '商品' : list}` }
  })
}
