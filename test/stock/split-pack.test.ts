import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { OpenBoxes } from '../../electron/core/stock/open-boxes'
import { StockLedger } from '../../electron/core/stock/ledger'
import { splitAmount, splitUnitPrice } from '../../shared/stock/split-pack'
import { useTempDir } from '../support/temp-dir'
import { IBUPROFEN, MANAGER_APPROVAL, startStore, traceCode, type StoreCounter } from './stock-rig'
import { recordFacts } from './uploads-rig'

const tempDir = useTempDir()
let store: StoreCounter
afterEach(async () => {
  await store?.close()
})

describe('拆零 pricing: from the box price, never from a rounded unit price', () => {
  it('a whole box sold by the unit costs the box price exactly, whatever the box size', () => {
    for (const [price, size] of [
      ['12.50', 24],
      ['28.60', 24],
      ['19.80', 24],
      ['0.01', 7],
      ['999.99', 36],
      ['33.33', 100],
    ] as const) {
      expect(splitAmount(price, size, size).toFixed(2)).toBe(price)
    }
    // The rounded unit price times 24 would be 12.48: the rule never multiplies a rounded price.
    expect(splitAmount('12.50', 24, 10).toFixed(2)).toBe('5.21')
    expect(splitAmount('12.50', 24, 4).toFixed(2)).toBe('2.08')
    // Three customers' lines are rounded each on its own: 11.92 + 11.92 + 4.77 of a 28.60 box.
    expect([10, 10, 4].map((n) => splitAmount('28.60', 24, n).toFixed(2))).toEqual(['11.92', '11.92', '4.77'])
    expect(splitUnitPrice('12.50', 24)).toBe('0.520833')
    expect(splitUnitPrice('19.80', 24)).toBe('0.825')
    expect(splitUnitPrice('24.00', 24)).toBe('1.00')
  })

  it('pric × cnt stays within the platform’s 0.01 of the line amount up to the largest quantity', () => {
    for (const [price, size] of [
      ['12.50', 24],
      ['999999.99', 7],
      ['28.60', 36],
      ['0.07', 3],
    ] as const) {
      const unit = splitUnitPrice(price, size)
      for (const units of [1, 5, size, 997, 9999]) {
        const line = splitAmount(price, size, units)
        expect(
          line
            .minus(splitAmount(unit, 1, units))
            .abs()
            .lte('0.01'),
        ).toBe(true)
      }
    }
  })
})

