import { describe, expect, it } from 'vitest'
import { SearchHitSchema } from '../../shared/catalog/schemas'
import { harness, nationalFile, nationalItem, storeFile } from './helpers'

const NATIONAL = [
  nationalItem(),
  nationalItem({ hilist_code: 'XB01ACA056', hilist_name: '阿司匹林肠溶片', chrgitm_lv: '02', selfpay_prop: '0.05', rx_flag: '0', pric_uplmt_amt: '' }),
  nationalItem({ hilist_code: 'ZSHEN001', hilist_name: '参苓白术散', list_type: '101', chrgitm_lv: '03', selfpay_prop: '1.00' }),
]
const CONSUMABLES = [nationalItem({ hilist_code: 'C0101', hilist_name: '医用棉签', list_type: '301', rx_flag: '0', pric_uplmt_amt: '3.20' })]

const ITEMS = [
  '6901234567892,A001,阿莫西林胶囊,0.25g*24粒,华北制药,盒,18.50,40,drug,XJ01CAA040A001010100001',
  '6901234567908,A002,注射用阿莫西林钠,0.5g,石药,支,6.00,10,drug,',
  '6920000000011,A003,阿司匹林肠溶片,100mg*30片,拜耳,盒,15.80,8,drug,XB01ACA056',
  '6930000000010,B1,参苓白术散,6g*10袋,同仁堂,盒,22.00,5,drug,ZSHEN001',
  '6940000000019,M01,医用棉签,100支,振德,包,3.00,100,consumable,C0101',
  '6950000000018,G01,维生素C泡腾片（非药品）,20片,某食品,管,29.90,3,goods,',
  '4005808123458,6901234567892X,阿莫西林测试,1,x,个,1.00,1,drug,',
  '2000001,S-99,999感冒灵颗粒,10g*9袋,华润三九,盒,16.00,20,drug,',
]

async function setup() {
  const h = harness()
  await h.catalog.importNational('1301', h.file('1301.tsv', nationalFile(NATIONAL)))
  await h.catalog.importNational('1306', h.file('1306.tsv', nationalFile(CONSUMABLES)))
  await h.catalog.importStoreItems(h.file('items.csv', storeFile(ITEMS)))
  return h
}

const codes = (hits: { storeCode: string }[]) => hits.map((x) => x.storeCode)

