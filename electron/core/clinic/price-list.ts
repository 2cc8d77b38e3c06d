import { z } from 'zod'
import { PosError } from '../../../shared/contract'
import { PriceItemSchema } from '../../../shared/contract/clinic/schemas'
import { hasAtMostDecimals, yuan } from '../../../shared/money/money'
import { initialsOf, searchKey } from '../catalog/searchText'
import type { Db } from '../../base/store/database'
import { TextIndex } from './text-match'

export type PriceItem = z.infer<typeof PriceItemSchema>

export const PRICE_LIST_HEADER = ['code', 'national_code', 'name', 'category', 'unit', 'price'] as const
const CATEGORIES = new Set(['consult', 'exam', 'lab', 'treatment', 'material'])

/** One CSV record: commas separate, double quotes may wrap a field ("" is a quote inside). */
function fields(line: string): string[] {
  const out: string[] = []
  let cur = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"'
        i++
      } else if (c === '"') quoted = false
      else cur += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      out.push(cur)
      cur = ''
    } else cur += c
  }
  out.push(cur)
  return out.map((f) => f.trim())
}

const bad = (n: number, why: string) => new PosError('PRICE_LIST_INVALID', { line: n, why })

/** Parses the whole file or refuses it, naming the first bad line: a price list is never half imported. */
export function parsePriceList(text: string): PriceItem[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  const header = fields(lines[0] ?? '')
  if (header.join(',') !== PRICE_LIST_HEADER.join(',')) {
    throw new PosError('PRICE_LIST_INVALID', { header: PRICE_LIST_HEADER.join(',') })
  }
  const items: PriceItem[] = []
  const codes = new Set<string>()
  lines.forEach((line, i) => {
    const n = i + 1
    if (i === 0 || !line.trim()) return
    const f = fields(line)
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

interface Row {
  code: string
  national_code: string
  name: string
  category: PriceItem['category']
  unit: string
  price: string
}

const toItem = (r: Row): PriceItem => ({ code: r.code, nationalCode: r.national_code, name: r.name, category: r.category, unit: r.unit, price: r.price })

/** The clinic's price list in SQLite, with a small in-memory index rebuilt after each import. */
export class PriceList {
  private index: TextIndex<PriceItem> | undefined

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  /** Replaces the whole list in one transaction. Call inside the caller's transaction for the audit. */
  replace(items: PriceItem[]): void {
    const at = this.now().toISOString()
    this.db.prepare('DELETE FROM clinic_price_items').run()
    const insert = this.db.prepare(
      'INSERT INTO clinic_price_items (code, national_code, name, category, unit, price, initials, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    for (const i of items) insert.run(i.code, i.nationalCode, i.name, i.category, i.unit, i.price, initialsOf(searchKey(i.name)).primary, at)
    this.index = undefined
  }

  isEmpty(): boolean {
    return !this.db.prepare('SELECT 1 FROM clinic_price_items LIMIT 1').get()
  }

  all(): PriceItem[] {
    return (this.db.prepare('SELECT * FROM clinic_price_items ORDER BY code').all() as Row[]).map(toItem)
  }

  find(code: string): PriceItem | undefined {
    const r = this.db.prepare('SELECT * FROM clinic_price_items WHERE code = ?').get(code) as Row | undefined
    return r ? toItem(r) : undefined
  }

  search(query: string, limit: number): PriceItem[] {
    this.index ??= new TextIndex(this.all())
    return this.index.search(query, limit)
  }
}
