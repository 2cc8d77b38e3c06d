import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { generateCatalogItems } from '../../electron/sandbox/catalog/generator'
import { demoCatalogItems, demoStoreItemsCsv, DEMO_PRODUCTS } from '../../electron/sandbox/demo/catalog'
import { isValidEan13, parseCatalogFile, CATALOG_FILE_HEADER } from '../../shared/nhsa/catalog-file'
import type { TransactionOutput } from '../../shared/nhsa/transactions'
import type { SandboxClient } from '../../electron/sandbox/client'
import { ok, refused, sandbox, signedIn } from './helpers'

async function download(c: SandboxClient, infno: '1301' | '1306', ver = '0') {
  const list = ok<TransactionOutput<'1301'>>(await c.call(infno, { data: { ver } }))
  const file = ok<TransactionOutput<'9102'>>(await c.call('9102', { fsDownloadIn: { file_qury_no: list.data.file_qury_no } }))
  const res = await fetch(file.data.download_url, { headers: c.headers() })
  const text = await res.text()
  return { list, file, text, status: res.status }
}

describe('catalog downloads 1301 / 1306 / 9102 and 1312', () => {
  it('downloads the demo drug and consumable catalogs in the agreed file format', async () => {
    const s = await sandbox()
    const c = await signedIn(s)
    const drugs = await download(c, '1301')
    expect(drugs.status).toBe(200)
    expect(drugs.text.split('\n')[0]).toBe(CATALOG_FILE_HEADER)
    expect(drugs.text.endsWith(`#END\t${drugs.list.data.item_count}\n`)).toBe(true)
    const parsed = parseCatalogFile(drugs.text)
    if (!parsed.ok) throw new Error(parsed.message)
    expect(parsed.items.every((i) => i.list_type === '101')).toBe(true)
    expect(parsed.items.find((i) => i.hilist_name === '缬沙坦胶囊')).toMatchObject({ chrgitm_lv: '02', selfpay_prop: '0.10', pric_uplmt_amt: '25.00', rx_flag: '1' })
    expect(drugs.file.data.item_count).toBe(parsed.items.length)
    const consumables = await download(c, '1306')
    const pc = parseCatalogFile(consumables.text)
    if (!pc.ok) throw new Error(pc.message)
    expect(pc.items.length).toBeGreaterThan(10)
    expect(pc.items.every((i) => i.list_type === '301')).toBe(true)
    expect(parsed.items.length + pc.items.length).toBe(demoCatalogItems().length)
    // Nothing changed since this version: an empty file, still with header and trailer.
    const again = await download(c, '1301', drugs.list.data.ver)
    expect(again.list.data.item_count).toBe(0)
    expect(parseCatalogFile(again.text)).toEqual({ ok: true, items: [] })
    // Without the trailer the file is recognisably cut short; unsigned downloads are refused.
    expect(parseCatalogFile(drugs.text.slice(0, drugs.text.lastIndexOf('#END')))).toMatchObject({ ok: false, error: 'truncated' })
    expect((await fetch(drugs.file.data.download_url)).status).toBe(401)
    refused(await c.call('9102', { fsDownloadIn: { file_qury_no: 'F-NONE' } }), /不存在/)
  })

  it('1312 pages through the catalog and finds an item by code', async () => {
    const s = await sandbox()
    const c = await signedIn(s)
    const page = ok<TransactionOutput<'1312'>>(await c.call('1312', { data: { page_num: 2, page_size: 50 } }))
    expect(page.data).toHaveLength(50)
    expect(page.total).toBe(demoCatalogItems().length)
    const one = ok<TransactionOutput<'1312'>>(await c.call('1312', { data: { hilist_code: 'XC09CAX046A001010101937', page_num: 1, page_size: 10 } }))
    expect(one.data).toEqual([expect.objectContaining({ hilist_name: '缬沙坦胶囊', pric_uplmt_amt: 25, lmt_used_flag: '1' })])
    refused(await c.call('1312', { data: { page_num: 0, page_size: 10 } }), /page_num/)
  })

  it('generates a deterministic catalog of any size, with unique codes and valid EAN-13 barcodes', async () => {
    const a = generateCatalogItems(2000, 42)
    expect(generateCatalogItems(2000, 42)).toEqual(a)
    expect(generateCatalogItems(2000, 43)).not.toEqual(a)
    expect(new Set(a.map((i) => i.hilist_code)).size).toBe(2000)
    const barcodes = a.filter((i) => i.barcode !== '')
    expect(barcodes.length).toBeGreaterThan(800)
    expect(barcodes.every((i) => isValidEan13(i.barcode))).toBe(true)
    expect(new Set(barcodes.map((i) => i.barcode)).size).toBe(barcodes.length)
    const s = await sandbox({ seed: 'none' })
    const c = await signedIn(s)
    const t0 = Date.now()
    const gen = await c.admin<{ count: number }>('POST', '/sandbox/catalog/generate', { count: 100_000, seed: 7 })
    expect(gen.body.count).toBe(100_000)
    const drugs = await download(c, '1301')
    const consumables = await download(c, '1306')
    expect(drugs.list.data.item_count + consumables.list.data.item_count).toBe(100_000)
    expect(Date.now() - t0).toBeLessThan(20_000)
    const parsed = parseCatalogFile(drugs.text)
    expect(parsed.ok).toBe(true)
  })

  it('the committed demo store-items CSV is exactly what the demo data produces', () => {
    const file = readFileSync(join(__dirname, '../../electron/sandbox/demo/store-items.csv'), 'utf8')
    expect(file).toBe(demoStoreItemsCsv())
    const lines = file.trim().split('\n')
    expect(lines[0]).toBe('barcode,store_code,name,spec,maker,unit,price,stock,kind,national_code')
    const goods = lines.filter((l) => l.includes(',goods,'))
    expect(goods.length).toBeGreaterThan(5)
    expect(lines.slice(1).every((l) => isValidEan13(l.split(',')[0]))).toBe(true)
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
