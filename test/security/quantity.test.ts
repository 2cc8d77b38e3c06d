import { afterEach, describe, expect, it } from 'vitest'
import { startCounter, type Counter } from '../sale/counter-rig'
import { MAX_LINE_QTY } from '../../shared/contract/sale/schemas'
import { useTempDir } from '../support/temp-dir'

// The review's overflow (security-review M2): a 13-digit barcode typed into the quantity field was
// priced, the draft written, and getSale and the whole day's listSales answered INTERNAL until midnight.

const tempDir = useTempDir()
let counter: Counter | undefined
afterEach(async () => {
  await counter?.close()
  counter = undefined
})

const SHAMPOO = 'SG00001' // ordinary goods, 15.00
const IBUPROFEN = 'SP00012' // 19.80

function salesCount(c: Counter) {
  return (c.core.db.prepare('SELECT COUNT(*) AS n FROM sales').get() as { n: number }).n
}

describe('the quantity of a counter line', () => {
  it('refuses a barcode typed as the quantity with a typed error naming the field, and writes nothing', async () => {
    counter = await startCounter(tempDir())
    for (const qty of ['6901000010126', '100000000000000', String(MAX_LINE_QTY + 1)]) {
      const res = await counter.core.dispatch('openSale', { lines: [{ storeCode: IBUPROFEN, qty }], acctUsed: false })
      expect(res, qty).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', issues: [{ path: 'lines.0.qty', message: expect.stringContaining(String(MAX_LINE_QTY)) }] },
      })
    }
    expect(salesCount(counter)).toBe(0)
    expect(await counter.core.dispatch('listSales', {})).toMatchObject({ ok: true, value: [] })

    // The largest quantity allowed still sells, and the day's list still adds up.
    const sale = await counter.call('openSale', { lines: [{ storeCode: SHAMPOO, qty: String(MAX_LINE_QTY) }], acctUsed: false })
    expect(sale.total).toBe('149985.00')
    expect(await counter.core.dispatch('listSales', {})).toMatchObject({ ok: true, value: [{ id: sale.id }] })
  })

  it('refuses words as a quantity with a typed error, never INTERNAL', async () => {
    counter = await startCounter(tempDir())
    for (const qty of ['x', '1e3', '']) {
      expect(await counter.core.dispatch('openSale', { lines: [{ storeCode: SHAMPOO, qty }], acctUsed: false }), qty).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', issues: [{ path: 'lines.0.qty' }] },
      })
    }
    expect(salesCount(counter)).toBe(0)
  })
})
