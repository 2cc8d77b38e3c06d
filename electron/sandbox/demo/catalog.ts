import type { CatalogFileItem } from '../../../shared/nhsa/catalog-file'
import { gtinCheckDigit } from '../../../shared/scan/gtin'
import { generateCatalogItems } from '../catalog/generator'

/**
 * The demo catalog: hand-written items a cashier recognises (each with the store's price and stock for
 * the store-items list), then generated fillers so searches and downloads have a few hundred items.
 */
export interface DemoProduct {
  item: CatalogFileItem
  /** The store's shelf price in yuan. */
  price: string
  stock: number
  kind: 'drug' | 'device' | 'consumable'
}

/** A barcode of the Chinese (69) prefix with a valid EAN-13 check digit. */
export function demoBarcode(n: number): string {
  const body = '6901' + String(n).padStart(8, '0')
  return body + gtinCheckDigit(body)
}

type Row = [
  code: string,
  name: string,
  lv: '01' | '02' | '03',
  prop: string,
  cap: string,
  rx: '0' | '1',
  spec: string,
  dosform: string,
  maker: string,
  unit: string,
  price: string,
]

const DRUGS: Row[] = [
  ['XC08CAA086A001010100437', '硝苯地平缓释片(Ⅱ)', '01', '0.00', '', '1', '20mg*30片', '缓释片', '华润双鹤药业股份有限公司', '盒', '18.50'],
  ['XC08CAA083A001010104082', '苯磺酸氨氯地平片', '01', '0.00', '', '1', '5mg*7片', '片剂', '辉瑞制药有限公司', '盒', '20.00'],
  ['XC09CAX046A001010101937', '缬沙坦胶囊', '02', '0.10', '25.00', '1', '80mg*7粒', '胶囊剂', '北京诺华制药有限公司', '盒', '28.60'],
  ['XC09CAE017A001010101528', '厄贝沙坦片', '02', '0.10', '', '1', '0.15g*7片', '片剂', '赛诺菲(杭州)制药有限公司', '盒', '32.50'],
  ['XA10BAE025A001010102319', '盐酸二甲双胍片', '01', '0.00', '', '1', '0.25g*48片', '片剂', '中美上海施贵宝制药有限公司', '盒', '12.80'],
  ['XA10BBG067A001010101266', '格列美脲片', '02', '0.10', '', '1', '2mg*20片', '片剂', '赛诺菲(北京)制药有限公司', '盒', '45.00'],
  ['XC10AAA218A001010101045', '阿托伐他汀钙片', '02', '0.10', '', '1', '20mg*7片', '片剂', '辉瑞制药有限公司', '盒', '38.90'],
  ['XB01ACA056A001010100817', '阿司匹林肠溶片', '01', '0.00', '', '1', '100mg*30片', '肠溶片', '拜耳医药保健有限公司', '盒', '16.30'],
  ['XJ01CAA040A001010100235', '阿莫西林胶囊', '01', '0.00', '', '1', '0.25g*24粒', '胶囊剂', '石药集团中诺药业(石家庄)有限公司', '盒', '9.80'],
  ['XJ01DDK079A001010201783', '头孢克肟分散片', '02', '0.10', '', '1', '0.1g*6片', '分散片', '广州白云山制药股份有限公司', '盒', '26.00'],
  ['XA02BCA211E001010100512', '奥美拉唑肠溶胶囊', '01', '0.00', '', '1', '20mg*14粒', '肠溶胶囊', '常州四药制药有限公司', '盒', '15.60'],
  ['XM01AEB070N001010100943', '布洛芬缓释胶囊', '01', '0.00', '', '0', '0.3g*20粒', '缓释胶囊', '中美天津史克制药有限公司', '盒', '19.80'],
  ['XA07BCM127P001010100138', '蒙脱石散', '01', '0.00', '', '0', '3g*10袋', '散剂', '博福-益普生(天津)制药有限公司', '盒', '22.00'],
  ['XR06AXL065A001010100786', '氯雷他定片', '02', '0.10', '', '0', '10mg*6片', '片剂', '拜耳医药保健有限公司', '盒', '24.50'],
  ['XN02BAA038A001010104311', '阿司匹林泡腾片', '03', '1.00', '', '0', '0.5g*10片', '泡腾片', '拜耳医药保健有限公司', '盒', '25.00'],
  ['XB05XAV012B002010100459', '维生素C片', '03', '1.00', '', '0', '0.1g*100片', '片剂', '东北制药集团股份有限公司', '瓶', '6.50'],
  ['XA11CCA026A001010103927', '维生素D滴剂', '03', '1.00', '', '0', '400IU*30粒', '软胶囊', '青岛双鲸药业股份有限公司', '盒', '39.00'],
  ['ZA01AAL0208010104213', '连花清瘟胶囊', '02', '0.05', '', '0', '0.35g*24粒', '胶囊剂', '石家庄以岭药业股份有限公司', '盒', '26.80'],
  ['ZA04CAF0339010102637', '复方感冒灵颗粒', '02', '0.10', '', '0', '14g*9袋', '颗粒剂', '华润三九医药股份有限公司', '盒', '15.50'],
  ['ZA01BAB0251010100183', '板蓝根颗粒', '01', '0.00', '', '0', '10g*20袋', '颗粒剂', '广州白云山和记黄埔中药有限公司', '包', '13.00'],
  ['ZA06AAH0271010200458', '藿香正气水', '01', '0.00', '', '0', '10ml*10支', '酊剂', '太极集团重庆涪陵制药厂有限公司', '盒', '11.50'],
  ['ZA09FAL0392010104327', '六味地黄丸', '02', '0.10', '', '0', '200丸', '浓缩丸', '河南宛西制药股份有限公司', '瓶', '21.00'],
  ['ZA12HAS0183010102849', '速效救心丸', '01', '0.00', '', '0', '40mg*60粒*3瓶', '滴丸', '天津中新药业集团股份有限公司', '盒', '34.80'],
  ['XN05CFZ101A001010102635', '酒石酸唑吡坦片', '02', '0.10', '', '1', '10mg*7片', '片剂', '赛诺菲(杭州)制药有限公司', '盒', '33.00'],
  ['XR03DCM022A001010100371', '孟鲁司特钠片', '02', '0.10', '30.00', '1', '10mg*5片', '片剂', '杭州默沙东制药有限公司', '盒', '36.50'],
  ['XA02BCP039A001010100542', '泮托拉唑钠肠溶片', '01', '0.00', '', '1', '40mg*7片', '肠溶片', '杭州中美华东制药有限公司', '盒', '21.40'],
  ['XN06ABS032A001010100197', '盐酸舍曲林片', '02', '0.10', '', '1', '50mg*14片', '片剂', '辉瑞制药有限公司', '盒', '68.00'],
  ['XB03BAJ015A001010100764', '甲钴胺片', '02', '0.10', '', '1', '0.5mg*20片', '片剂', '卫材(中国)药业有限公司', '盒', '29.00'],
]

