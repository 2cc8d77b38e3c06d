import type { z } from 'zod'
import { PosError } from '../../../shared/contract'
import type { HeldSaleSummary, HoldSaleInputSchema, RecalledSale } from '../../../shared/contract/sale/held'
import { HoldSaleInputSchema as HeldPayload } from '../../../shared/contract/sale/held'
import type { CatalogSearch } from '../catalog/search'
import type { Clock } from '../../base/clock'
import type { Db, Migration } from '../../base/store/database'

/**
 * 挂单 (held sales) live in the core's database so they survive a restart. Numbered 230, well above the
 * others' migrations (200 when written), so concerns adding theirs in parallel do not collide.
 */
export const heldSalesMigration: Migration = {
  id: 230,
  name: 'held sales',
  sql: `
CREATE TABLE held_sales (
  number      INTEGER PRIMARY KEY,
  held_at     TEXT NOT NULL,
  held_by     TEXT NOT NULL,
  held_by_name TEXT NOT NULL,
  payload     TEXT NOT NULL
) STRICT;
`,
}

// Numbers are the smallest free above those held (no AUTOINCREMENT): once every held sale is taken back
// the next is 1 again, so a number stays short enough to say across the counter.

/** How many sales one till may park at once; a real counter rarely has more than a handful. */
export const MAX_HELD = 20

type HoldInput = z.output<typeof HoldSaleInputSchema>
interface Row {
  number: number
  held_at: string
  held_by: string
  held_by_name: string
  payload: string
}

/** Parks and returns sales; the payload is parsed on the way back in, as any other boundary. */
export class HeldSalesStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly catalog: Pick<CatalogSearch, 'findByStoreCode'>,
  ) {}

  hold(input: HoldInput, by: { id: string; name: string }): HeldSaleSummary {
    return this.db.transaction(() => {
      const count = (this.db.prepare('SELECT count(*) AS n FROM held_sales').get() as { n: number }).n
      if (count >= MAX_HELD) throw new PosError('HELD_TOO_MANY', { count })
      const row = this.db
        .prepare('INSERT INTO held_sales (held_at, held_by, held_by_name, payload) VALUES (?, ?, ?, ?) RETURNING *')
        .get(this.clock.now().toISOString(), by.id, by.name, JSON.stringify(input)) as Row
      return this.summary(row)
    })()
  }

  list(): HeldSaleSummary[] {
    return (this.db.prepare('SELECT * FROM held_sales ORDER BY number').all() as Row[]).map((r) => this.summary(r))
  }

  /** Takes the sale out of the store and gives it back as a cart; a number taken twice is refused. */
  recall(number: number): RecalledSale {
    return this.db.transaction(() => {
      const row = this.db.prepare('DELETE FROM held_sales WHERE number = ? RETURNING *').get(number) as Row | undefined
      if (!row) throw new PosError('HELD_NOT_FOUND', { number })
      const held = HeldPayload.parse(JSON.parse(row.payload))
      const lines: RecalledSale['lines'] = []
      const missing: string[] = []
      for (const l of held.lines) {
        const item = this.catalog.findByStoreCode(l.storeCode)
        if (item) lines.push({ item, qty: l.qty, traceCodes: l.traceCodes, by: l.by })
        else missing.push(l.storeCode)
      }
      return {
        number,
        customer: held.customer ?? null,
        lines,
        acctUsed: held.acctUsed,
        mulaidId: held.mulaidId ?? null,
        prescription: held.prescription ?? null,
        missing,
      }
    })()
  }

  private summary(row: Row): HeldSaleSummary {
    const held = HeldPayload.parse(JSON.parse(row.payload))
    const items = held.lines.map((l) => `${this.catalog.findByStoreCode(l.storeCode)?.name ?? l.storeCode} ×${l.qty}`).join('、')
    return {
      number: row.number,
      heldAt: row.held_at,
      heldBy: row.held_by_name,
      customer: held.customer ?? null,
      items,
      lineCount: held.lines.length,
    }
  }
}