describe('catalog search', () => {
  it('answers a scanned barcode with exactly that item first', async () => {
    const h = await setup()
    const { hits } = h.catalog.search('6901234567892')
    expect(hits[0]).toMatchObject({ storeCode: 'A001', match: 'barcode' })
    expect(h.catalog.findByBarcode('6901234567892').map((x) => x.storeCode)).toEqual(['A001'])
    expect(h.catalog.findByBarcode('6901234567899')).toEqual([])
  })

  it('finds by store code and national code, ignoring letter case', async () => {
    const h = await setup()
    expect(h.catalog.search('a003').hits[0]).toMatchObject({ storeCode: 'A003', match: 'storeCode' })
    expect(h.catalog.search('xb01aca056').hits[0]).toMatchObject({ storeCode: 'A003', match: 'nationalCode' })
    expect(h.catalog.search('s-9').hits[0]).toMatchObject({ storeCode: 'S-99', match: 'codePrefix' })
  })

  it('finds 阿莫西林 by its pinyin initials, at the start or inside a name', async () => {
    const h = await setup()
    const { hits } = h.catalog.search('amxl')
    expect(codes(hits).sort()).toEqual(['6901234567892X', 'A001', 'A002'])
    // Prefix of the initials ranks before a match inside them (zsyamxln).
    expect(hits.at(-1)).toMatchObject({ storeCode: 'A002', match: 'initials' })
  })

  it('reads polyphones both ways (参 as shen and can)', async () => {
    const h = await setup()
    expect(codes(h.catalog.search('slbz').hits)).toEqual(['B1'])
    expect(codes(h.catalog.search('clbz').hits)).toEqual(['B1'])
    expect(codes(h.catalog.search('sl').hits)).toEqual(['B1'])
    expect(codes(h.catalog.search('cl').hits)).toEqual(['B1'])
  })

  it('accepts the full-width letters of a Chinese input method', async () => {
    const h = await setup()
    expect(codes(h.catalog.search('ＡＭＸＬ').hits)).toContain('A001')
  })

  it('finds a name substring of any length, prefix matches first', async () => {
    const h = await setup()
    // Prefix matches in file order, then the substring match.
    expect(codes(h.catalog.search('阿莫').hits)).toEqual(['A001', '6901234567892X', 'A002'])
    expect(h.catalog.search('阿莫').hits.map((x) => x.match)).toEqual(['namePrefix', 'namePrefix', 'name'])
    expect(codes(h.catalog.search('西林钠').hits)).toEqual(['A002'])
    expect(codes(h.catalog.search('棉').hits)).toEqual(['M01'])
    expect(h.catalog.search('医用棉').hits.map((x) => x.match)).toEqual(['namePrefix'])
    expect(h.catalog.search('用棉').hits.map((x) => x.match)).toEqual(['name'])
    expect(h.catalog.search('肠溶片').hits.map((x) => x.match)).toEqual(['name'])
    expect(codes(h.catalog.search('泡腾').hits)).toEqual(['G01'])
  })

  it('ranks an exact code above everything else', async () => {
    const h = await setup()
    // "6901234567892X" is a store code and also contains the barcode of A001.
    expect(codes(h.catalog.search('6901234567892x').hits)[0]).toBe('6901234567892X')
    expect(h.catalog.search('6901234567892').hits.map((x) => x.match)).toEqual(['barcode', 'codePrefix'])
  })

  it('finds digits inside names (999) and barcode prefixes', async () => {
    const h = await setup()
    expect(h.catalog.search('999').hits[0]).toMatchObject({ storeCode: 'S-99', match: 'namePrefix' })
    // Barcode prefixes, then a store code with the same digits.
    expect(codes(h.catalog.search('69012345').hits)).toEqual(['A001', 'A002', '6901234567892X'])
  })

  it('carries class, cap, prescription flag, kind and insurability on every hit', async () => {
    const h = await setup()
    const all = ['amxl', '阿司匹林', '棉签', '参苓', '维生素', '999'].flatMap((q) => h.catalog.search(q).hits)
    for (const hit of all) expect(SearchHitSchema.parse(hit)).toEqual(hit)
    expect(h.catalog.search('A001').hits[0]).toMatchObject({
      price: '18.50',
      kind: 'drug',
      listType: '101',
      chrgitmLv: '01',
      classLabel: '甲',
      selfpayProp: '0.00',
      priceCap: '25.00',
      rxFlag: true,
      insuredEligible: true,
    })
    expect(h.catalog.search('阿司匹林').hits[0]).toMatchObject({ classLabel: '乙', selfpayProp: '0.05', priceCap: null, rxFlag: false })
    expect(h.catalog.search('棉签').hits[0]).toMatchObject({ kind: 'consumable', listType: '301', priceCap: '3.20' })
    expect(h.catalog.search('维生素').hits[0]).toMatchObject({ kind: 'goods', insuredEligible: false, classLabel: null })
    // No national code: sold at the store's price, cash only.
    expect(h.catalog.search('A002').hits[0]).toMatchObject({ nationalCode: null, insuredEligible: false, rxFlag: false })
  })

  it('honours the limit and answers nothing for an empty query or an empty catalog', async () => {
    const h = await setup()
    expect(h.catalog.search('a', { limit: 2 }).hits).toHaveLength(2)
    expect(h.catalog.search('   ').hits).toEqual([])
    const empty = harness()
    expect(empty.catalog.search('amxl').hits).toEqual([])
    expect(empty.catalog.findByBarcode('6901234567892')).toEqual([])
    expect(empty.catalog.findByStoreCode('A001')).toBeNull()
  })

  it('never lets FTS syntax in a query through', async () => {
    const h = await setup()
    for (const q of ['"', 'a" OR "b', 'NEAR(阿 莫)', '*', '阿莫"西', 'amx*', '- ^']) {
      expect(() => h.catalog.search(q)).not.toThrow()
    }
    expect(h.catalog.search('amx*').hits).toEqual([])
  })
})
