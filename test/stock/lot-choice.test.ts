import { afterEach, describe, expect, it } from 'vitest'
import { useTempDir } from '../support/temp-dir'
import { MANAGER_APPROVAL, SHAMPOO, startStore, type StoreCounter } from './stock-rig'

const tempDir = useTempDir()
let store: StoreCounter
afterEach(async () => {
  await store?.close()
})

describe('the lot at the counter: suggested first-expiry-first-out, confirmed or picked by the cashier', () => {
  it('takes the lot the cashier picked, refuses an expired or short one, and lists the lots to pick from', async () => {
    store = await startStore(tempDir())
    await store.receive(SHAMPOO, 'soon', 2, { expiryInDays: 30, packSize: 1 })
    await store.receive(SHAMPOO, 'late', 3, { expiryInDays: 300, packSize: 1 })
    await store.receive(SHAMPOO, 'old', 1, { expiryInDays: 5, packSize: 1 })
    const soon = await store.lotId(SHAMPOO, 'soon')
    const late = await store.lotId(SHAMPOO, 'late')
    const old = await store.lotId(SHAMPOO, 'old')
    store.clock.days(6)
    await store.call('login', MANAGER_APPROVAL)

    // The suggestion passes over the expired lot; the list shows it, marked, for the cashier to see why.
    expect((await store.call('suggestLots', { storeCode: SHAMPOO, qty: '1' })).map((a) => a.lotNo)).toEqual(['soon'])
    expect((await store.call('counterLots', { storeCode: SHAMPOO })).map((l) => [l.lotNo, l.onHandUnits, l.expired])).toEqual([
      ['old', 1, true],
      ['soon', 2, false],
      ['late', 3, false],
    ])
    // The box in hand is from the later lot: the cashier picks it, and the sale takes exactly that lot.
    expect(await store.call('suggestLots', { storeCode: SHAMPOO, qty: '2', lotId: late })).toMatchObject([{ lotNo: 'late', units: 2, byTraceCode: false }])
    const sale = await store.call('openSale', { lines: [{ storeCode: SHAMPOO, qty: '2', lotId: late }], acctUsed: false })
    await store.call('settleSale', { saleId: sale.id, payment: { method: 'cash', tendered: '100' } })
    expect(await store.onHand(SHAMPOO)).toEqual({ old: 1, soon: 2, late: 1 })
    // A confirmed suggestion is taken even when FEFO would now choose the same: and nothing else.
    const confirmed = await store.call('openSale', { lines: [{ storeCode: SHAMPOO, qty: '1', lotId: soon }], acctUsed: false })
    await store.call('settleSale', { saleId: confirmed.id, payment: { method: 'cash', tendered: '100' } })
    expect(await store.onHand(SHAMPOO)).toEqual({ old: 1, soon: 1, late: 1 })

    // Picking the expired lot, or more than a lot holds, is refused before anything is written.
    expect(await store.refused('openSale', { lines: [{ storeCode: SHAMPOO, qty: '1', lotId: old }], acctUsed: false })).toBe('STOCK_LOT_EXPIRED')
    expect(await store.refused('suggestLots', { storeCode: SHAMPOO, qty: '1', lotId: old })).toBe('STOCK_LOT_EXPIRED')
    expect(await store.refused('openSale', { lines: [{ storeCode: SHAMPOO, qty: '2', lotId: late }], acctUsed: false })).toBe('STOCK_INSUFFICIENT')
    // A refund gives back to the lot the sale took.
    await store.call('refundSale', { saleId: sale.id, approval: MANAGER_APPROVAL, reason: '顾客退货' })
    expect(await store.onHand(SHAMPOO)).toEqual({ old: 1, soon: 1, late: 3 })
    expect(store.ledgerAgrees()).toBe(true)
  })
})
