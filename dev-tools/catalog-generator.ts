import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import type { NationalList } from '../shared/catalog/schemas'
import { gtinCheckDigit } from '../shared/scan/gtin'
import { CATALOG_FILE_HEADER, CATALOG_FILE_TRAILER } from '../shared/nhsa/catalog-file'
import { STORE_HEADER } from '../electron/core/catalog/storeFile'

/**
 * Deterministic synthetic catalogs in the real file formats, for tests and the bench. Item i depends
 * only on (seed, i), so a test can ask what line i holds without reading the file back.
 */

const STEMS = [
  '阿莫西林',
  '头孢克洛',
  '头孢呋辛酯',
  '布洛芬',
  '对乙酰氨基酚',
  '阿奇霉素',
  '罗红霉素',
  '左氧氟沙星',
  '奥美拉唑',
  '雷贝拉唑钠',
  '二甲双胍',
  '格列美脲',
  '阿卡波糖',
  '硝苯地平',
  '氨氯地平',
  '缬沙坦',
  '厄贝沙坦',
  '阿托伐他汀钙',
  '瑞舒伐他汀钙',
  '氯吡格雷',
  '阿司匹林',
  '甘草',
  '板蓝根',
  '999感冒灵',
  '藿香正气',
  '双黄连',
  '蒲地蓝消炎',
  '复方丹参',
  '六味地黄',
  '银翘解毒',
  '连花清瘟',
  '蒙脱石',
  '氯雷他定',
  '西替利嗪',
  '维生素C',
  '维生素B1',
  '葡萄糖酸钙',
  '参苓白术',
  '补中益气',
  '小柴胡',
]
const SYLLABLES = [...'阿莫西林头孢克洛布芬沙坦地平他汀唑霉素酮胺氯氟替韦利达普美诺塞康宁安泰舒瑞尼拉罗格卡米托伐奥帕伦福嗪咪昔酯钠钾钙']
const PREFIXES = ['', '', '', '', '复方', '注射用', '小儿', '盐酸', '硫酸', '精制']
const FORMS: readonly [string, string, string][] = [
  ['胶囊', '胶囊剂', '盒'],
  ['片', '片剂', '盒'],
  ['颗粒', '颗粒剂', '盒'],
  ['注射液', '注射剂', '支'],
  ['口服液', '合剂', '盒'],
  ['软膏', '软膏剂', '支'],
  ['滴眼液', '滴眼剂', '支'],
  ['缓释片', '片剂', '盒'],
  ['肠溶片', '片剂', '盒'],
  ['分散片', '片剂', '盒'],
  ['丸', '丸剂', '瓶'],
  ['散', '散剂', '袋'],
]
const HERBS = ['黄芪', '当归', '党参', '白术', '枸杞子', '茯苓', '川芎', '丹参', '金银花', '陈皮']
const CONSUMABLES = [
  '医用棉签',
  '一次性使用无菌注射器',
  '医用外科口罩',
  '医用纱布块',
  '医用胶带',
  '创可贴',
  '血糖试纸',
  '一次性使用导尿管',
  '医用脱脂棉',
  '弹性绷带',
]
const GOODS = ['洗发水', '牙膏', '抽纸', '矿泉水', '保温杯', '润喉糖', '护手霜', '湿巾']
const MAKERS = [
  '华北制药股份有限公司',
  '石药集团欧意药业有限公司',
  '广州白云山制药股份有限公司',
  '哈药集团制药总厂',
  '修正药业集团股份有限公司',
  '北京同仁堂股份有限公司',
  '扬子江药业集团有限公司',
  '华润三九医药股份有限公司',
  '云南白药集团股份有限公司',
  '振德医疗用品股份有限公司',
  '稳健医疗用品股份有限公司',
  '鱼跃医疗设备股份有限公司',
]
const ATC = ['A01AB', 'J01CA', 'N02BE', 'C08CA', 'A10BA', 'R06AE', 'C10AA', 'B01AC']

/** A 32-bit avalanche hash of (seed, i, salt): independent draws without a shared PRNG state. */
function draw(seed: number, i: number, salt: number): number {
  let h = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(i + 1, 0xc2b2ae35) ^ Math.imul(salt + 7, 0x27d4eb2f)) >>> 0
  h ^= h >>> 16
  h = Math.imul(h, 0x7feb352d)
  h ^= h >>> 15
  h = Math.imul(h, 0x846ca68b)
  h ^= h >>> 16
  return h >>> 0
}

