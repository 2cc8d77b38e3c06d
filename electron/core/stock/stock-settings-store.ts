import { StockSettingsSchema, type StockSettings } from '../../../shared/contract/stock/schemas'
import type { AuditTrail } from '../audit'
import type { Db } from '../../base/store/database'
import { prepared } from '../../base/store/statements'

/** The store's stock settings: one row, so a store node can later own and hand them to its counters. */
export class StockSettingsStore {
  /** Read on every sale's stock step; only update() below writes the row, so it is kept until then. */
  private cached: StockSettings | undefined

  constructor(
    private readonly db: Db,
    private readonly audit: AuditTrail,
  ) {}

  get(): StockSettings {
    if (this.cached) return this.cached
    const row = prepared(this.db, 'SELECT allow_negative, near_expiry_days FROM stock_settings WHERE id = 1').get() as {
      allow_negative: number
      near_expiry_days: number
    }
    this.cached = { allowNegative: row.allow_negative === 1, nearExpiryDays: row.near_expiry_days }
    return this.cached
  }

  update(patch: Partial<StockSettings>, actor: string): StockSettings {
    const before = this.get()
    // A key present but undefined (what JSON's absent field becomes after the contract's parse) keeps today's value.
    const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
    const next = StockSettingsSchema.parse({ ...before, ...given })
    this.cached = undefined
    this.db.transaction(() => {
      prepared(this.db, 'UPDATE stock_settings SET allow_negative = ?, near_expiry_days = ? WHERE id = 1').run(next.allowNegative ? 1 : 0, next.nearExpiryDays)
      this.audit.append({ actor, action: 'stock.settingsChanged', subject: 'stock', detail: { before, after: next } })
    })()
    return next
  }
}