const CONSUMABLES: Row[] = [
  ['C14010101401000000001', '一次性使用无菌注射器', '01', '0.00', '', '0', '5ml 带针', '', '山东威高集团医用高分子制品股份有限公司', '支', '0.80'],
  ['C02040201402000000002', '医用外科口罩', '03', '1.00', '', '0', '10只/包', '', '稳健医疗用品股份有限公司', '包', '9.90'],
  ['C09060101401000000003', '血糖试纸', '02', '0.20', '', '0', '50片/盒', '', '三诺生物传感股份有限公司', '盒', '89.00'],
  ['C02030101401000000004', '医用纱布块', '01', '0.00', '', '0', '7.5cm*7.5cm*8层 10片', '', '振德医疗用品股份有限公司', '包', '5.50'],
  ['C02050301402000000005', '医用胶带', '01', '0.00', '', '0', '1.25cm*9.1m', '', '3M中国有限公司', '卷', '7.80'],
  ['C01020201402000000006', '一次性使用胰岛素笔针头', '02', '0.10', '', '0', '0.25mm*5mm 7支', '', '碧迪医疗器械(上海)有限公司', '盒', '32.00'],
  ['C02020101403000000007', '无菌敷贴', '01', '0.00', '', '0', '6cm*7cm 5片', '', '振德医疗用品股份有限公司', '盒', '6.00'],
  ['C07020201401000000008', '电子血压计', '03', '1.00', '', '0', 'U10K 上臂式', '', '欧姆龙(大连)有限公司', '台', '299.00'],
  ['C07030101402000000009', '血糖仪', '03', '1.00', '', '0', '安稳+Air', '', '三诺生物传感股份有限公司', '台', '168.00'],
  ['C13010101402000000010', '医用弹力绷带', '02', '0.10', '', '0', '7.5cm*4.5m', '', '稳健医疗用品股份有限公司', '卷', '12.00'],
]

