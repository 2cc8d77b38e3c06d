import { DiscountSchema, type Discount, type SaleDiscountView } from '../../../shared/contract/sale/discount'
import { fromFen } from '../../../shared/money/money'
import type { Db, Migration } from '../../base/store/database'
import { prepared } from '../../base/store/statements'

/**
 * 折扣 / 改价. Each discounted line's fen off (`sale_line_discounts`; `sale_lines.amount_fen` is already net of
 * it, so every total, split and day figure that sums line amounts counts goods net of discounts), and one row
 * per discounted sale (`sale_discounts`): what the goods came to before, the whole-sale discount as asked,
 * and the manager who approved it above the store's threshold. Tables of their own, so the journal's SQL
 * stays as it is.
 */
export const saleDiscountsMigration: Migration = {
  id: 370,
  name: 'sale discounts',
  sql: `
CREATE TABLE sale_line_discounts (
  sale_id      TEXT NOT NULL REFERENCES sales (id),
  seq          INTEGER NOT NULL,
  gross_fen    INTEGER NOT NULL CHECK (gross_fen > 0),
  discount_fen INTEGER NOT NULL CHECK (discount_fen > 0 AND discount_fen < gross_fen),
  -- The line's own discount as asked (JSON), NULL when its discount is only a share of the whole-sale one.
  asked        TEXT,
  PRIMARY KEY (sale_id, seq)
) STRICT;

CREATE TABLE sale_discounts (
  sale_id       TEXT PRIMARY KEY REFERENCES sales (id),
  gross_fen     INTEGER NOT NULL CHECK (gross_fen > 0),
  discount_fen  INTEGER NOT NULL CHECK (discount_fen > 0),
  sale_discount TEXT,
  requested_by  TEXT NOT NULL,
  approved_by   TEXT,
  at            TEXT NOT NULL
) STRICT;
`,
}

export interface LineDiscount {
  seq: number
  grossFen: number
  discountFen: number
  asked: Discount | undefined
}

export interface SaleDiscountRecord {
  saleId: string
  lines: LineDiscount[]
  saleDiscount: Discount | undefined
  requestedBy: string
  approvedBy: string | undefined
  at: string
}

interface SaleRow {
  gross_fen: number
  discount_fen: number
  sale_discount: string | null
  approved_by: string | null
}

const yuanOf = (fen: number) => fromFen(fen).toFixed(2)

export class DiscountStore {
  constructor(private readonly db: Db) {}

  private sql(text: string) {
    return prepared(this.db, text)
  }

  /** Call inside the transaction that writes the sale. */
  save(r: SaleDiscountRecord): void {
    const discounted = r.lines.filter((l) => l.discountFen > 0)
    if (discounted.length === 0) return
    const line = this.sql('INSERT INTO sale_line_discounts (sale_id, seq, gross_fen, discount_fen, asked) VALUES (?, ?, ?, ?, ?)')
    for (const l of discounted) line.run(r.saleId, l.seq, l.grossFen, l.discountFen, l.asked ? JSON.stringify(l.asked) : null)
    this.sql('INSERT INTO sale_discounts (sale_id, gross_fen, discount_fen, sale_discount, requested_by, approved_by, at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      r.saleId,
      discounted.reduce((a, l) => a + l.grossFen, 0),
      discounted.reduce((a, l) => a + l.discountFen, 0),
      r.saleDiscount ? JSON.stringify(r.saleDiscount) : null,
      r.requestedBy,
      r.approvedBy ?? null,
      r.at,
    )
  }

  /** Fen off each line of a sale, by seq (absent: no discount). */
  lineFen(saleId: string): Map<number, number> {
    const rows = this.sql('SELECT seq, discount_fen FROM sale_line_discounts WHERE sale_id = ?').all(saleId) as { seq: number; discount_fen: number }[]
    return new Map(rows.map((r) => [r.seq, r.discount_fen]))
  }

  of(saleId: string): SaleDiscountView | null {
    const row = this.sql('SELECT gross_fen, discount_fen, sale_discount, approved_by FROM sale_discounts WHERE sale_id = ?').get(saleId) as SaleRow | undefined
    if (!row) return null
    return {
      gross: yuanOf(row.gross_fen),
      discount: yuanOf(row.discount_fen),
      saleDiscount: row.sale_discount ? DiscountSchema.parse(JSON.parse(row.sale_discount)) : null,
      approvedBy: row.approved_by,
    }
  }
}
