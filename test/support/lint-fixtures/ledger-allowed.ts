// lint as: electron/core/ledger/example.ts
// The ledger itself: the one place SQL on sales, sale_lines and sold_trace_codes is written.
import type { Db } from '../../base/store/database'

export const lines = (db: Db, saleId: string) => db.prepare('SELECT * FROM sale_lines WHERE sale_id = ? ORDER BY seq').all(saleId)