describe('拆零 at the counter (real core, real SQLite, the training sandbox over HTTP)', () => {
  it('sells a 24-capsule box as 10 + 10 + 4 to three insured customers: the code once, the right quantities and amounts on the platform', async () => {
    const dir = tempDir()
    store = await startStore(dir)
    // The duty pharmacist and their certificate: without them every sale's 3505 is held (docs/stock-uploads.md).
    await recordFacts(store)
    await store.call('setStockItem', { storeCode: IBUPROFEN, packSize: 24, minUnit: '粒' })
    const box = traceCode()
    const sealed = traceCode()
    await store.receive(IBUPROFEN, 'S1', 1, { expiryInDays: 200, traceCodes: [box] })
    await store.receive(IBUPROFEN, 'S2', 1, { expiryInDays: 400, traceCodes: [sealed] })
    const sell = async (who: string, units: string, traceCodes: string[] = []) => {
      const member = await store.member(who)
      const sale = await store.call('openSale', {
        memberRef: member.ref,
        lines: [{ storeCode: IBUPROFEN, qty: units, by: 'unit', traceCodes }],
        acctUsed: false,
      })
      await store.call('presettleSale', { saleId: sale.id })
      return store.call('settleSale', { saleId: sale.id, payment: { method: 'cash', tendered: '100' } })
    }

    // Opening a box of a traceable insured drug needs its code, scanned as it is opened; nothing is written without it.
    const first = await store.member('wangFather')
    expect(await store.refused('openSale', { memberRef: first.ref, lines: [{ storeCode: IBUPROFEN, qty: '10', by: 'unit' }], acctUsed: false })).toBe(
      'TRACE_CODES_MISSING',
    )
    const a = await sell('wangFather', '10', [box])
    expect(a.state).toBe('settled')
    expect(a.lines[0]).toMatchObject({ qty: '10', unit: '粒', amount: '8.25', price: '0.83', traceCodes: [box] })
    expect(await store.onHand(IBUPROFEN)).toEqual({ S1: 14, S2: 24 })
    // The receipt prints the capsule's price with its decimals, so 10 × 0.825 reads as 8.25.
    const receipt = store.core.db.prepare('SELECT receipt FROM print_jobs WHERE sale_id = ?').get(a.id) as { receipt: string } | undefined
    expect(JSON.parse(receipt!.receipt).lines[0]).toMatchObject({ quantity: '10', unit: '粒', price: '0.825', amount: '8.25' })
    // The counter's and the catalog's search show it: 38 capsules to sell, 14 of them loose in the opened box.
    expect(await store.call('stockOnHand', { storeCodes: [IBUPROFEN, 'SG00001'] })).toEqual([
      { storeCode: IBUPROFEN, packSize: 24, minUnit: '粒', sellableUnits: 38, expiredUnits: 0, looseUnits: 14 },
    ])

    // The opened box (of the lot expiring first) is finished before another is opened: no scan needed.
    const b = await sell('liRetired', '10')
    const c = await sell('zhangHusband', '4')
    expect([b.total, c.total]).toEqual(['8.25', '3.30'])
    expect([b.lines[0].traceCodes, c.lines[0].traceCodes]).toEqual([[], []])
    expect(await store.onHand(IBUPROFEN)).toEqual({ S1: 0, S2: 24 })
    const openBoxes = () =>
      store.core.db.prepare('SELECT l.lot_no, b.trace_code, b.remaining_units FROM stock_open_box b JOIN stock_lot l ON l.id = b.lot_id').all()
    expect(openBoxes()).toEqual([])
    const boxes = store.core.db.prepare('SELECT sale_id, units, opened, trace_code FROM stock_split_line ORDER BY rowid').all()
    // What the 3505 builder reads per split line: the sale that opened the box reports its code.
    const splitBoxesOf = async (saleId: string) =>
      new OpenBoxes(
        store.core.db,
        new StockLedger(
          store.core.db,
          store.clock,
          () => 'T01',
          () => true,
        ),
      ).boxesOf(saleId)
    expect([...(await splitBoxesOf(a.id)).values()]).toEqual([[{ lotId: await store.lotId(IBUPROFEN, 'S1'), traceCode: box, units: 10, opened: true }]])
    expect(boxes).toEqual([
      { sale_id: a.id, units: 10, opened: 1, trace_code: box },
      { sale_id: b.id, units: 10, opened: 0, trace_code: box },
      { sale_id: c.id, units: 4, opened: 0, trace_code: box },
    ])

    // What the platform received and settled: quantities in capsules, the unit price, amounts adding up to the box.
    const platform = new Database(join(dir, 'data', 'training-platform', 'sandbox.db'), { readonly: true })
    try {
      const answers = platform.prepare("SELECT response_json FROM messages WHERE infno = '2102' AND state = 'done' ORDER BY created_at").all() as {
        response_json: string
      }[]
      const cut = answers.map(
        (r) => (JSON.parse(r.response_json) as { output: { detlcutinfo: { cnt: number; pric: number; det_item_fee_sumamt: number }[] } }).output.detlcutinfo[0],
      )
      expect(cut.map((l) => [l.cnt, l.pric, l.det_item_fee_sumamt])).toEqual([
        [10, 0.825, 8.25],
        [10, 0.825, 8.25],
        [4, 0.825, 3.3],
      ])
      // Each sale is reported (3505) in capsules as a split sale (trdn_flag 1); the box's code goes up once, with the
      // sale that opened it; the platform holds it sold once.
      const uploads = store.core.db.prepare("SELECT sale_id, request FROM offline_queue WHERE infno = '3505' ORDER BY seq").all() as {
        sale_id: string
        request: string
      }[]
      const sent = uploads.map((u) => JSON.parse(u.request).selinfo as { sel_retn_cnt: number; trdn_flag: string; drugtracinfo: unknown[] })
      expect(uploads.map((u, i) => [u.sale_id, sent[i].sel_retn_cnt, sent[i].trdn_flag, sent[i].drugtracinfo])).toEqual([
        [a.id, 10, '1', [{ drug_trac_codg: box }]],
        [b.id, 10, '1', []],
        [c.id, 4, '1', []],
      ])
      for (let i = 0; i < 100 && store.core.db.prepare("SELECT 1 FROM offline_queue WHERE state != 'done'").get(); i++)
        await new Promise((r) => setTimeout(r, 100))
      expect(platform.prepare('SELECT drug_trac_codg, status FROM trace_codes').all()).toEqual([{ drug_trac_codg: box, status: 'sold' }])
    } finally {
      platform.close()
    }

    // A refund of the second customer's 10 puts them back into the lot's opened box, once.
    await store.call('refundSale', { saleId: b.id, approval: MANAGER_APPROVAL, reason: '顾客退货' })
    expect(await store.onHand(IBUPROFEN)).toEqual({ S1: 10, S2: 24 })
    expect(openBoxes()).toEqual([{ lot_no: 'S1', trace_code: box, remaining_units: 10 }])
    // The next split sale takes those 10 first, then opens the sealed box of S2 (its code scanned), leaving 22.
    const d = await sell('liuWife', '12', [sealed])
    expect(d.lines[0]).toMatchObject({ qty: '12', amount: '9.90' })
    expect(await store.onHand(IBUPROFEN)).toEqual({ S1: 0, S2: 22 })
    expect(openBoxes()).toEqual([{ lot_no: 'S2', trace_code: sealed, remaining_units: 22 }])
    expect(store.ledgerAgrees()).toBe(true)
  })

  it('refuses 拆零 of an item whose box size the stock does not know, and a fraction of a capsule', async () => {
    store = await startStore(tempDir())
    expect(await store.refused('openSale', { lines: [{ storeCode: IBUPROFEN, qty: '3', by: 'unit' }], acctUsed: false })).toBe('STOCK_SPLIT_UNAVAILABLE')
    await store.receive(IBUPROFEN, 'S1', 2)
    expect(await store.refused('openSale', { lines: [{ storeCode: IBUPROFEN, qty: '1.5', by: 'unit' }], acctUsed: false })).toBe('INVALID_INPUT')
    const paid = await store.call('settleSale', {
      saleId: (await store.call('openSale', { lines: [{ storeCode: IBUPROFEN, qty: '30', by: 'unit' }], acctUsed: false })).id,
      payment: { method: 'cash', tendered: '100' },
    })
    // 30 capsules: one whole box and 6 of the next, priced 19.80 × 30 / 24 = 24.75; the second box stays open with 18.
    expect(paid.total).toBe('24.75')
    expect(await store.onHand(IBUPROFEN)).toEqual({ S1: 18 })
  })
})
