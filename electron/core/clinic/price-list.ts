import { z } from 'zod'
import { PosError } from '../../../shared/contract'
import { PriceItemSchema } from '../../../shared/contract/clinic/schemas'
import { hasAtMostDecimals, yuan } from '../../../shared/money/money'
import { CatalogImportError, CsvRecordReader, initialsOf, searchKey } from '../catalog'
import type { Db } from '../../base/store/database'
import { TextIndex } from './text-match'
import { PriceListStore, type PriceRow } from './price-list-store'

export type PriceItem = z.infer<typeof PriceItemSchema>

export const PRICE_LIST_HEADER = ['code', 'national_code', 'name', 'category', 'unit', 'price'] as const
const CATEGORIES = new Set(['consult', 'exam', 'lab', 'treatment', 'material'])

const bad = (n: number, why: string) => new PosError('PRICE_LIST_INVALID', { line: n, why })

/** The file's records, read by the catalog's RFC 4180 reader: one CSV reading, one strictness, for every import. */
function records(text: string): { fields: string[]; lineNo: number }[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  const reader = new CsvRecordReader()
  const out: { fields: string[]; lineNo: number }[] = []
  try {
    lines.forEach((line, i) => {
      const r = reader.push({ text: line, lineNo: i + 1, terminated: i < lines.length - 1 })
      if (r) out.push({ fields: r.fields.map((f) => f.trim()), lineNo: r.lineNo })
    })
    reader.finish()
  } catch (e) {
    if (e instanceof CatalogImportError) throw bad(e.line ?? lines.length, e.reason)
    throw e
  }
  return out
}

/** Parses the whole file or refuses it, naming the first bad line: a price list is never half imported. */
export function parsePriceList(text: string): PriceItem[] {
  const rows = records(text)
  const header = rows[0]?.fields ?? []
  if (header.join(',') !== PRICE_LIST_HEADER.join(',')) {
    throw new PosError('PRICE_LIST_INVALID', { header: PRICE_LIST_HEADER.join(',') })
  }
  const items: PriceItem[] = []
  const codes = new Set<string>()
  rows.forEach(({ fields: f, lineNo: n }, i) => {
    if (i === 0 || (f.length === 1 && !f[0])) return
    if (f.length !== PRICE_LIST_HEADER.length) throw bad(n, `应有 ${PRICE_LIST_HEADER.length} 列，实有 ${f.length} 列`)
    const [code, nationalCode, name, category, unit, price] = f
    if (!/^[A-Za-z0-9-]{1,30}$/.test(code)) throw bad(n, `项目编码「${code}」应为 1-30 位字母、数字或连字符`)
    if (codes.has(code)) throw bad(n, `项目编码 ${code} 重复`)
    if (!/^[A-Za-z0-9]{5,50}$/.test(nationalCode)) throw bad(n, `医保编码「${nationalCode}」格式不正确`)
    if (!name || name.length > 100) throw bad(n, '项目名称不能为空，最多 100 字')
    if (!CATEGORIES.has(category)) throw bad(n, `类别「${category}」应为 consult / exam / lab / treatment / material 之一`)
    if (!unit || unit.length > 20) throw bad(n, '单位不能为空')
    if (!/^\d+(\.\d+)?$/.test(price) || !hasAtMostDecimals(price, 2)) throw bad(n, `价格「${price}」应为非负数，最多两位小数`)
    codes.add(code)
    items.push(PriceItemSchema.parse({ code, nationalCode, name, category, unit, price: yuan(price).toFixed(2) }))
  })
  if (items.length === 0) throw new PosError('PRICE_LIST_INVALID', { empty: true })
  return items
}

const toItem = (r: PriceRow): PriceItem => ({ code: r.code, nationalCode: r.national_code, name: r.name, category: r.category, unit: r.unit, price: r.price })

/** The clinic's price list in SQLite, with a small in-memory index rebuilt after each import. */
export class PriceList {
  private index: TextIndex<PriceItem> | undefined
  private readonly rows: PriceListStore

  constructor(
    db: Db,
    private readonly now: () => Date,
  ) {
    this.rows = new PriceListStore(db)
  }

  /** Replaces the whole list in one transaction. Call inside the caller's transaction for the audit. */
  replace(items: PriceItem[]): void {
    const at = this.now().toISOString()
    this.rows.replace(
      items.map((i) => ({ ...i, initials: initialsOf(searchKey(i.name)).primary })),
      at,
    )
    this.index = undefined
  }

  isEmpty(): boolean {
    return this.rows.isEmpty()
  }

  all(): PriceItem[] {
    return this.rows.all().map(toItem)
  }

  find(code: string): PriceItem | undefined {
    const r = this.rows.find(code)
    return r ? toItem(r) : undefined
  }

  search(query: string, limit: number): PriceItem[] {
    this.index ??= new TextIndex(this.all())
    return this.index.search(query, limit)
  }
}
