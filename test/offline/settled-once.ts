import { expect } from 'vitest'
import type { Db } from '../../electron/base/store/database'
import type { SaleRow } from '../../electron/core/ledger/sale-rows'
import type { OfflineSaleRow } from '../../electron/core/offline/queue'
import type { LedgerEntry } from './rig'

/**
 * Every offline sale kept the msgid it was queued with, settled, and the platform's ledger holds that msgid
 * exactly once, with the settlement id the journal recorded.
 */
export function expectEachSettledOnce(db: Pick<Db, 'prepare'>, sales: OfflineSaleRow[], queued: { sale_id: string; msgid: string }[], entries: LedgerEntry[]) {
  expect(new Map(sales.map((s) => [s.sale_id, s.msgid]))).toEqual(new Map(queued.map((q) => [q.sale_id, q.msgid])))
  for (const s of sales) {
    expect(s.outcome).toBe('settled')
    expect(entries.filter((e) => e.msgid === s.msgid)).toHaveLength(1)
    const sale = db.prepare('SELECT * FROM sales WHERE id = ?').get(s.sale_id) as SaleRow
    expect(sale).toMatchObject({ state: 'settled', settled_msgid: s.msgid, setl_id: entries.find((e) => e.msgid === s.msgid)!.setl_id })
  }
}
