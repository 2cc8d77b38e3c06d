import { describe, expect, it } from 'vitest'
import { writeStoreItems } from '../../dev-tools/catalog-generator'
import type { ImportProgress } from '../../shared/catalog/schemas'
import { harness, importError, nationalFile, nationalItem, snapshot, storeFile } from './helpers'

const AMOX = nationalItem()
const ATOR = nationalItem({ hilist_code: 'XC10AAA123', hilist_name: '阿托伐他汀钙片', chrgitm_lv: '02', selfpay_prop: '0.10', pric_uplmt_amt: '' })

const ROWS = [
  '6901234567892,A001,阿莫西林胶囊,0.25g*24粒,华北制药,盒,18.50,40,drug,XJ01CAA040A001010100001',
  '6920000000011,A002,"阿托伐他汀钙片（立普妥）","20mg*7片,薄膜衣",辉瑞,盒,56.00,3,drug,XC10AAA123',
  '6930000000010,G001,"洗发水 ""清爽""",400ml,某日化,瓶,15.00,12,goods,',
  ',D001,电子血压计,臂式,鱼跃,台,199.00,0,device,C000000000010000',
]

async function withNational() {
  const h = harness()
  await h.catalog.importNational('1301', h.file('1301.tsv', nationalFile([AMOX, ATOR])))
  return h
}

