import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { TransactionOutput } from '../../shared/nhsa/transactions'
import { CODES, P, ok, sale, sandbox, settle, signedIn, view, type Person } from './helpers'

type Settled = TransactionOutput<'2102'>

const CATALOG = [CODES.nifedipineA, CODES.amlodipine, CODES.valsartanCapped, CODES.irbesartanB, CODES.vitaminC, 'OUTSIDE-0001']
const BENEFICIARIES: [Person, string | undefined][] = [
  [P.wangFather, 'MA0000000001'],
  [P.liRetired, 'MA0000000002'],
  [P.liuWife, 'MA0000000003'],
  [P.zhangHusband, 'MA0000000004'],
  [P.chenEmployee, undefined],
  [P.zhouChild, 'MA0000000006'],
]
const WATCHED = [P.wangFather, P.wangDaughter, P.liRetired, P.liSon, P.zhangHusband, P.liuWife, P.chenEmployee, P.zhouChild, P.zhouMother]

const saleArb = fc.record({
  who: fc.integer({ min: 0, max: BENEFICIARIES.length - 1 }),
  lines: fc.array(
    fc.record({
      code: fc.constantFrom(...CATALOG),
      cnt: fc.integer({ min: 1, max: 6 }),
      pric: fc.integer({ min: 1, max: 30000 }).map((f) => f / 100),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  acct: fc.boolean(),
  quota: fc.boolean(),
  rx: fc.boolean(),
  undo: fc.constantFrom('revoke' as const, 'reverse' as const, 'keep' as const),
})

describe('properties over HTTP: random carts and relationships', () => {
  it('identities hold, nothing goes negative, and undoing every sale restores every balance and accumulator', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(saleArb, { minLength: 1, maxLength: 8 }), async (sales) => {
        const s = await sandbox()
        const c = await signedIn(s)
        const snapshot = async () => Promise.all(WATCHED.map((p) => view(c, p.psn_no)))
        const before = await snapshot()
        const done: { person: Person; out: Settled; msgid: string; undo: string }[] = []
        for (const x of sales) {
          const [person, mulaid] = BENEFICIARIES[x.who]
          const input = sale(person, x.lines, { acct: x.acct, mulaid_id: x.quota ? mulaid : undefined, rxno: x.rx ? 'RX1' : undefined })
          const msgid = c.nextMsgid()
          const out = ok<Settled>(await settle(c, person, input, '2102', msgid))
          const i = out.setlinfo
          const fen = (n: number) => Math.round(n * 100)
          expect(fen(i.medfee_sumamt)).toBe(fen(i.fund_pay_sumamt) + fen(i.psn_part_amt))
          expect(fen(i.psn_part_amt)).toBe(fen(i.acct_pay) + fen(i.acct_mulaid_pay) + fen(i.psn_cash_pay))
          done.push({ person, out, msgid, undo: x.undo })
        }
        for (const v of await snapshot()) {
          expect(v.acct_balance).toBeGreaterThanOrEqual(0)
          expect(v.acct_frozen).toBeGreaterThanOrEqual(0)
          expect(Math.round(v.acct_free * 100) + Math.round(v.acct_frozen * 100)).toBe(Math.round(v.acct_balance * 100))
          for (const r of [...v.as_payer, ...v.as_beneficiary]) expect(r.quota_balc).toBeGreaterThanOrEqual(0)
        }
        // Undo in reverse order, half by revoke and half by reversal.
        for (const d of done.reverse()) {
          const ref = { insuplc_admdvs: d.person.insuplc_admdvs }
          if (d.undo === 'reverse') {
            ok(await c.call('2601', { data: { psn_no: d.person.psn_no, omsgid: d.msgid, oinfno: '2102' } }, ref))
          } else {
            ok(await c.call('2103', { data: { setl_id: d.out.setlinfo.setl_id, mdtrt_id: d.out.setlinfo.mdtrt_id, psn_no: d.person.psn_no } }, ref))
          }
        }
        const after = await snapshot()
        // A settlement may leave an accumulator row at zero where there was none: same value, nothing used.
        const norm = (vs: typeof after) => vs.map((v) => ({ ...v, accumulators: v.accumulators.filter((a) => a.deductible_used !== 0 || a.fund_paid !== 0) }))
        expect(norm(after)).toEqual(norm(before))
        await s.close()
      }),
      { numRuns: 25 },
    )
  })
})
