import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { openDatabase, type Db } from '../../electron/base/store/database'
import { coreMigrations } from '../../electron/core/store/migrations'
import { createCatalogService, type CatalogService } from '../../electron/core/catalog'
import { CatalogImportError } from '../../electron/core/catalog/errors'
import { CATALOG_FILE_HEADER } from '../../shared/nhsa/catalog-file'
import { STORE_HEADER } from '../../electron/core/catalog/storeFile'

export interface Harness {
  dir: string
  db: Db
  catalog: CatalogService
  /** Writes a file into the temp dir and returns its path. */
  file(name: string, content: string | Buffer): string
}

const open: Harness[] = []

afterEach(() => {
  for (const h of open.splice(0)) {
    h.db.close()
    rmSync(h.dir, { recursive: true, force: true })
  }
})

export function harness(): Harness {
  const dir = mkdtempSync(join(tmpdir(), 'catalog-test-'))
  const db = openDatabase(join(dir, 'pos.db'), coreMigrations)
  const h: Harness = {
    dir,
    db,
    catalog: createCatalogService(db),
    file(name, content) {
      const path = join(dir, name)
      writeFileSync(path, content)
      return path
    },
  }
  open.push(h)
  return h
}

/** A national file from item lines (TAB-joined fields), with a correct trailer unless told otherwise. */
export function nationalFile(items: string[][], trailer: string | null = `#END\t${items.length}`): string {
  const lines = [CATALOG_FILE_HEADER, ...items.map((f) => f.join('\t'))]
  if (trailer !== null) lines.push(trailer)
  return lines.join('\n') + '\n'
}

export function storeFile(rows: string[], header = STORE_HEADER): string {
  return [header, ...rows].join('\n') + '\n'
}

/** National item fields in file order, with overrides by column name. */
export function nationalItem(overrides: Partial<Record<string, string>> = {}): string[] {
  const base: Record<string, string> = {
    hilist_code: 'XJ01CAA040A001010100001',
    hilist_name: '阿莫西林胶囊',
    list_type: '101',
    chrgitm_lv: '01',
    selfpay_prop: '0.00',
    pric_uplmt_amt: '25.00',
    rx_flag: '1',
    spec: '0.25g*24粒',
    dosform: '胶囊剂',
    prodentp_name: '华北制药股份有限公司',
    unit: '盒',
    barcode: '6901234567892',
  }
  const merged = { ...base, ...overrides }
  return CATALOG_FILE_HEADER.split('\t').map((c) => merged[c] ?? '')
}

export async function importError(p: Promise<unknown>): Promise<CatalogImportError> {
  try {
    await p
  } catch (e) {
    if (e instanceof CatalogImportError) return e
    throw e
  }
  throw new Error('import succeeded but was expected to fail')
}

/** Every row of every catalog table, for "nothing changed" assertions. */
export function snapshot(db: Db): Record<string, unknown> {
  const count = (table: string) => db.prepare(`SELECT count(*) AS n FROM ${table}`).pluck().get()
  return {
    imports: db.prepare("SELECT generation, catalog, status, item_count FROM catalog_import WHERE status = 'active' ORDER BY generation").all(),
    national: db.prepare('SELECT * FROM national_item ORDER BY generation, hilist_code').all(),
    store: db.prepare('SELECT * FROM store_item ORDER BY id').all(),
    text: count('store_item_text'),
    grams: count('store_item_grams'),
  }
}
