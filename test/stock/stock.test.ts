import { afterEach, describe, expect, it } from 'vitest'
import { useTempDir } from '../support/temp-dir'
import { IBUPROFEN, MANAGER_APPROVAL, SHAMPOO, startStore, traceCode, type StoreCounter } from './stock-rig'

const tempDir = useTempDir()
let store: StoreCounter
afterEach(async () => {
  await store?.close()
})

describe('stock through the counter (real core, real SQLite, training sandbox)', () => {
  it('stock-in, an insured sale by trace code from its lot, the refund, a stocktake: lots right at every step', async () => {
    store = await startStore(tempDir())
    const codes = [traceCode(), traceCode(), traceCode()]
    // Lot A expires later and its boxes carry codes; lot B expires sooner (FEFO would pick it).
    const received = await store.receive(IBUPROFEN, 'A2601', 5, { expiryInDays: 500, traceCodes: codes })
    expect(received.lots[0]).toMatchObject({ lotNo: 'A2601', onHandUnits: 120, boxes: 5, looseUnits: 0, packSize: 24, costPerBox: '12.50', expired: false })
    expect(received.lots[0].bchno).toMatch(/^01-\d{8}-\d{6}-\d{2}$/)
    await store.receive(IBUPROFEN, 'B2512', 3, { expiryInDays: 200 })
    expect(await store.onHand(IBUPROFEN)).toEqual({ A2601: 120, B2512: 72 })
    expect((await store.call('lookupTraceCode', { code: codes[1] })).lotNo).toBe('A2601')

    const member = await store.member('wangFather')
    const sale = await store.call('openSale', { memberRef: member.ref, lines: [{ storeCode: IBUPROFEN, qty: '1', traceCodes: [codes[1]] }], acctUsed: false })
    await store.call('presettleSale', { saleId: sale.id })
    expect(await store.onHand(IBUPROFEN)).toEqual({ A2601: 120, B2512: 72 })
    const settled = await store.call('settleSale', { saleId: sale.id, payment: { method: 'cash', tendered: '100' } })
    expect(settled.state).toBe('settled')
    expect(await store.onHand(IBUPROFEN)).toEqual({ A2601: 96, B2512: 72 })

    await store.call('refundSale', { saleId: sale.id, approval: MANAGER_APPROVAL, reason: '顾客退货' })
    expect(await store.onHand(IBUPROFEN)).toEqual({ A2601: 120, B2512: 72 })
    // A second refund is refused and gives nothing back twice.
    expect(await store.refused('refundSale', { saleId: sale.id, approval: MANAGER_APPROVAL, reason: '再退一次' })).toBe('SALE_WRONG_STATE')
    expect(await store.onHand(IBUPROFEN)).toEqual({ A2601: 120, B2512: 72 })

    const lotA = await store.lotId(IBUPROFEN, 'A2601')
    const lotB = await store.lotId(IBUPROFEN, 'B2512')
    // Counted: lot A by scanning 3 sealed boxes plus 48 loose capsules typed; lot B is one box short.
    const counted = {
      counts: [
        { lotId: lotA, countedUnits: 48 },
        { lotId: lotB, countedUnits: 48 },
      ],
      scanned: codes,
    }
    expect(await store.refused('postStocktake', counted)).toBe('STOCK_COUNT_UNEXPLAINED')
    expect(await store.onHand(IBUPROFEN)).toEqual({ A2601: 120, B2512: 72 })
    const posted = await store.call('postStocktake', { ...counted, counts: [counted.counts[0], { lotId: lotB, countedUnits: 48, reason: '破损一盒，已报损' }] })
    expect(posted.lines.map((l) => [l.lotNo, l.bookUnits, l.countedUnits, l.differenceUnits])).toEqual([
      ['A2601', 120, 120, 0],
      ['B2512', 72, 48, -24],
    ])
    expect(await store.onHand(IBUPROFEN)).toEqual({ A2601: 120, B2512: 48 })

    const ledger = await store.call('stockLedger', { storeCode: IBUPROFEN, limit: 50 })
    expect(ledger.map((m) => [m.kind, m.lotNo, m.qtyUnits])).toEqual([
      ['count', 'B2512', -24],
      ['sale_return', 'A2601', 24],
      ['sale', 'A2601', -24],
      ['receipt', 'B2512', 72],
      ['receipt', 'A2601', 120],
    ])
    expect(new Set(ledger.map((m) => m.id)).size).toBe(ledger.length)
    expect(ledger.every((m) => m.terminalId === 'T01')).toBe(true)
    expect(store.ledgerAgrees()).toBe(true)
    const actions = (store.core.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'stock.%' ORDER BY seq").all() as { action: string }[]).map(
      (r) => r.action,
    )
    expect(actions).toEqual(['stock.received', 'stock.received', 'stock.stocktakePosted'])
  })

  it('sells first-expiry-first-out, across lots when one runs short, and refuses an expired lot with a clear message', async () => {
    store = await startStore(tempDir())
    await store.receive(SHAMPOO, 'late', 2, { expiryInDays: 300, packSize: 1 })
    await store.receive(SHAMPOO, 'soon', 1, { expiryInDays: 10, packSize: 1 })
    expect(await store.call('suggestLots', { storeCode: SHAMPOO, qty: '2' })).toMatchObject([
      { lotNo: 'soon', units: 1, byTraceCode: false },
      { lotNo: 'late', units: 1, byTraceCode: false },
    ])
    await store.cashSale(SHAMPOO, '2')
    expect(await store.onHand(SHAMPOO)).toEqual({ soon: 0, late: 1 })

    await store.receive(SHAMPOO, 'soon', 1, { expiryInDays: 10, packSize: 1 })
    // Eleven days on, lot "soon" has expired: FEFO passes over it, and when only it holds stock the counter refuses.
    store.clock.days(11)
    await store.call('login', MANAGER_APPROVAL)
    await store.cashSale(SHAMPOO, '1')
    expect(await store.onHand(SHAMPOO)).toEqual({ soon: 1, late: 0 })
    const res = await store.core.dispatch('openSale', { lines: [{ storeCode: SHAMPOO, qty: '1' }], acctUsed: false })
    expect(res.ok).toBe(false)
    if (!res.ok) {
      expect(res.error.code).toBe('STOCK_LOT_EXPIRED')
      expect(res.error.message).toMatch(/批号 soon 已于 \d{4}-\d{2}-\d{2} 过期，不能销售/)
    }
    const alerts = await store.call('stockAlerts', {})
    expect(alerts.expired.map((l) => l.lotNo)).toEqual(['soon'])
    expect(
      await store.refused('receiveStock', {
        supplier: 'x',
        lines: [{ storeCode: SHAMPOO, lotNo: 'old', manuDate: '2020-01-01', expiryDate: '2021-01-01', boxes: 1, packSize: 1, costPerBox: '1.00' }],
      }),
    ).toBe('STOCK_LOT_EXPIRED')
  })

  it('refuses to sell below zero by default, and sells into negative stock (shown to the manager) when the store allows it', async () => {
    store = await startStore(tempDir())
    await store.receive(SHAMPOO, 'L1', 1, { packSize: 1 })
    const open = { lines: [{ storeCode: SHAMPOO, qty: '2' }], acctUsed: false }
    expect(await store.refused('openSale', open)).toBe('STOCK_INSUFFICIENT')
    // A sale opened while stock was there, then charged after the last box went elsewhere, is refused before any cash is taken.
    const first = await store.call('openSale', { lines: [{ storeCode: SHAMPOO, qty: '1' }], acctUsed: false })
    await store.cashSale(SHAMPOO, '1')
    expect(await store.refused('settleSale', { saleId: first.id, payment: { method: 'cash', tendered: '20' } })).toBe('STOCK_INSUFFICIENT')
    expect((await store.call('getSale', { saleId: first.id })).state).toBe('draft')
    expect(await store.onHand(SHAMPOO)).toEqual({ L1: 0 })

    expect(await store.call('updateStockSettings', { allowNegative: true })).toEqual({ allowNegative: true, nearExpiryDays: 90 })
    await store.cashSale(SHAMPOO, '2')
    expect(await store.onHand(SHAMPOO)).toEqual({ L1: -2 })
    expect((await store.call('stockAlerts', {})).negative.map((l) => [l.lotNo, l.onHandUnits])).toEqual([['L1', -2]])
    expect(store.ledgerAgrees()).toBe(true)
  })

  it('a cash-only sale takes stock when paid and its refund gives it back once; items never received sell as before', async () => {
    store = await startStore(tempDir())
    await store.receive(IBUPROFEN, 'C1', 2, { packSize: 24 })
    const paid = await store.cashSale(IBUPROFEN, '0.5')
    expect(paid.state).toBe('settled')
    expect(await store.onHand(IBUPROFEN)).toEqual({ C1: 36 })
    expect(await store.refused('openSale', { lines: [{ storeCode: IBUPROFEN, qty: '0.3' }], acctUsed: false })).toBe('STOCK_NOT_WHOLE_UNITS')
    await store.call('refundSale', { saleId: paid.id, approval: MANAGER_APPROVAL, reason: '顾客退货' })
    expect(await store.onHand(IBUPROFEN)).toEqual({ C1: 48 })
    // Shampoo was never received: not stock-managed, sold without lots.
    expect((await store.cashSale(SHAMPOO, '3')).state).toBe('settled')
    expect(await store.call('stockLots', { storeCode: SHAMPOO, includeEmpty: true })).toEqual([])
  })

  it('a lost answer reversed (2601) moves no stock; a settled sale whose refund answer is lost keeps its stock out', async () => {
    store = await startStore(tempDir())
    await store.receive(IBUPROFEN, 'R1', 3, { packSize: 24 })
    const member = await store.member('wangFather')
    const sale = await store.call('openSale', {
      memberRef: member.ref,
      lines: [{ storeCode: IBUPROFEN, qty: '1', traceCodes: [traceCode()] }],
      acctUsed: false,
    })
    await store.call('presettleSale', { saleId: sale.id })
    await store.faults({ drop_after_commit_rate: 1, infnos: ['2102'], seed: 1 })
    expect(await store.refused('settleSale', { saleId: sale.id, payment: { method: 'mobile' } })).toBe('SETTLEMENT_REVERSED')
    expect(await store.onHand(IBUPROFEN)).toEqual({ R1: 72 })
    await store.faults({})
    await store.call('presettleSale', { saleId: sale.id })
    await store.call('settleSale', { saleId: sale.id, payment: { method: 'mobile' } })
    expect(await store.onHand(IBUPROFEN)).toEqual({ R1: 48 })
    await store.faults({ drop_after_commit_rate: 1, infnos: ['2103'], seed: 1 })
    expect(await store.refused('refundSale', { saleId: sale.id, approval: MANAGER_APPROVAL, reason: '退货' })).toBe('REFUND_REVERSED')
    expect(await store.onHand(IBUPROFEN)).toEqual({ R1: 48 })
    await store.faults({})
    await store.call('refundSale', { saleId: sale.id, approval: MANAGER_APPROVAL, reason: '退货' })
    expect(await store.onHand(IBUPROFEN)).toEqual({ R1: 72 })
    expect(store.ledgerAgrees()).toBe(true)
  })

  it('returns to the supplier and corrections are audited, never take a lot below zero, and the views list what to act on', async () => {
    store = await startStore(tempDir())
    await store.receive(IBUPROFEN, 'S1', 4, { packSize: 24, expiryInDays: 30 })
    const lot = await store.lotId(IBUPROFEN, 'S1')
    expect(await store.refused('returnToSupplier', { supplier: '国药控股河南', reason: '包装破损', lines: [{ lotId: lot, boxes: 5 }] })).toBe(
      'STOCK_INSUFFICIENT',
    )
    const back = await store.call('returnToSupplier', { supplier: '国药控股河南', reason: '包装破损', lines: [{ lotId: lot, boxes: 1 }] })
    expect(back.lots[0].onHandUnits).toBe(72)
    expect(await store.refused('correctStock', { lotId: lot, deltaUnits: -73, reason: '录入错误' })).toBe('STOCK_INSUFFICIENT')
    expect(await store.refused('correctStock', { lotId: lot, deltaUnits: -2, reason: '' })).toBe('INVALID_INPUT')
    expect((await store.call('correctStock', { lotId: lot, deltaUnits: -2, reason: '拆零时损坏' })).onHandUnits).toBe(70)
    expect(
      await store.refused('receiveStock', {
        supplier: 'x',
        lines: [{ storeCode: IBUPROFEN, lotNo: 'S1', manuDate: store.clock.today(-10), expiryDate: store.clock.today(31), boxes: 1, costPerBox: '1.00' }],
      }),
    ).toBe('STOCK_LOT_MISMATCH')
    await store.call('setStockItem', { storeCode: IBUPROFEN, reorderUnits: 100, minUnit: '粒' })
    const alerts = await store.call('stockAlerts', {})
    expect(alerts.nearExpiry.map((l) => [l.lotNo, l.daysToExpiry])).toEqual([['S1', 30]])
    expect(alerts.belowReorder).toMatchObject([{ storeCode: IBUPROFEN, onHandUnits: 70, reorderUnits: 100, minUnit: '粒' }])
    expect((await store.call('stockAlerts', { nearExpiryDays: 20 })).nearExpiry).toEqual([])
    const actions = (store.core.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'stock.%' ORDER BY seq").all() as { action: string }[]).map(
      (r) => r.action,
    )
    expect(actions).toEqual(['stock.received', 'stock.returnedToSupplier', 'stock.corrected', 'stock.itemSet'])
    expect(() => store.core.db.prepare('DELETE FROM stock_movement').run()).toThrow(/append-only/)
    await store.call('login', { userId: 'demo-cashier', pin: '111111' })
    expect(
      await store.refused('receiveStock', {
        supplier: 'x',
        lines: [{ storeCode: IBUPROFEN, lotNo: 'Z', manuDate: '2026-01-01', expiryDate: '2030-01-01', boxes: 1, costPerBox: '1.00' }],
      }),
    ).toBe('FORBIDDEN_ROLE')
  })

  it("keeps training stock apart from the store's: practice receipts and sales never touch the real book", async () => {
    store = await startStore(tempDir())
    await store.receive(SHAMPOO, 'PRACTICE', 5, { packSize: 1 })
    const sale = await store.cashSale(SHAMPOO, '2')
    expect(await store.onHand(SHAMPOO)).toEqual({ PRACTICE: 3 })
    // Live mode (it wants a real manager first) shows the store's own book, empty.
    const manager = { userId: 'wang01', pin: '135790' }
    await store.call('saveUser', { id: manager.userId, name: '王店长', role: 'manager', active: true, pin: manager.pin })
    await store.call('updateSettings', { terminalNo: 1, trainingMode: false })
    await store.call('login', manager)
    expect(await store.call('stockLots', {})).toEqual([])
    expect((await store.call('stockAlerts', {})).nearExpiry).toEqual([])
    // The practice sale refunded after the switch gives back to the training book it came from.
    await store.call('refundSale', { saleId: sale.id, approval: manager, reason: '练习退货' })
    expect(await store.call('stockLots', {})).toEqual([])
    await store.call('updateSettings', { trainingMode: true })
    expect(await store.onHand(SHAMPOO)).toEqual({ PRACTICE: 5 })
    expect(store.ledgerAgrees()).toBe(true)
  })
})