function pick<T>(list: readonly T[], seed: number, i: number, salt: number): T {
  return list[draw(seed, i, salt) % list.length]
}

function fenString(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`
}

/** EAN-13 with a valid check digit, unique per (prefix, n). */
export function ean13(prefix: string, n: number): string {
  const first12 = prefix + String(n).padStart(12 - prefix.length, '0')
  return first12 + gtinCheckDigit(first12)
}

export interface GeneratedNationalItem {
  hilistCode: string
  hilistName: string
  listType: '101' | '102' | '103' | '301'
  chrgitmLv: '01' | '02' | '03'
  selfpayProp: string
  priceCap: string
  rxFlag: '0' | '1'
  spec: string
  dosform: string
  maker: string
  unit: string
  barcode: string
}

export function nationalItemAt(seed: number, i: number): GeneratedNationalItem {
  const kindDraw = draw(seed, i, 1) % 100
  const lvDraw = draw(seed, i, 2) % 10
  const chrgitmLv = lvDraw < 4 ? '01' : lvDraw < 8 ? '02' : '03'
  const selfpayProp = chrgitmLv === '01' ? '0.00' : chrgitmLv === '03' ? '1.00' : pick(['0.05', '0.10', '0.20', '0.30'], seed, i, 3)
  const capFen = draw(seed, i, 4) % 2 === 0 ? '' : fenString(100 + (draw(seed, i, 5) % 50_000))
  const barcode = draw(seed, i, 6) % 5 === 0 ? '' : ean13('69', i)
  const maker = pick(MAKERS, seed, i, 7)
  if (kindDraw < 18) {
    return {
      hilistCode: `C${String(i).padStart(12, '0')}0000`,
      hilistName: pick(CONSUMABLES, seed, i, 8),
      listType: '301',
      chrgitmLv,
      selfpayProp,
      priceCap: capFen,
      rxFlag: '0',
      spec: `${1 + (draw(seed, i, 9) % 100)}${pick(['支', '片', '只', 'cm'], seed, i, 10)}`,
      dosform: '',
      maker,
      unit: pick(['包', '盒', '个'], seed, i, 11),
      barcode,
    }
  }
  const herbal = kindDraw < 26
  const stem =
    draw(seed, i, 12) % 2 === 0
      ? pick(STEMS, seed, i, 13)
      : Array.from({ length: 2 + (draw(seed, i, 14) % 3) }, (_, k) => pick(SYLLABLES, seed, i, 20 + k)).join('')
  const [form, dosform, unit] = pick(FORMS, seed, i, 15)
  return {
    hilistCode: `X${pick(ATC, seed, i, 16)}${String(i).padStart(10, '0')}`,
    hilistName: herbal ? `${pick(HERBS, seed, i, 17)}饮片` : `${pick(PREFIXES, seed, i, 18)}${stem}${form}`,
    listType: herbal ? '102' : kindDraw < 28 ? '103' : '101',
    chrgitmLv,
    selfpayProp,
    priceCap: capFen,
    rxFlag: draw(seed, i, 19) % 2 === 0 ? '1' : '0',
    spec: herbal
      ? `${10 * (1 + (draw(seed, i, 9) % 50))}g`
      : `${pick(['0.1', '0.25', '0.5', '10'], seed, i, 9)}${pick(['g', 'mg', 'ml'], seed, i, 10)}*${pick([6, 12, 24, 36], seed, i, 11)}${unit === '盒' ? '粒' : '支'}`,
    dosform: herbal ? '饮片' : dosform,
    maker,
    unit: herbal ? '袋' : unit,
    barcode,
  }
}

export interface GeneratedStoreItem {
  barcode: string
  storeCode: string
  name: string
  spec: string
  maker: string
  unit: string
  price: string
  stock: string
  kind: 'drug' | 'device' | 'consumable' | 'goods'
  nationalCode: string
}

/** Store item i: every tenth is ordinary goods, the rest sell national item i. */
export function storeItemAt(seed: number, i: number): GeneratedStoreItem {
  const storeCode = `S${String(i + 1).padStart(8, '0')}`
  const price = fenString(50 + (draw(seed, i, 30) % 30_000))
  const stock = String(draw(seed, i, 31) % 500)
  if (i % 10 === 9) {
    return {
      barcode: ean13('68', i),
      storeCode,
      name: pick(GOODS, seed, i, 32),
      spec: draw(seed, i, 33) % 4 === 0 ? '200ml,家庭装' : '1件',
      maker: pick(MAKERS, seed, i, 34),
      unit: '件',
      price,
      stock,
      kind: 'goods',
      nationalCode: '',
    }
  }
  const n = nationalItemAt(seed, i)
  const consumable = n.listType === '301'
  return {
    barcode: n.barcode,
    storeCode,
    name: n.hilistName,
    // Commas force RFC 4180 quoting in a share of the lines.
    spec: draw(seed, i, 35) % 20 === 0 ? `${n.spec},整盒` : n.spec,
    maker: n.maker,
    unit: n.unit,
    price,
    stock,
    kind: consumable ? (draw(seed, i, 36) % 3 === 0 ? 'device' : 'consumable') : 'drug',
    nationalCode: n.hilistCode,
  }
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

export function nationalLine(item: GeneratedNationalItem): string {
  return [
    item.hilistCode,
    item.hilistName,
    item.listType,
    item.chrgitmLv,
    item.selfpayProp,
    item.priceCap,
    item.rxFlag,
    item.spec,
    item.dosform,
    item.maker,
    item.unit,
    item.barcode,
  ].join('\t')
}

export function storeLine(item: GeneratedStoreItem): string {
  return [item.barcode, item.storeCode, item.name, item.spec, item.maker, item.unit, item.price, item.stock, item.kind, item.nationalCode]
    .map(csvField)
    .join(',')
}

/** Writes header, lines and trailer in 10,000-line chunks; answers the number of lines written. */
function writeLines(file: string, header: string, lines: Iterable<string>, trailer?: (count: number) => string): number {
  const fd = openSync(file, 'w')
  let count = 0
  try {
    writeSync(fd, header + '\n')
    const chunk: string[] = []
    for (const line of lines) {
      chunk.push(line)
      count++
      if (chunk.length === 10_000) {
        writeSync(fd, chunk.join('\n') + '\n')
        chunk.length = 0
      }
    }
    if (chunk.length > 0) writeSync(fd, chunk.join('\n') + '\n')
    if (trailer) writeSync(fd, trailer(count) + '\n')
  } finally {
    closeSync(fd)
  }
  return count
}

export interface GenerateOptions {
  count: number
  seed?: number
}

/** The download a generated entry belongs to: consumables come with 1306, everything else with 1301. */
export function listOf(item: GeneratedNationalItem): NationalList {
  return item.listType === '301' ? '1306' : '1301'
}

/** The entries among 0..count-1 that belong to `list`, as a national file; answers how many. */
export function writeNationalCatalog(file: string, list: NationalList, { count, seed = 1 }: GenerateOptions): number {
  function* lines() {
    for (let i = 0; i < count; i++) {
      const item = nationalItemAt(seed, i)
      if (listOf(item) === list) yield nationalLine(item)
    }
  }
  return writeLines(file, CATALOG_FILE_HEADER, lines(), (n) => `${CATALOG_FILE_TRAILER}\t${n}`)
}

export function writeStoreItems(file: string, { count, seed = 1 }: GenerateOptions): void {
  function* lines() {
    for (let i = 0; i < count; i++) yield storeLine(storeItemAt(seed, i))
  }
  writeLines(file, STORE_HEADER, lines())
}

export interface GeneratedFiles {
  /** 1301 and 1306 files that together hold national entries 0..count-1. */
  drugsFile: string
  consumablesFile: string
  drugs: number
  consumables: number
  /** Store items 0..count-1, nine in ten selling national entry i. */
  storeFile: string
}

export function writeGeneratedCatalogs(dir: string, opts: GenerateOptions): GeneratedFiles {
  mkdirSync(dir, { recursive: true })
  const drugsFile = join(dir, `1301-${opts.count}.tsv`)
  const consumablesFile = join(dir, `1306-${opts.count}.tsv`)
  const storeFile = join(dir, `store-${opts.count}.csv`)
  const drugs = writeNationalCatalog(drugsFile, '1301', opts)
  const consumables = writeNationalCatalog(consumablesFile, '1306', opts)
  writeStoreItems(storeFile, opts)
  return { drugsFile, consumablesFile, drugs, consumables, storeFile }
}
