import type { Db } from '../../base/store/database'
import type { CatalogFileItem } from '../../../shared/nhsa/catalog-file'
import { gtinCheckDigit } from '../../../shared/scan/gtin'
import { upsertCatalogItems } from '../domain/catalog'
import { padded } from '../store/ids'
import { seededRandom } from '../random'

/**
 * A deterministic synthetic national catalog for scale tests: the same (count, seed) always yields the
 * same items, so a client importing 500,000 items twice can be checked line by line.
 */
const HEADS = [
  '阿莫',
  '头孢',
  '布洛',
  '奥美',
  '氨氯',
  '二甲',
  '缬沙',
  '阿托',
  '辛伐',
  '硝苯',
  '克拉',
  '左氧',
  '甲硝',
  '双氯',
  '蒙脱',
  '厄贝',
  '替米',
  '格列',
  '瑞舒',
  '氯吡',
  '泮托',
  '雷贝',
  '孟鲁',
  '依那',
  '美托',
]
const MIDS = ['西', '沙', '拉', '地', '洛', '替', '普', '诺', '米', '芬', '达', '唑', '非', '格', '利']
const TAILS = ['林', '坦', '平', '酮', '唑', '星', '胺', '酸钠', '素', '醇', '尔', '汀', '雷', '特']
const DOSFORMS = [
  ['片', '片', '盒'],
  ['胶囊', '粒', '盒'],
  ['缓释片', '片', '盒'],
  ['颗粒', '袋', '盒'],
  ['口服液', '支', '盒'],
  ['软膏', 'g', '支'],
] as const
const STRENGTHS = ['5mg', '10mg', '20mg', '0.1g', '0.25g', '0.5g', '50mg', '100mg']
const PACKS = [6, 7, 10, 12, 14, 24, 28, 30, 36]
const MAKERS = ['华北制药', '石药集团', '扬子江药业', '齐鲁制药', '恒瑞医药', '修正药业', '辅仁药业', '太龙药业', '华润双鹤', '白云山']
const DEVICES = [
  '一次性使用无菌注射器',
  '医用外科口罩',
  '医用纱布块',
  '血糖试纸',
  '一次性使用输液器',
  '医用脱脂棉',
  '弹性绷带',
  '医用胶带',
  '无菌敷贴',
  '一次性使用导尿包',
]
const DEVICE_SPECS = ['1ml', '5ml', '10片', '50片', '100支', '5cm*7m', '10cm*10cm', '独立包装']

export function generateCatalogItems(count: number, seed: number): CatalogFileItem[] {
  const rnd = seededRandom(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]
  const prefix = padded(Math.abs(seed) % 1_000_000, 6)
  const offset = Math.floor(rnd() * 1e10)
  const items: CatalogFileItem[] = []
  for (let i = 0; i < count; i++) {
    const consumable = rnd() < 0.2
    const lv = rnd()
    const chrgitm_lv = lv < 0.45 ? '01' : lv < 0.85 ? '02' : '03'
    const selfpay = chrgitm_lv === '02' ? pick(['0.05', '0.10', '0.15', '0.20', '0.30']) : chrgitm_lv === '03' ? '1.00' : '0.00'
    const capped = rnd() < 0.3
    const cap = capped ? (Math.floor(rnd() * 50000) + 100) / 100 : null
    let barcode = ''
    if (rnd() < 0.6) {
      // (a·i + b) mod 10^10 with a coprime to 10 is a bijection: barcodes never repeat within a catalog.
      const serial = (BigInt(i) * 7919n + BigInt(offset)) % 10_000_000_000n
      const body = '69' + serial.toString().padStart(10, '0')
      barcode = body + gtinCheckDigit(body)
    }
    const maker = pick(MAKERS)
    if (consumable) {
      items.push({
        hilist_code: `C${prefix}${padded(i, 9)}`,
        hilist_name: pick(DEVICES),
        list_type: '301',
        chrgitm_lv,
        selfpay_prop: selfpay,
        pric_uplmt_amt: cap === null ? '' : cap.toFixed(2),
        rx_flag: '0',
        spec: pick(DEVICE_SPECS),
        dosform: '',
        prodentp_name: maker,
        unit: pick(['包', '盒', '个', '卷']),
        barcode,
      })
      continue
    }
    const [dosform, piece, unit] = pick(DOSFORMS)
    items.push({
      hilist_code: `X${prefix}${padded(i, 9)}`,
      hilist_name: `${pick(HEADS)}${pick(MIDS)}${pick(TAILS)}${dosform}`,
      list_type: '101',
      chrgitm_lv,
      selfpay_prop: selfpay,
      pric_uplmt_amt: cap === null ? '' : cap.toFixed(2),
      rx_flag: rnd() < 0.6 ? '1' : '0',
      spec: `${pick(STRENGTHS)}*${pick(PACKS)}${piece}`,
      dosform,
      prodentp_name: maker,
      unit,
      barcode,
    })
  }
  return items
}

export function generateCatalog(db: Db, count: number, seed: number): { count: number; ver: number } {
  return upsertCatalogItems(db, generateCatalogItems(count, seed))
}
