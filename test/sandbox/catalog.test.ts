import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { isEan13 } from '../../electron/core/catalog/fields'
import { generateCatalogItems } from '../../electron/sandbox/catalog/generator'
import { demoCatalogItems, demoStoreItemsCsv, DEMO_PRODUCTS } from '../../electron/sandbox/demo/catalog'
import { NATIONAL_PATH } from '../../shared/nhsa/envelope'
import { columnIndex, NATIONAL_FILE_COLUMNS } from '../../shared/nhsa/national-file'
import type { TransactionOutput } from '../../shared/nhsa/transactions'
import type { SandboxClient } from '../../electron/sandbox/client'
import { ok, refused, sandbox, signedIn } from './helpers'

/** 1301/1306, then 9102 as real gateways answer it: the ZIP as the body, one text file inside. */
async function download(c: SandboxClient, infno: '1301' | '1306', ver = '0') {
  const list = ok<TransactionOutput<'1301'>>(await c.call(infno, { data: { ver } }))
  const body = JSON.stringify(c.envelope('9102', { fsDownloadIn: { file_qury_no: list.file_qury_no, fixmedins_code: c.options.fixmedins_code } }))
  const res = await fetch(c.options.url + NATIONAL_PATH, { method: 'POST', headers: c.headers(), body })
  const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()), { checkCRC32: true })
  const entries = Object.values(zip.files)
  const text = await entries[0]!.async('string')
  const rows = text.split('\n').filter((l) => l !== '').map((l) => l.split('\t'))
  return { list, entries: entries.map((e) => e.name), contentType: res.headers.get('content-type'), text, rows }
}

