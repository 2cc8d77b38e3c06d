import { initialsOf, searchKey } from '../catalog'

export interface Searchable {
  code: string
  name: string
}

interface Indexed<T> {
  item: T
  code: string
  name: string
  initials: string[]
}

/**
 * Small in-memory lists (diagnoses, the price list) searched the way the catalog is: code prefix
 * (dots ignored: i10 finds I10.x00), then name, then pinyin initials (gxy finds 高血压).
 */
export class TextIndex<T extends Searchable> {
  private readonly rows: Indexed<T>[]

  constructor(items: readonly T[]) {
    this.rows = items.map((item) => {
      const name = searchKey(item.name)
      return { item, code: searchKey(item.code).replace(/\./g, ''), name, initials: initialsOf(name).all }
    })
  }

  get size() {
    return this.rows.length
  }

  search(query: string, limit: number): T[] {
    const q = searchKey(query)
    if (!q) return this.rows.slice(0, limit).map((r) => r.item)
    const code = q.replace(/\./g, '')
    const tiers: ((r: Indexed<T>) => boolean)[] = [
      (r) => r.code === code,
      (r) => r.code.startsWith(code),
      (r) => r.name.startsWith(q),
      (r) => r.name.includes(q),
      (r) => r.initials.some((i) => i.startsWith(q)),
      (r) => r.initials.some((i) => i.includes(q)),
    ]
    const seen = new Set<Indexed<T>>()
    const out: T[] = []
    for (const tier of tiers) {
      for (const r of this.rows) {
        if (out.length >= limit) return out
        if (!seen.has(r) && tier(r)) {
          seen.add(r)
          out.push(r.item)
        }
      }
    }
    return out
  }
}
