import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useTempDir } from '../support/temp-dir'
import { CallFailed } from '../sale/counter-rig'
import { IBUPROFEN, MANAGER_APPROVAL, startStore, traceCode, type StoreCounter } from './stock-rig'

const PACK = 24
const LOTS = ['P-SOON', 'P-LATE'] as const
type LotIx = 0 | 1

type Cmd =
  | { t: 'receive'; lot: LotIx; boxes: number; coded: number }
  | { t: 'cash'; units: number }
  | { t: 'split'; units: number }
  | { t: 'insured'; known: boolean; pick: number }
  | { t: 'refund'; pick: number }
  | { t: 'reversal' }
  | { t: 'count'; lot: LotIx; units: number }
  | { t: 'correct'; lot: LotIx; delta: number }
  | { t: 'return'; lot: LotIx; units: number }

const lot = fc.constantFrom<LotIx>(0, 1)
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({ t: fc.constant('receive' as const), lot, boxes: fc.integer({ min: 1, max: 3 }), coded: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ t: fc.constant('cash' as const), units: fc.constantFrom(12, 24, 48, 72) }),
  fc.record({ t: fc.constant('split' as const), units: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ t: fc.constant('insured' as const), known: fc.boolean(), pick: fc.nat() }),
  fc.record({ t: fc.constant('refund' as const), pick: fc.nat() }),
  fc.record({ t: fc.constant('reversal' as const) }),
  fc.record({ t: fc.constant('count' as const), lot, units: fc.integer({ min: 0, max: 120 }) }),
  fc.record({ t: fc.constant('correct' as const), lot, delta: fc.integer({ min: -30, max: 30 }).filter((n) => n !== 0) }),
  fc.record({ t: fc.constant('return' as const), lot, units: fc.integer({ min: 1, max: 60 }) }),
)

/**
 * The model: stock per lot = receipts − sales + refunds ± corrections and counts, with sales taken
 * first-expiry-first-out (P-SOON before P-LATE) except a box known by its code, and nothing below zero
 * (the store's default). 拆零 sales take the loose units of a lot's opened box first, then open boxes
 * first-expiry-first-out; their refunds put the units back into the opened box. It is computed
 * independently of the core and compared after every step.
 */
class Model {
  bal: [number, number] = [0, 0]
  /** Traceability codes received per lot and not sold now. */
  codes: [string[], string[]] = [[], []]
  /** Settled sales not yet refunded: what each took per lot, and the codes to put back. */
  open: { saleId: string; took: [number, number]; codes: { lot: LotIx; code: string }[]; boxes?: { lot: LotIx; units: number }[] }[] = []
  /** Loose units in each lot's opened box (0: no box open). */
  loose: [number, number] = [0, 0]

  /** A 拆零 sale of `units`: what it takes per lot and out of which boxes, or null when refused. */
  split(units: number): { took: [number, number]; boxes: { lot: LotIx; units: number }[] } | null {
    const took: [number, number] = [0, 0]
    let rem = units
    for (const l of [0, 1] as const) {
      const u = Math.min(rem, this.loose[l], Math.max(this.bal[l], 0))
      took[l] += u
      rem -= u
    }
    for (const l of [0, 1] as const) {
      const u = Math.min(rem, Math.max(this.bal[l] - took[l], 0))
      took[l] += u
      rem -= u
    }
    if (rem > 0) return null
    const boxes: { lot: LotIx; units: number }[] = []
    for (const l of [0, 1] as const) {
      let left = took[l]
      if (left > 0 && this.loose[l] > 0) {
        const u = Math.min(left, this.loose[l])
        boxes.push({ lot: l, units: u })
        this.loose[l] -= u
        left -= u
      }
      while (left > 0) {
        const u = Math.min(left, PACK)
        boxes.push({ lot: l, units: u })
        this.loose[l] = PACK - u
        left -= u
      }
    }
    return { took, boxes }
  }

  fefo(units: number): [number, number] | null {
    if (Math.max(this.bal[0], 0) + Math.max(this.bal[1], 0) < units) return null
    const a = Math.min(units, Math.max(this.bal[0], 0))
    return [a, units - a]
  }
}

