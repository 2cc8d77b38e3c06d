import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_PEOPLE } from '../../electron/sandbox/demo/people'
import { eventually } from '../support/eventually'
import { useTempDir } from '../support/temp-dir'
import { IBUPROFEN, startStore, traceCode, type StoreCounter } from './stock-rig'

const tempDir = useTempDir()
let store: StoreCounter
afterEach(async () => {
  await store?.close()
})

async function goOffline(s: StoreCounter) {
  await s.faults({ down: true })
  const codes = await s.call('trainingMembers', {})
  expect(await s.refused('identifyMember', { qrCode: codes[0].qrCode })).toMatch(/^PLATFORM_/)
  await eventually(
    'offline',
    () => s.call('connectivityStatus', {}),
    (c) => c.state === 'offline',
  )
}

describe('stock and the offline queue (real core, training sandbox)', () => {
  it('an offline sale takes its stock when queued (the boxes leave then), and not again when the platform settles it later', async () => {
    store = await startStore(tempDir())
    const codes = [traceCode(), traceCode()]
    await store.receive(IBUPROFEN, 'OFF1', 2, { packSize: 24, expiryInDays: 300, traceCodes: codes })
    await store.receive(IBUPROFEN, 'OFF0', 1, { packSize: 24, expiryInDays: 100 })
    await store.member('wangFather')
    await goOffline(store)
    const { member } = await store.call('identifyOffline', { idCardNo: DEMO_PEOPLE.wangFather.certno })

    const first = await store.call('openSale', { memberRef: member.ref, lines: [{ storeCode: IBUPROFEN, qty: '1', traceCodes: [codes[0]] }], acctUsed: false })
    await store.call('settleOffline', { saleId: first.id, mode: 'deposit', payment: { method: 'mobile' } })
    expect(await store.onHand(IBUPROFEN)).toEqual({ OFF0: 24, OFF1: 24 })

    // Opened while a box of OFF1 was on the book; that box is sold for cash before this one is queued.
    const second = await store.call('openSale', { memberRef: member.ref, lines: [{ storeCode: IBUPROFEN, qty: '1', traceCodes: [codes[1]] }], acctUsed: false })
    await store.cashSale(IBUPROFEN, '2')
    expect(await store.onHand(IBUPROFEN)).toEqual({ OFF0: 0, OFF1: 0 })
    expect(await store.refused('settleOffline', { saleId: second.id, mode: 'deposit', payment: { method: 'mobile' } })).toBe('STOCK_INSUFFICIENT')
    expect((await store.call('connectivityStatus', {})).queue.sales).toBe(1)

    await store.faults({ down: false })
    await store.call('forwardNow', {})
    await eventually(
      'settled',
      () => store.call('offlineSale', { saleId: first.id }),
      (v) => v.outcome !== null,
    )
    expect((await store.call('getSale', { saleId: first.id })).state).toBe('settled')
    expect(await store.onHand(IBUPROFEN)).toEqual({ OFF0: 0, OFF1: 0 })
    const sold = (await store.call('stockLedger', { storeCode: IBUPROFEN, limit: 50 })).filter((m) => m.sourceId === first.id)
    expect(sold.map((m) => [m.kind, m.lotNo, m.qtyUnits])).toEqual([['sale', 'OFF1', -24]])
    expect(store.ledgerAgrees()).toBe(true)
  }, 120_000)
})