function product(r: Row, n: number, listType: '101' | '301'): DemoProduct {
  const [code, name, lv, prop, cap, rx, spec, dosform, maker, unit, price] = r
  return {
    item: {
      hilist_code: code,
      hilist_name: name,
      list_type: listType,
      chrgitm_lv: lv,
      selfpay_prop: prop,
      pric_uplmt_amt: cap,
      rx_flag: rx,
      spec,
      dosform,
      prodentp_name: maker,
      unit,
      barcode: demoBarcode(n),
    },
    price,
    stock: 20 + ((n * 37) % 180),
    kind: listType === '101' ? 'drug' : name.endsWith('计') || name.endsWith('仪') ? 'device' : 'consumable',
  }
}

export const DEMO_PRODUCTS: DemoProduct[] = [...DRUGS.map((r, i) => product(r, 1001 + i, '101')), ...CONSUMABLES.map((r, i) => product(r, 2001 + i, '301'))]

/** Generated fillers: same seed every time, so the demo catalog is identical on every machine. */
export const DEMO_FILLER_SEED = 410100
export const DEMO_FILLER_COUNT = 260

export function demoCatalogItems(): CatalogFileItem[] {
  return [...DEMO_PRODUCTS.map((p) => p.item), ...generateCatalogItems(DEMO_FILLER_COUNT, DEMO_FILLER_SEED)]
}

/** Everyday goods: not in the national catalog, always cash, never sent to the platform. */
export const DEMO_GOODS: { name: string; spec: string; maker: string; unit: string; price: string }[] = [
  { name: '去屑洗发水', spec: '400ml', maker: '宝洁(中国)有限公司', unit: '瓶', price: '15.00' },
  { name: '含氟牙膏', spec: '120g', maker: '高露洁棕榄(中国)有限公司', unit: '支', price: '12.90' },
  { name: '抽纸', spec: '3层*100抽*3包', maker: '维达纸业(中国)有限公司', unit: '提', price: '9.90' },
  { name: '饮用天然水', spec: '550ml', maker: '农夫山泉股份有限公司', unit: '瓶', price: '2.00' },
  { name: '枸杞蜂蜜', spec: '500g', maker: '北京百花蜂业科技发展股份公司', unit: '瓶', price: '36.00' },
  { name: '护手霜', spec: '50g', maker: '上海家化联合股份有限公司', unit: '支', price: '18.00' },
  { name: '蛋白粉', spec: '455g', maker: '汤臣倍健股份有限公司', unit: '罐', price: '198.00' },
  { name: '保温杯', spec: '500ml', maker: '浙江哈尔斯真空器皿股份有限公司', unit: '个', price: '79.00' },
]

export const STORE_ITEMS_HEADER = 'barcode,store_code,name,spec,maker,unit,price,stock,kind,national_code'

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)

/** The store's own item list for the demo pharmacy (CSV), importable by the client. */
export function demoStoreItemsCsv(): string {
  const rows = DEMO_PRODUCTS.map((p, i) => [
    p.item.barcode,
    `SP${String(i + 1).padStart(5, '0')}`,
    p.item.hilist_name,
    p.item.spec,
    p.item.prodentp_name,
    p.item.unit,
    p.price,
    String(p.stock),
    p.kind,
    p.item.hilist_code,
  ])
  DEMO_GOODS.forEach((g, i) => {
    rows.push([demoBarcode(9001 + i), `SG${String(i + 1).padStart(5, '0')}`, g.name, g.spec, g.maker, g.unit, g.price, String(30 + i * 7), 'goods', ''])
  })
  return [STORE_ITEMS_HEADER, ...rows.map((r) => r.map(csvField).join(','))].join('\n') + '\n'
}
