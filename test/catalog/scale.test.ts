import { openSync, readSync, closeSync, writeFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { nationalItemAt, storeItemAt, writeGeneratedCatalogs } from '../../dev-tools/catalog-generator'
import { initialsOf, searchKey } from '../../electron/core/catalog/searchText'
import { harness, importError } from './helpers'

const COUNT = 500_000
const SEED = 5

/** Indices spread over the whole file, including both ends. */
const SAMPLE = [0, 1, 9, 19, 12_345, 99_999, 250_000, 250_009, 333_333, 499_990, COUNT - 1]

function head(file: string, bytes: number): Buffer {
  const fd = openSync(file, 'r')
  try {
    const buf = Buffer.alloc(bytes)
    readSync(fd, buf, 0, bytes, 0)
    return buf
  } finally {
    closeSync(fd)
  }
}

describe(`a generated catalog of ${COUNT.toLocaleString('en')} items`, () => {
  it('imports, answers every kind of lookup, and survives a truncated re-import unchanged', { timeout: 240_000 }, async () => {
    const h = harness()
    const files = writeGeneratedCatalogs(join(h.dir, 'gen'), { count: COUNT, seed: SEED })
    const { drugsFile, consumablesFile, storeFile } = files
    expect(files.drugs + files.consumables).toBe(COUNT)

    const drugs = await h.catalog.importNational('1301', drugsFile)
    const consumables = await h.catalog.importNational('1306', consumablesFile)
    expect([drugs.items, consumables.items]).toEqual([files.drugs, files.consumables])
    for (const i of SAMPLE) {
      const g = nationalItemAt(SEED, i)
      expect(h.catalog.nationalEntry(g.hilistCode)).toMatchObject({
        hilistName: g.hilistName,
        chrgitmLv: g.chrgitmLv,
        selfpayProp: g.selfpayProp,
        priceCap: g.priceCap === '' ? null : g.priceCap,
        barcode: g.barcode === '' ? null : g.barcode,
      })
    }

    const store = await h.catalog.importStoreItems(storeFile)
    expect(store).toMatchObject({ items: COUNT, nationalMatched: COUNT - COUNT / 10, nationalUnmatched: 0 })

    for (const i of SAMPLE) {
      const g = storeItemAt(SEED, i)
      const item = h.catalog.findByStoreCode(g.storeCode)
      expect(item).toMatchObject({ name: g.name, price: g.price, kind: g.kind, insuredEligible: g.kind !== 'goods' })
      expect(h.catalog.search(g.storeCode).hits[0]).toMatchObject({ storeCode: g.storeCode, match: 'storeCode' })
      if (g.barcode !== '') {
        expect(h.catalog.findByBarcode(g.barcode).map((x) => x.storeCode)).toContain(g.storeCode)
        expect(h.catalog.search(g.barcode).hits[0]).toMatchObject({ storeCode: g.storeCode, match: 'barcode' })
      }
      // Names repeat across makers, so check what every hit is, not that this item is among 20.
      const key = searchKey(g.name)
      const initials = initialsOf(key).primary.slice(0, 4)
      const byInitials = h.catalog.search(initials).hits
      expect(byInitials.length).toBeGreaterThan(0)
      for (const hit of byInitials) {
        if (hit.match === 'initials') expect(initialsOf(searchKey(hit.name)).all.some((s) => s.includes(initials))).toBe(true)
      }
      const part = [...key].slice(1, 3).join('')
      const byName = h.catalog.search(part).hits
      expect(byName.length).toBeGreaterThan(0)
      for (const hit of byName) if (hit.match === 'name') expect(searchKey(hit.name)).toContain(part)
    }

    // A download cut off a tenth of the way: refused, and the live catalog is the same one.
    const cut = join(h.dir, 'cut.tsv')
    writeFileSync(cut, head(drugsFile, Math.floor(statSync(drugsFile).size / 10)))
    const err = await importError(h.catalog.importNational('1301', cut))
    expect(err.code).toBe('CATALOG_TRUNCATED')
    expect(err.line).toBeGreaterThan(files.drugs / 12)
    expect(h.catalog.status().national_1301).toMatchObject({ generation: drugs.generation, items: files.drugs })
    expect(h.db.prepare('SELECT count(*) FROM national_item').pluck().get()).toBe(COUNT)
    const sample = storeItemAt(SEED, SAMPLE[4])
    expect(h.catalog.findByStoreCode(sample.storeCode)).toMatchObject({ nationalMatched: true })
  })
})
