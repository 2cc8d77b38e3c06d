import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { buildTerms, type TermsRows } from '../../electron/core/catalog/terms'
import { judgeAnswer, nationalFileLine, type Infno } from '../../shared/nhsa'
import type { ImportProgress } from '../../shared/catalog/schemas'
import { harness, importError, snapshot } from './helpers'

/** Rows in the platform's 1301 layout (92 columns, no header), as Guangzhou's reader takes them. */
const drug = (code: string, extra: Record<string, string> = {}) =>
  nationalFileLine('1301', {
    med_list_codg: code,
    drug_prodname: '代文',
    drug_genname: '缬沙坦胶囊',
    drug_dosform: 'A001',
    drug_dosform_name: '胶囊剂',
    drug_spec: '80mg*7粒',
    otc_flag: '0',
    min_useunt: '粒',
    min_salunt: '盒',
    min_pac_cnt: '7',
    prodentp_name: '北京诺华制药有限公司',
    vali_flag: '1',
    ...extra,
  })
const swab = (code: string) =>
  nationalFileLine('1306', {
    med_list_codg: code,
    mcs_name: '医用棉签',
    spec: '10支/包',
    pac_cnt: '10',
    min_useunt: '支',
    min_salunt: '包',
    prodentp_name: '稳健医疗',
    vali_flag: '1',
  })

async function zipOf(files: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new JSZip()
  for (const [name, content] of Object.entries(files)) zip.file(name, content)
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
}
const text = (lines: string[]) => lines.join('\n') + '\n'

/** The 1312/1318/1319 fixtures (Guangzhou's shapes) read as the client reads them. */
function fixtureRows(): TermsRows {
  const read = (file: string) => {
    const f = JSON.parse(readFileSync(join(__dirname, '../support/fixtures/nhsa', file), 'utf8')) as { infno: Infno; answer: unknown }
    const o = judgeAnswer(f.infno, { arrived: true, raw: f.answer })
    if (o.kind !== 'committed') throw new Error(`${file}: ${o.kind}`)
    return (o.output as unknown as { rows: never[] }).rows
  }
  return { classes: read('1312-guangzhou-list.json'), caps: read('1318-guangzhou-list.json'), selfpays: read('1319-guangzhou-list.json') }
}

const VALSARTAN = 'XC09CAX046A001010101937'
const ASPIRIN = 'XB01ACA056A001010100817'

