import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { CatalogImportErrorDataSchema } from '../../shared/catalog/schemas'
import { harness, importError, nationalFile, nationalItem, snapshot } from './helpers'

const A = nationalItem()
const B = nationalItem({
  hilist_code: 'XC10AAA123B002020200002',
  hilist_name: '阿托伐他汀钙片',
  chrgitm_lv: '02',
  selfpay_prop: '0.10',
  pric_uplmt_amt: '',
  rx_flag: '0',
  barcode: '',
})

describe('national catalog import', () => {
  it('imports every entry with money in fen and the ratio exact', async () => {
    const h = harness()
    const summary = await h.catalog.importNational('1301', h.file('1301.tsv', nationalFile([A, B])))
    expect(summary).toMatchObject({ catalog: 'national_1301', items: 2, sourceName: '1301.tsv' })
    expect(h.catalog.nationalEntry('XC10AAA123B002020200002')).toEqual({
      hilistCode: 'XC10AAA123B002020200002',
      hilistName: '阿托伐他汀钙片',
      listType: '101',
      chrgitmLv: '02',
      classLabel: '乙',
      selfpayProp: '0.10',
      priceCap: null,
      rxFlag: false,
      spec: '0.25g*24粒',
      dosform: '胶囊剂',
      maker: '华北制药股份有限公司',
      unit: '盒',
      barcode: null,
      // The flat list carries no pack facts (the national file's min_pac_cnt / min_useunt do).
      packCount: null,
      useUnit: '',
    })
    const row = h.db.prepare('SELECT price_cap_fen, selfpay_prop_bp FROM national_item WHERE hilist_code = ?').get(A[0])
    expect(row).toEqual({ price_cap_fen: 2500, selfpay_prop_bp: 0 })
    expect(h.catalog.status()).toMatchObject({ national_1301: { items: 2, sourceName: '1301.tsv' }, national_1306: null, store: null })
  })

  it('keeps the 1301 and 1306 lists apart: importing one never replaces the other', async () => {
    const h = harness()
    const swab = { hilist_code: 'C0101', hilist_name: '医用棉签', list_type: '301', barcode: '' }
    await h.catalog.importNational('1301', h.file('1301.tsv', nationalFile([A, B])))
    await h.catalog.importNational('1306', h.file('1306.tsv', nationalFile([nationalItem(swab)])))
    const repriced = nationalItem({ ...swab, chrgitm_lv: '02', selfpay_prop: '0.20' })
    await h.catalog.importNational('1306', h.file('1306-new.tsv', nationalFile([repriced])))
    expect(h.catalog.nationalEntry(A[0])).toMatchObject({ classLabel: '甲' })
    expect(h.catalog.nationalEntry('C0101')).toMatchObject({ listType: '301', classLabel: '乙', selfpayProp: '0.20' })
    expect(h.catalog.status()).toMatchObject({ national_1301: { items: 2 }, national_1306: { items: 1, sourceName: '1306-new.tsv' } })
  })

  it('refuses the wrong download: a consumable in a 1301 file, a drug in a 1306 file', async () => {
    const h = harness()
    const swab = nationalItem({ hilist_code: 'C0101', list_type: '301' })
    const asDrugs = await importError(h.catalog.importNational('1301', h.file('a.tsv', nationalFile([A, swab]))))
    expect(asDrugs).toMatchObject({ code: 'CATALOG_CORRUPT', line: 3, field: 'list_type' })
    expect(asDrugs.message).toBe('第 3 行：目录类别 301 不属于1301 西药中成药目录，请确认导入的是正确的文件')
    const asConsumables = await importError(h.catalog.importNational('1306', h.file('b.tsv', nationalFile([A]))))
    expect(asConsumables).toMatchObject({ code: 'CATALOG_CORRUPT', line: 2, field: 'list_type' })
    expect(h.catalog.status()).toMatchObject({ national_1301: null, national_1306: null })
  })

  it('accepts CRLF line ends and a BOM', async () => {
    const h = harness()
    const text = '\uFEFF' + nationalFile([A, B]).replace(/\n/g, '\r\n')
    await expect(h.catalog.importNational('1301', h.file('crlf.tsv', text))).resolves.toMatchObject({ items: 2 })
  })

  it('replaces the previous catalog as a whole', async () => {
    const h = harness()
    await h.catalog.importNational('1301', h.file('v1.tsv', nationalFile([A, B])))
    await h.catalog.importNational('1301', h.file('v2.tsv', nationalFile([nationalItem({ chrgitm_lv: '03', selfpay_prop: '1.00' })])))
    expect(h.catalog.nationalEntry(B[0])).toBeNull()
    expect(h.catalog.nationalEntry(A[0])).toMatchObject({ classLabel: '丙', selfpayProp: '1.00' })
    // The replaced generation's rows are purged, not merely hidden.
    expect(h.db.prepare('SELECT count(*) FROM national_item').pluck().get()).toBe(1)
  })

  describe('refuses a corrupt or truncated file, names the line and keeps the previous catalog', () => {
    const cases: { name: string; content: () => string | Buffer; code: string; line: number | null; field?: string | null; message?: string }[] = [
      {
        name: 'a price that is not an amount',
        content: () => nationalFile([A, B, nationalItem({ hilist_code: 'X3', pric_uplmt_amt: '12.3.4' })]),
        code: 'CATALOG_CORRUPT',
        line: 4,
        field: 'pric_uplmt_amt',
        message: '第 4 行：最高限价 "12.3.4" 不是有效金额（元，最多两位小数）',
      },
      {
        name: 'three decimals in a price',
        content: () => nationalFile([nationalItem({ pric_uplmt_amt: '1.005' })]),
        code: 'CATALOG_CORRUPT',
        line: 2,
        field: 'pric_uplmt_amt',
      },
      {
        name: 'an unknown class',
        content: () => nationalFile([A, nationalItem({ hilist_code: 'X2', chrgitm_lv: '04' })]),
        code: 'CATALOG_CORRUPT',
        line: 3,
        field: 'chrgitm_lv',
        message: '第 3 行：收费项目等级 "04" 不是 01 / 02 / 03 之一',
      },
      {
        name: 'a ratio above 1',
        content: () => nationalFile([nationalItem({ selfpay_prop: '1.5' })]),
        code: 'CATALOG_CORRUPT',
        line: 2,
        field: 'selfpay_prop',
      },
      {
        name: 'a barcode with a wrong check digit',
        content: () => nationalFile([nationalItem({ barcode: '6901234567893' })]),
        code: 'CATALOG_CORRUPT',
        line: 2,
        field: 'barcode',
        message: '第 2 行：条码 "6901234567893" 校验位错误',
      },
      {
        name: 'a missing field',
        content: () => nationalFile([A, A.slice(0, 11)]),
        code: 'CATALOG_CORRUPT',
        line: 3,
        field: null,
      },
      {
        name: 'a duplicate code (in any letter case)',
        content: () => nationalFile([A, B, nationalItem({ hilist_code: A[0].toLowerCase() })]),
        code: 'CATALOG_CORRUPT',
        line: 4,
        field: 'hilist_code',
        message: `第 4 行：医保目录编码 "${A[0].toLowerCase()}" 与第 2 行重复`,
      },
      {
        name: 'a wrong header',
        content: () => nationalFile([A]).replace('hilist_code', 'code'),
        code: 'CATALOG_CORRUPT',
        line: 1,
      },
      {
        name: 'a GBK-encoded file',
        content: () => iconv.encode(nationalFile([A, B]), 'gbk'),
        code: 'CATALOG_CORRUPT',
        line: 2,
      },
      {
        name: 'content after the trailer',
        content: () => nationalFile([A]) + B.join('\t') + '\n',
        code: 'CATALOG_CORRUPT',
        line: 4,
      },
      {
        name: 'a malformed trailer',
        content: () => nationalFile([A], '#END 1'),
        code: 'CATALOG_CORRUPT',
        line: 3,
      },
      {
        name: 'no trailer',
        content: () => nationalFile([A, B], null),
        code: 'CATALOG_TRUNCATED',
        line: 4,
      },
      {
        name: 'a trailer count that does not match',
        content: () => nationalFile([A, B], '#END\t3'),
        code: 'CATALOG_TRUNCATED',
        line: 4,
        message: '第 4 行：结束标记写明 3 条，文件中有 2 条，文件不完整',
      },
      {
        name: 'a file cut off inside a line',
        content: () => nationalFile([A, B], null).slice(0, -20),
        code: 'CATALOG_TRUNCATED',
        line: 3,
      },
      {
        name: 'a file cut off inside a Chinese character',
        content: () => Buffer.from(nationalFile([A, B], null)).subarray(0, Buffer.byteLength(nationalFile([A], null) + 'XC10AAA123B002020200002\t阿') - 1),
        code: 'CATALOG_TRUNCATED',
        line: 3,
      },
      { name: 'an empty file', content: () => '', code: 'CATALOG_TRUNCATED', line: 1 },
      { name: 'no items at all', content: () => nationalFile([]), code: 'CATALOG_EMPTY', line: null },
    ]
    for (const c of cases) {
      it(c.name, async () => {
        const h = harness()
        await h.catalog.importNational('1301', h.file('good.tsv', nationalFile([A, B])))
        const before = snapshot(h.db)
        const err = await importError(h.catalog.importNational('1301', h.file('bad.tsv', c.content())))
        expect(err.code).toBe(c.code)
        expect(err.line).toBe(c.line)
        if (c.field !== undefined) expect(err.field).toBe(c.field)
        if (c.message) expect(err.message).toBe(c.message)
        expect(err.reason).toMatch(/[\u4e00-\u9fa5]/)
        expect(CatalogImportErrorDataSchema.parse(err.toImportData())).toEqual(err.toImportData())
        expect(snapshot(h.db)).toEqual(before)
        const history = h.db.prepare("SELECT status, error_code FROM catalog_import WHERE source_name = 'bad.tsv'").get()
        expect(history).toEqual({ status: 'failed', error_code: c.code })
      })
    }
  })

  it('reports a file that cannot be read', async () => {
    const h = harness()
    const err = await importError(h.catalog.importNational('1301', `${h.dir}/missing.tsv`))
    expect(err.code).toBe('CATALOG_UNREADABLE')
  })
})
