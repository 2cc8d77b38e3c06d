import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuditTrail } from '../../electron/core/audit/audit-trail'
import { SaleJournal } from '../../electron/core/journal/sale-journal'
import { openDatabase } from '../../electron/base/store/database'
import { coreMigrations } from '../../electron/core/store/migrations'
import { BOUNDS } from '../../shared/money/bounds'
import { toFen } from '../../shared/money/money'
import { startCounter, traceCode, type Counter } from '../sale/counter-rig'
import { useTempDir } from '../support/temp-dir'

/**
 * Security review M1 and M2: amounts and quantities are bounded before anything is sent or written, so a
 * scan typed into the tendered or quantity field is refused up front with a typed error, and nothing the
 * platform has committed can fail to be recorded on an amount's size.
 */
const tempDir = useTempDir()
const IBUPROFEN = 'SP00012' // 19.80, 甲类
const WATER = 'SG00004' // 2.00, ordinary goods
const EAN = '6901000010126'
const SEVENTEEN_DIGITS = '100000000000000000'

describe('the bounds themselves', () => {
  it('every bound in fen is a safe integer, far inside SQLite INTEGER', () => {
    for (const v of Object.values(BOUNDS)) {
      const fen = toFen(v) * 10_000 // room for a quantity's 4 decimals as well
      expect(Number.isSafeInteger(fen)).toBe(true)
    }
    expect(Number(BOUNDS.sale)).toBeGreaterThanOrEqual(Number(BOUNDS.line))
  })
})

describe('through the counter (training mode, the real in-app sandbox)', () => {
  let dir: string
  let counter: Counter
  beforeAll(async () => {
    dir = tempDir()
    counter = await startCounter(dir)
  }, 60_000)
  afterAll(async () => {
    await counter.core.close()
  })

  it('a 17-digit tendered amount is refused before 2102 is sent; the sale then settles normally', async () => {
    const member = await counter.member('wangFather')
    const sale = await counter.call('openSale', {
      memberRef: member.ref,
      lines: [{ storeCode: IBUPROFEN, qty: '1', traceCodes: [traceCode()] }],
      acctUsed: true,
    })
    await counter.call('presettleSale', { saleId: sale.id })
    expect(await counter.refused('settleSale', { saleId: sale.id, payment: { method: 'cash', tendered: SEVENTEEN_DIGITS } })).toBe('INVALID_INPUT')
    const status = await counter.call('journalStatus', {})
    expect(status).toMatchObject({ unresolved: 0 })
    expect((await counter.call('getSale', { saleId: sale.id })).state).toBe('presettled')
    const settled = await counter.call('settleSale', { saleId: sale.id, payment: { method: 'cash', tendered: '100' } })
    expect(settled.state).toBe('settled')
  })

  it("a barcode typed into the quantity is refused; nothing is written and the day's list still answers", async () => {
    const before = (await counter.call('listSales', {})).length
    expect(await counter.refused('openSale', { lines: [{ storeCode: WATER, qty: EAN }], acctUsed: false })).toBe('INVALID_INPUT')
    expect(await counter.refused('openSale', { lines: [{ storeCode: WATER, qty: '100000000000000' }], acctUsed: false })).toBe('INVALID_INPUT')
    expect(await counter.refused('openSale', { lines: [{ storeCode: WATER, qty: '10000' }], acctUsed: false })).toBe('INVALID_INPUT')
    expect((await counter.call('listSales', {})).length).toBe(before)
    const ok = await counter.call('openSale', { lines: [{ storeCode: WATER, qty: BOUNDS.qty }], acctUsed: false })
    expect(ok.total).toBe('19998.00')
  })

  it('collecting a 17-digit amount more is refused', async () => {
    const sale = await counter.call('openSale', { lines: [{ storeCode: WATER, qty: '1' }], acctUsed: false })
    expect(await counter.refused('collectCash', { saleId: sale.id, tendered: SEVENTEEN_DIGITS })).toBe('INVALID_INPUT')
  })
})

describe('in the journal, where qty × price is first known', () => {
  const journal = () => {
    const db = openDatabase(join(tempDir(), 'gongji.db'), coreMigrations)
    const clock = { now: () => new Date() }
    return { db, journal: new SaleJournal(db, clock, null, new AuditTrail(db, clock), { terminalId: 'T01' }) }
  }
  const line = (qty: string, price: string) => ({ storeCode: 'X1', name: '高价药', qty, price, insured: false })

  it('a line or a sale above its bound is refused with a typed error, nothing written', () => {
    const { db, journal: j } = journal()
    expect(() => j.ledger.open({ acctUsed: false, lines: [line('9999', '999999.99')] }, 'C001')).toThrow(expect.objectContaining({ code: 'AMOUNT_TOO_LARGE' }))
    expect(() => j.ledger.open({ acctUsed: false, lines: [line('9', '999999.99'), line('2', '999999.99')] }, 'C001')).toThrow(
      expect.objectContaining({ code: 'AMOUNT_TOO_LARGE' }),
    )
    expect(() => j.ledger.open({ acctUsed: false, lines: [line(EAN, '19.80')] }, 'C001')).toThrow(expect.objectContaining({ code: 'SALE_INVALID' }))
    expect(db.prepare('SELECT count(*) AS n FROM sales').get()).toEqual({ n: 0 })
    db.close()
  })

  it('a tendered amount beyond its bound is refused before any message or column is written', async () => {
    const { db, journal: j } = journal()
    const sale = j.ledger.open({ acctUsed: false, lines: [line('1', '2.00')] }, 'C001')
    expect(() => j.ledger.completeWithoutPlatform(sale.id, 'C001', { method: 'cash', tendered: SEVENTEEN_DIGITS })).toThrow(
      expect.objectContaining({ code: 'AMOUNT_TOO_LARGE' }),
    )
    await expect(j.settle(sale.id, 'C001', { method: 'cash', tendered: SEVENTEEN_DIGITS })).rejects.toMatchObject({ code: 'AMOUNT_TOO_LARGE' })
    expect(db.prepare('SELECT count(*) AS n FROM platform_messages').get()).toEqual({ n: 0 })
    expect(j.ledger.get(sale.id)).toMatchObject({ state: 'draft', tendered_fen: null })
    db.close()
  })
})
