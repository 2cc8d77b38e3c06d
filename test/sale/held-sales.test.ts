import { afterEach, describe, expect, it } from 'vitest'
import { useTempDir } from '../support/temp-dir'
import { startCounter, traceCode, type Counter } from './counter-rig'

/** 挂单 / 取单 through the contract on a real data directory: parked, listed, recalled once, kept over a restart. */
const tempDir = useTempDir()
let counter: Counter
afterEach(async () => {
  await counter?.close()
})

const IBUPROFEN = 'SP00012'
const AMLODIPINE = 'SP00002'
const SHAMPOO = 'SG00001'
const PRESCRIPTION = { rxno: 'RX20261205001', external: true, pharmacist: '李药师' }

describe('held sales (挂单/取单)', () => {
  it('parks several carts, lists them with their customer, and gives each back once, priced from the catalog', async () => {
    const dir = tempDir()
    counter = await startCounter(dir)
    const code = traceCode()
    const first = await counter.call('holdSale', {
      lines: [
        { storeCode: AMLODIPINE, qty: '1', traceCodes: [code] },
        { storeCode: SHAMPOO, qty: '2' },
      ],
      customer: { nameMasked: '王*国', certNoMasked: '4101**********1234' },
      acctUsed: false,
      mulaidId: 'MA0000000001',
      prescription: PRESCRIPTION,
    })
    const second = await counter.call('holdSale', { lines: [{ storeCode: IBUPROFEN, qty: '1' }] })
    expect(second.number).toBeGreaterThan(first.number)
    expect(first.items).toBe('苯磺酸氨氯地平片 ×1、去屑洗发水 ×2')
    expect((await counter.call('listHeldSales', {})).map((h) => [h.number, h.customer?.nameMasked ?? null])).toEqual([
      [first.number, '王*国'],
      [second.number, null],
    ])

    // A restart in between: the parked sales are on disk, not in memory.
    await counter.close()
    counter = await startCounter(dir)
    expect(await counter.call('listHeldSales', {})).toHaveLength(2)

    const back = await counter.call('recallHeldSale', { number: first.number })
    expect(back.lines.map((l) => [l.item.storeCode, l.qty, l.traceCodes, l.item.price])).toEqual([
      [AMLODIPINE, '1', [code], '20.00'],
      [SHAMPOO, '2', [], '15.00'],
    ])
    expect(back).toMatchObject({ acctUsed: false, mulaidId: 'MA0000000001', prescription: PRESCRIPTION, customer: { nameMasked: '王*国' }, missing: [] })
    expect(await counter.refused('recallHeldSale', { number: first.number })).toBe('HELD_NOT_FOUND')
    expect((await counter.call('listHeldSales', {})).map((h) => h.number)).toEqual([second.number])

    // Once every held sale is back, numbering starts at 1 again: short enough to say across the counter.
    await counter.call('recallHeldSale', { number: second.number })
    expect((await counter.call('holdSale', { lines: [{ storeCode: SHAMPOO, qty: '1' }] })).number).toBe(1)
  })

  it('refuses an empty cart and a malformed line, and stores nothing', async () => {
    counter = await startCounter(tempDir())
    expect(await counter.refused('holdSale', { lines: [] })).toBe('INVALID_INPUT')
    expect(await counter.refused('holdSale', { lines: [{ storeCode: SHAMPOO, qty: '-1' }] })).toBe('INVALID_INPUT')
    expect(await counter.call('listHeldSales', {})).toEqual([])
  })
})
