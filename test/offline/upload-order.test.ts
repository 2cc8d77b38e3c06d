import { describe, expect, it } from 'vitest'
import { orderKeys, pickSendable, type Ordered } from '../../electron/core/offline/forwarder'

/** Stock uploads (3501–3507) keep each item's order on the wire and overlap across items. */
describe('the order of stock uploads', () => {
  const lane = (ms: Ordered[]) => ms.map((m) => ({ seq: m.seq, keys: orderKeys(m) }))
  const up = (seq: number, infno: string, item: string, sale: string | null = null): Ordered => ({
    seq,
    infno,
    sale_id: sale,
    item_code: item,
    psn_no: null,
    mulaid_id: null,
  })

  it("sends an item's purchase, sale and return one after the other, and other items' beside them", () => {
    const queued = lane([
      up(1, '3503', 'SP00012'),
      up(2, '3503', 'sp00001'),
      up(3, '3505', 'SP00012', 's1'),
      up(4, '3506', 'SP00012', 's1'),
      up(5, '3502', 'SP00001'),
    ])
    expect(pickSendable(queued, new Set(), 8).map((m) => m.seq)).toEqual([1, 2])
    // While the purchase of SP00012 is on the wire, its sale waits; case does not make another item.
    expect(pickSendable(queued.slice(2), new Set(orderKeys(up(1, '3503', 'SP00012'))), 8).map((m) => m.seq)).toEqual([5])
  })

  it('keeps a sale upload of an older queue row (no item) in its sale order', () => {
    expect(orderKeys({ seq: 1, infno: '3505', sale_id: 's9', psn_no: 'P', mulaid_id: null })).toEqual(['sale:s9'])
  })
})