describe("the platform's national file: a ZIP of headerless rows in the real columns", () => {
  it('imports 1301 and 1306 ZIPs, merging class, share and cap from 1312/1318/1319 into the generation', async () => {
    const h = harness()
    const terms = buildTerms(fixtureRows(), '2026-12-05')
    const zip = await zipOf({ '1301_20261205.txt': text([drug(VALSARTAN), drug(ASPIRIN, { drug_genname: '阿司匹林肠溶片', otc_flag: '1' })]) })
    const summary = await h.catalog.importNational('1301', h.file('1301.zip', zip), { terms, expectedRows: 2 })
    expect(summary).toMatchObject({ catalog: 'national_1301', items: 2, sourceName: '1301.zip' })
    // 乙 from 1312; the larger of the two persons' shares (1319); the cap from 1318.
    expect(h.catalog.nationalEntry(VALSARTAN)).toMatchObject({
      hilistName: '缬沙坦胶囊',
      listType: '101',
      classLabel: '乙',
      selfpayProp: '0.15',
      priceCap: '25.00',
      rxFlag: true,
      dosform: '胶囊剂',
      unit: '盒',
      maker: '北京诺华制药有限公司',
      barcode: null,
    })
    // Aspirin's 1312 row is retired and ended in 2023: not insured here, so self-paid in full.
    expect(h.catalog.nationalEntry(ASPIRIN)).toMatchObject({ classLabel: '丙', selfpayProp: '1.00', priceCap: null, rxFlag: false })
    const units = h.db.prepare('SELECT min_useunt, min_salunt, min_pac_cnt FROM national_item WHERE hilist_code = ?').get(VALSARTAN)
    expect(units).toEqual({ min_useunt: '粒', min_salunt: '盒', min_pac_cnt: 7 })

    await h.catalog.importNational('1306', h.file('1306.zip', await zipOf({ '1306.txt': text([swab('C1306000001')]) })))
    expect(h.catalog.nationalEntry('C1306000001')).toMatchObject({ listType: '301', classLabel: '丙', unit: '包', spec: '10支/包' })
    expect(h.catalog.status()).toMatchObject({ national_1301: { items: 2 }, national_1306: { items: 1 } })
  })

  it('reads the text taken out of the ZIP as well, past columns a later version appends, without a last newline', async () => {
    const h = harness()
    const content = [drug('X1') + '\tEXTRA\t2026', drug('X2', { vali_flag: '0' }), drug('X1', { drug_genname: '缬沙坦胶囊（新）' })].join('\n')
    const summary = await h.catalog.importNational('1301', h.file('1301.txt', content))
    // The retired row is left out; a code listed again replaces its earlier row.
    expect(summary.items).toBe(1)
    expect(h.catalog.nationalEntry('X1')).toMatchObject({ hilistName: '缬沙坦胶囊（新）' })
    expect(h.catalog.nationalEntry('X2')).toBeNull()
  })

  describe('refuses a bad file, names the line and column, and keeps the previous list', () => {
    const cases: {
      name: string
      list?: '1301' | '1306'
      file: () => Promise<Buffer | string>
      expectedRows?: number
      code: string
      line: number | null
      field?: string | null
      message?: RegExp
    }[] = [
      {
        name: 'a row with too few columns',
        file: async () => zipOf({ 'a.txt': text([drug('X1'), drug('X2').split('\t').slice(0, 40).join('\t')]) }),
        code: 'CATALOG_CORRUPT',
        line: 2,
        field: 'min_unt',
        message: /^第 2 行：应有 92 列（以 Tab 分隔），实际只有 40 列，从第 41 列 min_unt 起缺失/,
      },
      {
        name: 'the 1306 file imported as 1301',
        file: async () => zipOf({ 'a.txt': text([swab('C1')]) }),
        code: 'CATALOG_CORRUPT',
        line: 1,
        field: 'advaltax_adjm_drug_flag',
        message: /应有 92 列.*实际只有 71 列/,
      },
      {
        name: 'a code that is not a code',
        file: async () => zipOf({ 'a.txt': text([drug('X1'), drug('X 2')]) }),
        code: 'CATALOG_CORRUPT',
        line: 2,
        field: 'med_list_codg',
        message: /^第 2 行：医疗目录编码 "X 2" 应为 1-50 位字母或数字/,
      },
      {
        name: 'a ZIP cut short',
        file: async () => (await zipOf({ 'a.txt': text([drug('X1'), drug('X2')]) })).subarray(0, 200),
        code: 'CATALOG_CORRUPT',
        line: null,
        message: /ZIP 文件已损坏或不完整/,
      },
      {
        name: 'a ZIP whose data was altered (CRC-32)',
        file: async () => {
          // Stored uncompressed, so one byte of the text can be changed in place: only the CRC-32 tells.
          const stored = await new JSZip().file('a.txt', text([drug('X1'), drug('X2')])).generateAsync({ type: 'nodebuffer', compression: 'STORE' })
          stored[stored.indexOf('X2')] = 'Y'.charCodeAt(0)
          return stored
        },
        code: 'CATALOG_CORRUPT',
        line: null,
      },
      {
        name: 'a ZIP with two files',
        file: async () => zipOf({ 'a.txt': text([drug('X1')]), 'b.txt': text([drug('X2')]) }),
        code: 'CATALOG_CORRUPT',
        line: null,
        message: /应只含一个文本文件，实含 2 个/,
      },
      {
        name: 'fewer rows than 1301 announced',
        file: async () => zipOf({ 'a.txt': text([drug('X1'), drug('X2')]) }),
        expectedRows: 3,
        code: 'CATALOG_TRUNCATED',
        line: null,
        message: /文件有 2 行，医保平台说明有 3 条/,
      },
      { name: 'only retired rows', file: async () => zipOf({ 'a.txt': text([drug('X1', { vali_flag: '0' })]) }), code: 'CATALOG_EMPTY', line: null },
    ]
    for (const c of cases) {
      it(c.name, async () => {
        const h = harness()
        await h.catalog.importNational('1301', h.file('good.zip', await zipOf({ 'g.txt': text([drug(VALSARTAN)]) })))
        const before = snapshot(h.db)
        const err = await importError(h.catalog.importNational(c.list ?? '1301', h.file('bad.zip', await c.file()), { expectedRows: c.expectedRows }))
        expect(err.code).toBe(c.code)
        expect(err.line).toBe(c.line)
        if (c.field !== undefined) expect(err.field).toBe(c.field)
        if (c.message) expect(err.message).toMatch(c.message)
        expect(err.reason).toMatch(/[\u4e00-\u9fa5]/)
        expect(snapshot(h.db)).toEqual(before)
      })
    }
  })

  it('reports progress through a large file and cancels with nothing changed', async () => {
    const h = harness()
    const lines = Array.from({ length: 30_000 }, (_, i) => drug(`XG${String(i).padStart(9, '0')}`))
    const big = h.file('big.zip', await zipOf({ 'big.txt': text(lines) }))

    const seen: ImportProgress[] = []
    const done = await h.catalog.importNational('1301', big, { expectedRows: 30_000, onProgress: (p) => seen.push(p) })
    expect(done.items).toBe(30_000)
    const reading = seen.filter((p) => p.phase === 'reading')
    expect(reading.length).toBeGreaterThan(2)
    expect(reading.at(-1)).toMatchObject({ linesDone: 30_000 })
    expect(reading.at(-1)!.bytesDone).toBe(reading.at(-1)!.bytesTotal)
    expect(reading.map((p) => p.bytesDone)).toEqual([...reading.map((p) => p.bytesDone)].sort((a, b) => a - b))

    await h.catalog.importNational('1301', h.file('good2.zip', await zipOf({ 'g.txt': text([drug(VALSARTAN)]) })))
    const again = snapshot(h.db)
    const controller = new AbortController()
    const err = await importError(
      h.catalog.importNational('1301', big, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'reading' && p.linesDone > 0) controller.abort()
        },
      }),
    )
    expect(err.code).toBe('CATALOG_CANCELLED')
    expect(snapshot(h.db)).toEqual(again)
  })
})