describe('catalog downloads 1301 / 1306 / 9102 and the 医保目录 queries 1312 / 1318 / 1319', () => {
  it('answers 1301/1306 as real gateways do and 9102 with a ZIP of the headerless file in its real columns', async () => {
    const s = await sandbox()
    const c = await signedIn(s)
    const drugs = await download(c, '1301')
    expect(Object.keys(drugs.list).sort()).toEqual(['data_cnt', 'dld_end_time', 'file_qury_no', 'filename'])
    expect(drugs.contentType).toBe('application/zip')
    expect(drugs.entries).toEqual([drugs.list.filename])
    expect(drugs.rows).toHaveLength(drugs.list.data_cnt)
    expect(drugs.rows.every((r) => r.length === NATIONAL_FILE_COLUMNS['1301'].length)).toBe(true)
    const valsartan = drugs.rows.find((r) => r[columnIndex('1301', 'med_list_codg')] === 'XC09CAX046A001010101937')!
    expect(valsartan[columnIndex('1301', 'drug_genname')]).toBe('缬沙坦胶囊')
    expect(valsartan[columnIndex('1301', 'otc_flag')]).toBe('0')
    expect(valsartan[columnIndex('1301', 'min_salunt')]).toBe('盒')
    // No header: the first line is an item.
    expect(drugs.text.startsWith('X') || drugs.text.startsWith('Z')).toBe(true)
    const consumables = await download(c, '1306')
    expect(consumables.rows.length).toBeGreaterThan(10)
    expect(consumables.rows.every((r) => r.length === NATIONAL_FILE_COLUMNS['1306'].length)).toBe(true)
    expect(drugs.rows.length + consumables.rows.length).toBe(demoCatalogItems().length)
    // Nothing changed since this version: an empty file.
    const latest = Math.max(...drugs.rows.map((r) => Number(r[columnIndex('1301', 'ver')])))
    const again = await download(c, '1301', String(latest))
    expect(again.list.data_cnt).toBe(0)
    expect(again.rows).toEqual([])
    refused(await c.call('9102', { fsDownloadIn: { file_qury_no: 'F-NONE' } }), /不存在/)
  })

  it('answers 9102 with a signed link only under the link-download quirk', async () => {
    const s = await sandbox({ quirks: 'link-download' })
    const c = await signedIn(s)
    const list = ok<TransactionOutput<'1301'>>(await c.call('1301', { data: { ver: '0' } }))
    const file = ok<TransactionOutput<'9102'>>(await c.call('9102', { fsDownloadIn: { file_qury_no: list.file_qury_no } }))
    expect(file.data.item_count).toBe(list.data_cnt)
    const res = await fetch(file.data.download_url, { headers: c.headers() })
    expect((await res.text()).split('\n')[0]!.split('\t')).toHaveLength(NATIONAL_FILE_COLUMNS['1301'].length)
    expect((await fetch(file.data.download_url)).status).toBe(401)
  })

  it('1312, 1318 and 1319 page through the 医保目录 with counts; class, cap and share are there', async () => {
    const s = await sandbox()
    const c = await signedIn(s)
    const page = ok<TransactionOutput<'1312'>>(await c.call('1312', { data: { updt_time: '2000-01-01 00:00:00', page_num: 2, page_size: 50 } }))
    expect(page.data).toHaveLength(50)
    expect(page).toMatchObject({ pageNum: 2, pageSize: 50, recordCounts: demoCatalogItems().length, pages: Math.ceil(demoCatalogItems().length / 50) })
    const code = 'XC09CAX046A001010101937'
    const one = ok<TransactionOutput<'1312'>>(await c.call('1312', { data: { hilist_code: code, page_num: 1, page_size: 10 } }))
    expect(one.data).toEqual([expect.objectContaining({ hilist_name: '缬沙坦胶囊', chrgitm_lv: '02', list_type: '101', vali_flag: '1' })])
    const cap = ok<TransactionOutput<'1318'>>(await c.call('1318', { data: { hilist_code: code, page_num: 1, page_size: 10 } }))
    expect(cap.data).toEqual([expect.objectContaining({ hilist_code: code, hilist_pric_uplmt_amt: 25 })])
    const share = ok<TransactionOutput<'1319'>>(await c.call('1319', { data: { hilist_code: code, page_num: 1, page_size: 10 } }))
    expect(share.data).toEqual([expect.objectContaining({ hilist_code: code, selfpay_prop: 0.1 })])
    refused(await c.call('1312', { data: { page_num: 0, page_size: 10 } }), /page_num/)
  })

  it('generates a deterministic catalog of any size, with unique codes and valid EAN-13 barcodes', async () => {
    const a = generateCatalogItems(2000, 42)
    expect(generateCatalogItems(2000, 42)).toEqual(a)
    expect(generateCatalogItems(2000, 43)).not.toEqual(a)
    expect(new Set(a.map((i) => i.hilist_code)).size).toBe(2000)
    const barcodes = a.filter((i) => i.barcode !== '')
    expect(barcodes.length).toBeGreaterThan(800)
    expect(barcodes.every((i) => isEan13(i.barcode))).toBe(true)
    expect(new Set(barcodes.map((i) => i.barcode)).size).toBe(barcodes.length)
    const s = await sandbox({ seed: 'none' })
    const c = await signedIn(s)
    const t0 = Date.now()
    const gen = await c.admin<{ count: number }>('POST', '/sandbox/catalog/generate', { count: 100_000, seed: 7 })
    expect(gen.body.count).toBe(100_000)
    const drugs = await download(c, '1301')
    const consumables = await download(c, '1306')
    expect(drugs.list.data_cnt + consumables.list.data_cnt).toBe(100_000)
    expect(drugs.rows).toHaveLength(drugs.list.data_cnt)
    expect(Date.now() - t0).toBeLessThan(30_000)
  })

  it('the committed demo store-items CSV is exactly what the demo data produces', () => {
    const file = readFileSync(join(__dirname, '../../electron/sandbox/demo/store-items.csv'), 'utf8')
    expect(file).toBe(demoStoreItemsCsv())
    const lines = file.trim().split('\n')
    expect(lines[0]).toBe('barcode,store_code,name,spec,maker,unit,price,stock,kind,national_code')
    const goods = lines.filter((l) => l.includes(',goods,'))
    expect(goods.length).toBeGreaterThan(5)
    expect(lines.slice(1).every((l) => isEan13(l.split(',')[0]!))).toBe(true)
    expect(DEMO_PRODUCTS.map((p) => p.kind)).toEqual(expect.arrayContaining(['drug', 'device', 'consumable']))
  })
})

describe('sale upload 3505 / 3506 with traceability codes', () => {
  it('a code sells once; a return frees it; returns need a sale here', async () => {
    const s = await sandbox()
    const c = await signedIn(s)
    const sel = (codes: string[]) => ({
      selinfo: {
        med_list_codg: 'XC08CAA086A001010100437',
        fixmedins_hilist_id: 'SP00001',
        fixmedins_hilist_name: '硝苯地平缓释片(Ⅱ)',
        fixmedins_bchno: 'L2026001',
        rx_flag: '1',
        sel_retn_cnt: codes.length,
        sel_retn_time: '2026-03-02 10:00:00',
        drugtracinfo: codes.map((drug_trac_codg) => ({ drug_trac_codg })),
      },
    })
    const code = '81234567890123456789'
    expect(ok<TransactionOutput<'3505'>>(await c.call('3505', sel([code]))).data.trac_cnt).toBe(1)
    refused(await c.call('3505', sel([code])), /已销售过/)
    refused(await c.call('3505', sel(['123'])), /追溯码须为 20 位数字/)
    const clinic = await signedIn(s, 'clinic')
    refused(await clinic.call('3506', sel([code])), /未在本机构销售/)
    ok(await c.call('3506', sel([code])))
    ok(await c.call('3505', sel([code])))
  })
})