const tempDir = useTempDir()
let store: StoreCounter
let dir: string
beforeAll(async () => {
  dir = tempDir()
  store = await startStore(dir)
})
afterAll(async () => {
  await store?.close()
})

async function expectRefused(work: Promise<unknown>, code: string) {
  const e = await work.then(
    () => null,
    (err: unknown) => err,
  )
  expect(e).toBeInstanceOf(CallFailed)
  expect((e as CallFailed).code).toBe(code)
}

describe('the movement ledger under any interleaving (real core, real SQLite, training sandbox)', () => {
  it('stock per lot = receipts − sales + refunds ± corrections and counts, never double-counted', { timeout: 600_000 }, async () => {
    const m = new Model()
    let member = await store.member('zhangHusband')
    const lotIds: string[] = []
    for (const [i, lotNo] of LOTS.entries()) {
      await store.receive(IBUPROFEN, lotNo, 1, { packSize: PACK, expiryInDays: i === 0 ? 100 : 300 })
      m.bal[i] += PACK
      lotIds.push(await store.lotId(IBUPROFEN, lotNo))
    }

    const insuredSale = async (codes: string[]) => {
      const sale = await store.call('openSale', {
        memberRef: member.ref,
        lines: [{ storeCode: IBUPROFEN, qty: String(codes.length), traceCodes: codes }],
        acctUsed: false,
      })
      await store.call('presettleSale', { saleId: sale.id })
      return sale
    }

    const seen: Record<string, number> = {}
    const step = async (c: Cmd) => {
      switch (c.t) {
        case 'receive': {
          const coded = Math.min(c.coded, c.boxes)
          const codes = Array.from({ length: coded }, () => traceCode())
          await store.receive(IBUPROFEN, LOTS[c.lot], c.boxes, { packSize: PACK, expiryInDays: c.lot === 0 ? 100 : 300, traceCodes: codes })
          m.bal[c.lot] += c.boxes * PACK
          m.codes[c.lot].push(...codes)
          return
        }
        case 'cash': {
          const took = m.fefo(c.units)
          const open = store.call('openSale', { lines: [{ storeCode: IBUPROFEN, qty: String(c.units / PACK) }], acctUsed: false })
          if (!took) return expectRefused(open, 'STOCK_INSUFFICIENT')
          const sale = await open
          await store.call('settleSale', { saleId: sale.id, payment: { method: 'cash', tendered: '1000' } })
          m.bal = [m.bal[0] - took[0], m.bal[1] - took[1]]
          m.open.push({ saleId: sale.id, took, codes: [] })
          return
        }
        case 'split': {
          const open = store.call('openSale', { lines: [{ storeCode: IBUPROFEN, qty: String(c.units), by: 'unit' }], acctUsed: false })
          const took = m.split(c.units)
          if (!took) return expectRefused(open, 'STOCK_INSUFFICIENT')
          const sale = await open
          await store.call('settleSale', { saleId: sale.id, payment: { method: 'cash', tendered: '1000' } })
          m.bal = [m.bal[0] - took.took[0], m.bal[1] - took.took[1]]
          m.open.push({ saleId: sale.id, took: took.took, codes: [], boxes: took.boxes })
          return
        }
        case 'insured': {
          const known = c.known ? ([0, 1] as const).flatMap((l) => m.codes[l].map((code) => ({ lot: l as LotIx, code }))) : []
          const pick = known.length ? known[c.pick % known.length] : undefined
          let took: [number, number] | null
          if (pick) took = m.bal[pick.lot] >= PACK ? (pick.lot === 0 ? [PACK, 0] : [0, PACK]) : null
          else took = m.fefo(PACK)
          const code = pick?.code ?? traceCode()
          if (!took) return expectRefused(insuredSale([code]), 'STOCK_INSUFFICIENT')
          const sale = await insuredSale([code])
          await store.call('settleSale', { saleId: sale.id, payment: { method: 'mobile' } })
          m.bal = [m.bal[0] - took[0], m.bal[1] - took[1]]
          if (pick) m.codes[pick.lot] = m.codes[pick.lot].filter((x) => x !== pick.code)
          m.open.push({ saleId: sale.id, took, codes: pick ? [pick] : [] })
          return
        }
        case 'refund': {
          if (!m.open.length) return
          const [sale] = m.open.splice(c.pick % m.open.length, 1)
          await store.call('refundSale', { saleId: sale.saleId, approval: MANAGER_APPROVAL, reason: '顾客退货' })
          m.bal = [m.bal[0] + sale.took[0], m.bal[1] + sale.took[1]]
          for (const k of sale.codes) m.codes[k.lot].push(k.code)
          for (const b of sale.boxes ?? []) m.loose[b.lot] = Math.min(PACK, m.loose[b.lot] + b.units)
          // Refunding again is refused and gives nothing back twice.
          await expectRefused(store.call('refundSale', { saleId: sale.saleId, approval: MANAGER_APPROVAL, reason: '再退' }), 'SALE_WRONG_STATE')
          return
        }
        case 'reversal': {
          if (!m.fefo(PACK)) return
          const sale = await insuredSale([traceCode()])
          await store.faults({ drop_after_commit_rate: 1, infnos: ['2102'], seed: 3 })
          try {
            await expectRefused(store.call('settleSale', { saleId: sale.id, payment: { method: 'mobile' } }), 'SETTLEMENT_REVERSED')
          } finally {
            await store.faults({})
          }
          await store.call('voidSale', { saleId: sale.id, reason: '冲正后顾客不买了' })
          return
        }
        case 'count': {
          const diff = c.units - m.bal[c.lot]
          await store.call('postStocktake', { counts: [{ lotId: lotIds[c.lot], countedUnits: c.units, reason: diff ? '盘点差异已核实' : '' }] })
          m.bal[c.lot] = c.units
          return
        }
        case 'correct': {
          const call = store.call('correctStock', { lotId: lotIds[c.lot], deltaUnits: c.delta, reason: '更正录入' })
          if (m.bal[c.lot] + c.delta < 0) return expectRefused(call, 'STOCK_INSUFFICIENT')
          await call
          m.bal[c.lot] += c.delta
          return
        }
        case 'return': {
          const call = store.call('returnToSupplier', { supplier: '国药控股河南', reason: '近效期退货', lines: [{ lotId: lotIds[c.lot], units: c.units }] })
          if (c.units > m.bal[c.lot]) return expectRefused(call, 'STOCK_INSUFFICIENT')
          await call
          m.bal[c.lot] -= c.units
          return
        }
      }
    }

    await fc.assert(
      fc.asyncProperty(fc.array(cmd, { minLength: 1, maxLength: 12 }), async (cmds) => {
        member = await store.member('zhangHusband')
        for (const c of cmds) {
          await step(c)
          seen[c.t] = (seen[c.t] ?? 0) + 1
          const onHand = await store.onHand(IBUPROFEN)
          expect([onHand[LOTS[0]], onHand[LOTS[1]]]).toEqual(m.bal)
          expect(store.ledgerAgrees()).toBe(true)
          const loose = store.core.db.prepare('SELECT l.lot_no, b.remaining_units FROM stock_open_box b JOIN stock_lot l ON l.id = b.lot_id').all() as {
            lot_no: string
            remaining_units: number
          }[]
          expect(LOTS.map((lotNo) => loose.find((r) => r.lot_no === lotNo)?.remaining_units ?? 0)).toEqual(m.loose)
        }
      }),
      { numRuns: 25, seed: 20261205, endOnFailure: true },
    )
    // Every kind of step ran, so the property says something about each.
    expect(Object.keys(seen).sort()).toEqual(['cash', 'correct', 'count', 'insured', 'receive', 'refund', 'return', 'reversal', 'split'])
    // Every sale took its stock once and every refund gave it back once.
    const postings = store.core.db
      .prepare(
        "SELECT source_id, kind, COUNT(*) AS n FROM stock_movement WHERE kind IN ('sale', 'sale_return') GROUP BY source_id, kind, lot_id, source_line HAVING n > 1",
      )
      .all()
    expect(postings).toEqual([])
  })
})
