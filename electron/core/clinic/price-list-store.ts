import type { PriceItem } from './price-list'
import type { Db } from '../../base/store/database'

export interface PriceRow {
  code: string
  national_code: string
  name: string
  category: PriceItem['category']
  unit: string
  price: string
}

/** The clinic's price list (`clinic_price_items`), named. */
export class PriceListStore {
  constructor(private readonly db: Db) {}

  /** Replaces every item; the caller holds the transaction. */
  replace(items: readonly (PriceItem & { initials: string })[], at: string): void {
    this.db.prepare('DELETE FROM clinic_price_items').run()
    const insert = this.db.prepare(
      'INSERT INTO clinic_price_items (code, national_code, name, category, unit, price, initials, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    for (const i of items) insert.run(i.code, i.nationalCode, i.name, i.category, i.unit, i.price, i.initials, at)
  }

  isEmpty(): boolean {
    return !this.db.prepare('SELECT 1 FROM clinic_price_items LIMIT 1').get()
  }

  all(): PriceRow[] {
    return this.db.prepare('SELECT * FROM clinic_price_items ORDER BY code').all() as PriceRow[]
  }

  find(code: string): PriceRow | undefined {
    return this.db.prepare('SELECT * FROM clinic_price_items WHERE code = ?').get(code) as PriceRow | undefined
  }
}
