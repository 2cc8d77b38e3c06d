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

describe('stock uploads 3501–3507 (进销存) with their required fields', () => {
  const NIFEDIPINE = { med_list_codg: 'XC08CAA086A001010100437', fixmedins_hilist_id: 'SP00001', fixmedins_hilist_name: '硝苯地平缓释片(Ⅱ)', rx_flag: '1' }
  const LOT = { fixmedins_bchno: 'T01-20261201-000001', manu_lotnum: 'L2026001', manu_date: '2026-01-01', expy_end: '2028-01-01' }
  const sel = (codes: string[], extra: Record<string, unknown> = {}) => ({
    selinfo: {
      ...NIFEDIPINE,
      ...LOT,
      psn_cert_type: '01',
      mdtrt_sn: 'S0001',
      trdn_flag: '0',
      sel_retn_cnt: codes.length,
      sel_retn_time: '2026-03-02 10:00:00',
      sel_retn_opter_name: '张收银',
      mdtrt_setl_type: '2',
      prsc_dr_name: '王医生',
      phar_name: '李药师',
      phar_prac_cert_no: 'ZG41020250001',
      hi_feesetl_type: '2',
      rx_circ_flag: '0',
      rtal_docno: 'R0001',
      drugtracinfo: codes.map((drug_trac_codg) => ({ drug_trac_codg })),
      ...extra,
    },
  })
  const purchase = {
    purcinfo: {
      ...NIFEDIPINE,
      ...LOT,
      spler_name: '国药控股河南',
      prodentp_name: '某某制药',
      aprvno: '国药准字H10900089',
      purc_retn_cnt: 10,
      purc_retn_stoin_time: '2026-03-01 09:00:00',
      purc_retn_opter_name: '王店长',
      prod_geay_flag: '0',
    },
  }

  it('a code sells once; a return frees it; returns need a sale of the batch here', async () => {
    const s = await sandbox()
    const c = await signedIn(s)
    const code = '81234567890123456789'
    expect(ok<TransactionOutput<'3505'>>(await c.call('3505', sel([code]))).result).toEqual({ retRslt: '1', msgRslt: '受理成功' })
    refused(await c.call('3505', sel([code])), /已销售过/)
    // Codes of the newer spec are up to 100 characters; longer is refused.
    refused(await c.call('3505', sel(['1'.repeat(101)])), /至多 100 个字符/)
    const clinic = await signedIn(s, 'clinic')
    refused(await clinic.call('3506', sel([code])), /没有销售记录|未在本机构销售/)
    const { prsc_dr_name: _a, phar_name: _b, phar_prac_cert_no: _c, hi_feesetl_type: _d, rx_circ_flag: _e, rtal_docno: _f, ...returned } = sel([code]).selinfo
    ok(await c.call('3506', { selinfo: returned }))
    ok(await c.call('3505', sel([code])))
  })

  it('refuses a message missing a required field, naming it as a gateway does; an insured sale must name its settlement', async () => {
    const c = await signedIn(await sandbox())
    const without = (o: { [k: string]: Record<string, unknown> }, field: string) => {
      const [key, inner] = Object.entries(o)[0]
      const { [field]: _gone, ...rest } = inner
      return { [key]: rest }
    }
    refused(await c.call('3505', without(sel([]), 'manu_lotnum')), /selinfo\.manu_lotnum：缺少必填字段/)
    refused(await c.call('3505', without(sel([]), 'fixmedins_bchno')), /selinfo\.fixmedins_bchno：缺少必填字段/)
    refused(await c.call('3505', without(sel([]), 'phar_prac_cert_no')), /phar_prac_cert_no/)
    refused(await c.call('3505', sel([], { mdtrt_setl_type: '1' })), /须填写 setl_id 和 psn_no/)
    refused(await c.call('3503', without(purchase, 'aprvno')), /purcinfo\.aprvno：缺少必填字段/)
    refused(await c.call('3503', without(purchase, 'manu_date')), /purcinfo\.manu_date/)
    refused(await c.call('3503', { purcinfo: { ...purchase.purcinfo, med_list_codg: 'XX0000' } }), /医疗目录编码 med_list_codg XX0000 在医保目录中不存在/)
    ok(await c.call('3503', purchase))
    const { aprvno: _a, prodentp_name: _p, manu_lotnum: _l, prod_geay_flag: _g, ...ret } = purchase.purcinfo
    refused(await c.call('3504', { purcinfo: ret }), /purc_invo_no：缺少必填字段/)
    ok(await c.call('3504', { purcinfo: { ...ret, purc_invo_no: 'FP-1', purc_retn_cnt: 1 } }))
    const change = { invinfo: { ...NIFEDIPINE, fixmedins_bchno: LOT.fixmedins_bchno, inv_chg_type: '104', pric: 12.5, cnt: 1, inv_chg_time: '2026-03-03 10:00:00', trdn_flag: '0' } }
    refused(await c.call('3502', without(change, 'inv_chg_type')), /invinfo\.inv_chg_type/)
    ok(await c.call('3502', change))
    const count = { invinfo: { ...NIFEDIPINE, ...LOT, invdate: '2026-03-03', inv_cnt: 8 } }
    refused(await c.call('3501', without(count, 'expy_end')), /invinfo\.expy_end/)
    ok(await c.call('3501', count))
    ok(await c.call('3507', { data: { fixmedins_bchno: LOT.fixmedins_bchno, inv_data_type: '2' } }))
    refused(await c.call('3507', { data: { fixmedins_bchno: LOT.fixmedins_bchno, inv_data_type: '2' } }), /无可删除的进销存信息/)
  })
})
