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
  const rows = text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split('\t'))
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
    const gen = await c.admin<{ count: number }>('POST', '/sandbox/catalog/generate', { count: 100_000, seed: 7 })
    expect(gen.body.count).toBe(100_000)
    const drugs = await download(c, '1301')
    const consumables = await download(c, '1306')
    expect(drugs.list.data_cnt + consumables.list.data_cnt).toBe(100_000)
    expect(drugs.rows).toHaveLength(drugs.list.data_cnt)
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
    const change = {
      invinfo: {
        ...NIFEDIPINE,
        fixmedins_bchno: LOT.fixmedins_bchno,
        inv_chg_type: '104',
        pric: 12.5,
        cnt: 1,
        inv_chg_time: '2026-03-03 10:00:00',
        trdn_flag: '0',
      },
    }
    refused(await c.call('3502', without(change, 'inv_chg_type')), /invinfo\.inv_chg_type/)
    ok(await c.call('3502', change))
    const count = { invinfo: { ...NIFEDIPINE, ...LOT, invdate: '2026-03-03', inv_cnt: 8 } }
    refused(await c.call('3501', without(count, 'expy_end')), /invinfo\.expy_end/)
    ok(await c.call('3501', count))
    ok(await c.call('3507', { data: { fixmedins_bchno: LOT.fixmedins_bchno, inv_data_type: '2' } }))
    refused(await c.call('3507', { data: { fixmedins_bchno: LOT.fixmedins_bchno, inv_data_type: '2' } }), /无可删除的进销存信息/)
  })
})