describe('store items import', () => {
  it('imports CSV with quoting, matches national codes and reports the unmatched', async () => {
    const h = await withNational()
    const summary = await h.catalog.importStoreItems(h.file('items.csv', storeFile(ROWS)))
    expect(summary).toMatchObject({ catalog: 'store', items: 4, nationalMatched: 2, nationalUnmatched: 1 })
    expect(h.catalog.findByStoreCode('a002')).toMatchObject({
      name: '阿托伐他汀钙片（立普妥）',
      spec: '20mg*7片,薄膜衣',
      price: '56.00',
      classLabel: '乙',
      selfpayProp: '0.10',
      priceCap: null,
      insuredEligible: true,
    })
    expect(h.catalog.findByStoreCode('G001')).toMatchObject({ name: '洗发水 "清爽"', kind: 'goods', insuredEligible: false, classLabel: null })
    // A national code the national catalog does not know: sellable, shown, never insured.
    expect(h.catalog.findByStoreCode('D001')).toMatchObject({
      nationalCode: 'C000000000010000',
      nationalMatched: false,
      insuredEligible: false,
      barcode: null,
    })
  })

  it('replaces the items as a whole and purges the old rows from every index', async () => {
    const h = await withNational()
    await h.catalog.importStoreItems(h.file('v1.csv', storeFile(ROWS)))
    await h.catalog.importStoreItems(h.file('v2.csv', storeFile([ROWS[1].replace('56.00', '60.00')])))
    expect(h.catalog.findByStoreCode('A001')).toBeNull()
    expect(h.catalog.search('amxl').hits).toEqual([])
    expect(h.catalog.findByStoreCode('A002')?.price).toBe('60.00')
    for (const table of ['store_item', 'store_item_text', 'store_item_grams']) {
      expect(h.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(1)
    }
    expect(h.catalog.status().store).toMatchObject({ items: 1, sourceName: 'v2.csv' })
  })

  it('takes a BOM, CRLF lines and a quoted field spanning lines', async () => {
    const h = await withNational()
    const text = '\uFEFF' + storeFile([ROWS[0], '6940000000019,N001,"棉签\r\n加长",100支,某厂,包,3.50,9,consumable,']).replace(/\n/g, '\r\n')
    await expect(h.catalog.importStoreItems(h.file('bom.csv', text))).resolves.toMatchObject({ items: 2 })
    expect(h.catalog.findByStoreCode('N001')?.name).toBe('棉签 加长')
    expect(h.catalog.findByStoreCode('A001')?.maker).toBe('华北制药')
  })

  it('follows a later national import: class info comes from whichever national catalog is live', async () => {
    const h = await withNational()
    await h.catalog.importStoreItems(h.file('items.csv', storeFile(ROWS)))
    expect(h.catalog.findByStoreCode('A001')?.classLabel).toBe('甲')
    await h.catalog.importNational('1301', h.file('new.tsv', nationalFile([nationalItem({ chrgitm_lv: '03', selfpay_prop: '1.00' })])))
    expect(h.catalog.findByStoreCode('A001')).toMatchObject({ classLabel: '丙', selfpayProp: '1.00' })
    expect(h.catalog.findByStoreCode('A002')).toMatchObject({ nationalMatched: false, insuredEligible: false })
  })

  describe('refuses bad lines and keeps the previous items', () => {
    const cases: { name: string; content: string; code: string; line: number; field?: string | null; message?: string }[] = [
      {
        name: 'a price with two points',
        content: storeFile([ROWS[0], ROWS[1].replace('56.00', '12.3.4')]),
        code: 'CATALOG_CORRUPT',
        line: 3,
        field: 'price',
        message: '第 3 行：价格 "12.3.4" 不是有效金额（元，最多两位小数）',
      },
      { name: 'negative stock', content: storeFile([ROWS[0].replace(',40,', ',-1,')]), code: 'CATALOG_CORRUPT', line: 2, field: 'stock' },
      { name: 'an unknown kind', content: storeFile([ROWS[0].replace(',drug,', ',food,')]), code: 'CATALOG_CORRUPT', line: 2, field: 'kind' },
      {
        name: 'ordinary goods with a national code',
        content: storeFile([ROWS[2].replace(/,$/, ',XJ01CAA040A001010100001')]),
        code: 'CATALOG_CORRUPT',
        line: 2,
        field: 'national_code',
      },
      {
        name: 'a duplicate store code',
        content: storeFile([ROWS[0], ROWS[1], ROWS[2].replace('G001', 'a001')]),
        code: 'CATALOG_CORRUPT',
        line: 4,
        field: 'store_code',
        message: '第 4 行：店内编码 "a001" 与第 2 行重复',
      },
      { name: 'an empty name', content: storeFile([ROWS[0].replace('阿莫西林胶囊', ' ')]), code: 'CATALOG_CORRUPT', line: 2, field: 'name' },
      { name: 'too few fields', content: storeFile([ROWS[0], 'x,y']), code: 'CATALOG_CORRUPT', line: 3, field: null },
      { name: 'a control character', content: storeFile([ROWS[0].replace('华北制药', '华北\u0007制药')]), code: 'CATALOG_CORRUPT', line: 2, field: 'maker' },
      { name: 'a stray quote', content: storeFile([ROWS[0].replace('华北制药', '华北"制药')]), code: 'CATALOG_CORRUPT', line: 2 },
      { name: 'a wrong header', content: storeFile([ROWS[0]], 'code,name,price'), code: 'CATALOG_CORRUPT', line: 1 },
      {
        name: 'a file cut off inside a quoted field',
        content: storeFile([ROWS[0]]) + '6920000000011,A002,"阿托伐',
        code: 'CATALOG_TRUNCATED',
        line: 3,
      },
      {
        name: 'a file cut off inside the last line',
        content: storeFile([ROWS[0]]) + '6920000000011,A002,阿托伐他汀钙片,20mg,辉瑞,盒,5',
        code: 'CATALOG_TRUNCATED',
        line: 3,
      },
      { name: 'a header and nothing else', content: storeFile([]), code: 'CATALOG_EMPTY', line: 0 },
    ]
    for (const c of cases) {
      it(c.name, async () => {
        const h = await withNational()
        await h.catalog.importStoreItems(h.file('good.csv', storeFile(ROWS)))
        const before = snapshot(h.db)
        const err = await importError(h.catalog.importStoreItems(h.file('bad.csv', c.content)))
        expect(err.code).toBe(c.code)
        expect(err.line).toBe(c.line === 0 ? null : c.line)
        if (c.field !== undefined) expect(err.field).toBe(c.field)
        if (c.message) expect(err.message).toBe(c.message)
        expect(snapshot(h.db)).toEqual(before)
        expect(h.catalog.search('amxl').hits.map((x) => x.storeCode)).toEqual(['A001'])
      })
    }
  })

  it('reports progress and can be cancelled mid-way, leaving the previous items live', async () => {
    const h = await withNational()
    await h.catalog.importStoreItems(h.file('good.csv', storeFile(ROWS)))
    const before = snapshot(h.db)
    const big = `${h.dir}/big.csv`
    writeStoreItems(big, { count: 30_000, seed: 7 })
    const controller = new AbortController()
    const seen: ImportProgress[] = []
    const err = await importError(
      h.catalog.importStoreItems(big, {
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p)
          if (p.linesDone > 0) controller.abort()
        },
      }),
    )
    expect(err.code).toBe('CATALOG_CANCELLED')
    expect(seen[0]).toMatchObject({ catalog: 'store', phase: 'reading' })
    expect(seen[0].bytesDone).toBeLessThan(seen[0].bytesTotal)
    expect(snapshot(h.db)).toEqual(before)
  })

  it('reports progress to the end on success', async () => {
    const h = harness()
    const file = `${h.dir}/items.csv`
    writeStoreItems(file, { count: 20_000, seed: 3 })
    const seen: ImportProgress[] = []
    await h.catalog.importStoreItems(file, { onProgress: (p) => seen.push(p) })
    const reading = seen.filter((p) => p.phase === 'reading')
    expect(reading.length).toBeGreaterThan(1)
    expect(reading.at(-1)).toMatchObject({ linesDone: 20_001, bytesDone: reading[0].bytesTotal })
    expect(seen.map((p) => p.phase).slice(-2)).toEqual(['activating', 'cleanup'])
  })

  it('runs one import of a catalog at a time', async () => {
    const h = harness()
    const file = `${h.dir}/items.csv`
    writeStoreItems(file, { count: 5_000, seed: 3 })
    const first = h.catalog.importStoreItems(file)
    const err = await importError(h.catalog.importStoreItems(file))
    expect(err.code).toBe('CATALOG_BUSY')
    await expect(first).resolves.toMatchObject({ items: 5_000 })
  })

  it('purges the rows a crashed import left behind at the next import', async () => {
    const h = await withNational()
    await h.catalog.importStoreItems(h.file('good.csv', storeFile(ROWS)))
    // What a power cut mid-import leaves: a staging generation with some rows.
    const crashed = Number(
      h.db.prepare("INSERT INTO catalog_import (catalog, status, source_name, started_at) VALUES ('store', 'staging', 'x', 'now')").run().lastInsertRowid,
    )
    h.db
      .prepare(
        "INSERT INTO store_item (id, generation, store_code, name, name_key, initials, spec, maker, unit, price_fen, stock, kind) VALUES (9999, ?, 'Z1', '阿莫西林', '阿莫西林', 'amxl', '', '', '', 100, 1, 'drug')",
      )
      .run(crashed)
    h.db.prepare("INSERT INTO store_item_text (rowid, name_key, initials) VALUES (9999, '阿莫西林', 'amxl')").run()
    expect(h.catalog.search('amxl').hits.map((x) => x.storeCode)).toEqual(['A001'])
    await h.catalog.importStoreItems(h.file('again.csv', storeFile(ROWS)))
    expect(h.db.prepare('SELECT count(*) FROM store_item WHERE generation = ?').pluck().get(crashed)).toBe(0)
    expect(h.db.prepare('SELECT status FROM catalog_import WHERE generation = ?').pluck().get(crashed)).toBe('failed')
    expect(h.db.prepare('SELECT count(*) FROM store_item_text WHERE rowid = 9999').pluck().get()).toBe(0)
  })
})
