import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { judgeAnswer, readEnvelope, type SaleSent } from '../../shared/nhsa'

/**
 * The outcome rules (shared/nhsa/answer/outcome.ts), property-tested: a refusal in any form is a refusal;
 * a usable answer that describes the sale is committed in any real encoding; infcode 0 without an essential,
 * or about another sale, is rejected (reversed, never paid); "unknown" only when no envelope can be read.
 */

const yuanText = (fen: number) => `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`
const asNumber = (fen: number) => Number(yuanText(fen))

/** One amount as some real gateway would write it; a zero part may also be "", null or left out. */
function encoded(fen: number, part: boolean) {
  const forms: fc.Arbitrary<unknown>[] = [fc.constant(asNumber(fen)), fc.constant(yuanText(fen)), fc.constant(String(asNumber(fen)))]
  if (part && fen === 0) forms.push(fc.constant(''), fc.constant(null), fc.constant(undefined))
  return fc.oneof(...forms)
}

interface Split {
  total: number
  fund: number
  acct: number
  mulaid: number
  cash: number
  hosp: number
  includes: boolean
}

/** A split that adds up: the total cut in five non-negative parts, acct_pay with or without mutual aid. */
const splitArb: fc.Arbitrary<Split> = fc
  .record({
    total: fc.integer({ min: 1, max: 99_999_999 }),
    cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
    includes: fc.boolean(),
  })
  .map(({ total, cuts }) => {
    const points = cuts.map((c) => Math.floor(c * total)).sort((a, b) => a - b)
    const [fund, acct, mulaid, cash, hosp] = [points[0], points[1] - points[0], points[2] - points[1], points[3] - points[2], total - points[3]]
    return { total, fund, acct, mulaid, cash, hosp, includes: false }
  })
  .chain((s) => fc.boolean().map((includes) => ({ ...s, includes })))

const PSN = '41010099000000000001'

function answerArb(s: Split, mutate: (setlinfo: Record<string, unknown>) => void = () => {}) {
  return fc
    .record({
      medfee: encoded(s.total, false),
      fund: encoded(s.fund, false),
      acct: encoded(s.includes ? s.acct + s.mulaid : s.acct, true),
      mulaid: encoded(s.mulaid, true),
      cash: encoded(s.cash, false),
      hosp: encoded(s.hosp, true),
      infcode: fc.constantFrom(0, '0', ' 0 '),
      warn: fc.constantFrom(undefined, null, '', '请注意'),
      extra: fc.dictionary(
        fc.string({ minLength: 1, maxLength: 8 }).map((k) => `x_${k}`),
        fc.jsonValue(),
        { maxKeys: 3 },
      ),
    })
    .map((e) => {
      const setlinfo: Record<string, unknown> = {
        ...e.extra,
        setl_id: 'ST1',
        mdtrt_id: 'MD1',
        psn_no: PSN,
        medfee_sumamt: e.medfee,
        fund_pay_sumamt: e.fund,
        acct_pay: e.acct,
        acct_mulaid_pay: e.mulaid,
        psn_cash_pay: e.cash,
        hosp_part_amt: e.hosp,
      }
      for (const k of Object.keys(setlinfo)) if (setlinfo[k] === undefined) delete setlinfo[k]
      mutate(setlinfo)
      const envelope: Record<string, unknown> = { infcode: e.infcode, output: { setlinfo } }
      if (e.warn !== undefined) envelope.warn_msg = e.warn
      return envelope
    })
}

const sent = (s: Split): SaleSent => ({ psnNo: PSN, medfeeSumamt: asNumber(s.total) })

describe('answer outcome rules', () => {
  it('an answer that describes the sale is committed in any real encoding, and charges exactly psn_cash_pay', () => {
    fc.assert(
      fc.property(
        splitArb.chain((s) => fc.tuple(fc.constant(s), answerArb(s))),
        ([s, raw]) => {
          const o = judgeAnswer('2102', { arrived: true, raw }, sent(s))
          expect(o.kind).toBe('committed')
          if (o.kind !== 'committed') return
          expect(Math.round(o.output.setlinfo.psn_cash_pay * 100)).toBe(s.cash)
          if (s.mulaid > 0) expect(o.convention).toBe(s.includes ? 'acct-includes-mulaid' : 'acct-excludes-mulaid')
          // Recorded in the app's one convention whichever the platform used: acct_pay is the own account only.
          expect(Math.round(o.output.setlinfo.acct_pay * 100)).toBe(s.acct)
        },
      ),
      { numRuns: 400 },
    )
  })

  it('a refusal in any form (infcode other than 0, number or string) is a refusal, whatever the output', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -99999, max: 99999 }).filter((n) => n !== 0),
          fc.integer({ min: 1, max: 9999 }).map((n) => `-${n}`),
          fc.integer({ min: 1, max: 9999 }).map(String),
        ),
        fc.option(fc.string(), { nil: undefined }),
        fc.jsonValue(),
        (infcode, errMsg, output) => {
          const raw: Record<string, unknown> = { infcode, output }
          if (errMsg !== undefined) raw.err_msg = errMsg
          const o = judgeAnswer('2102', { arrived: true, raw }, { psnNo: PSN, medfeeSumamt: 1 })
          expect(o.kind).toBe('refused')
          if (o.kind === 'refused' && errMsg?.trim()) expect(o.message).toBe(errMsg.trim())
        },
      ),
    )
  })

  const ESSENTIAL = ['setl_id', 'mdtrt_id', 'medfee_sumamt', 'fund_pay_sumamt', 'psn_cash_pay'] as const
  it('infcode 0 with an essential field missing, empty or unreadable is rejected (reversed), never committed', () => {
    fc.assert(
      fc.property(
        splitArb.chain((s) =>
          fc.tuple(
            fc.constant(s),
            fc
              .constantFrom(...ESSENTIAL)
              .chain((k) =>
                fc
                  .constantFrom<unknown>(undefined, null, '', {}, [], ...(k.endsWith('_id') ? [] : ['abc', 1e308, '12.345']))
                  .chain((v) => answerArb(s, (si) => void (v === undefined ? delete si[k] : (si[k] = v)))),
              ),
          ),
        ),
        ([s, raw]) => {
          const o = judgeAnswer('2102', { arrived: true, raw }, sent(s))
          expect(o.kind).toBe('rejected')
        },
      ),
      { numRuns: 300 },
    )
  })

  const wrongings: [string, (s: Split) => (si: Record<string, unknown>) => void][] = [
    ['another person', () => (si) => void (si.psn_no = '41010099000000000002')],
    ['another total', (s) => (si) => void (si.medfee_sumamt = asNumber(s.total + 1))],
    ['a negative cash part', (s) => (si) => void ((si.psn_cash_pay = asNumber(-s.cash - 100)), (si.fund_pay_sumamt = asNumber(s.fund + 2 * s.cash + 100)))],
    ['a fund larger than the total', (s) => (si) => void (si.fund_pay_sumamt = asNumber(s.total + 1))],
    ['parts that do not add up', (s) => (si) => void (si.psn_cash_pay = asNumber(s.cash + 1))],
    ['a third decimal', (s) => (si) => void (si.psn_cash_pay = `${yuanText(s.cash)}1`)],
  ]
  for (const [name, wrong] of wrongings) {
    it(`an answer with ${name} does not describe the sale: rejected, never paid`, () => {
      fc.assert(
        fc.property(
          splitArb.chain((s) => fc.tuple(fc.constant(s), answerArb(s, wrong(s)))),
          ([s, raw]) => {
            const o = judgeAnswer('2102', { arrived: true, raw }, sent(s))
            expect(o.kind).toBe('rejected')
          },
        ),
        { numRuns: 200 },
      )
    })
  }

  it('"unknown" only when nothing arrived or no envelope can be read; judging never throws', () => {
    expect(judgeAnswer('2102', { arrived: false, why: 'timeout' }).kind).toBe('unknown')
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ infcode: fc.jsonValue(), output: fc.jsonValue() }), fc.anything()), (raw) => {
        const o = judgeAnswer('2102', { arrived: true, raw }, { psnNo: PSN, medfeeSumamt: 10 })
        expect(o.kind === 'unknown').toBe(readEnvelope(raw) === null)
      }),
      { numRuns: 1000 },
    )
  })

  it('a 2101 pre-settlement needs no setl_id; a 2102 does', () => {
    const raw = { infcode: 0, output: { setlinfo: { psn_no: PSN, medfee_sumamt: 10, fund_pay_sumamt: 6, acct_pay: 4, psn_cash_pay: 0 } } }
    expect(judgeAnswer('2101', { arrived: true, raw }, { psnNo: PSN, medfeeSumamt: 10 }).kind).toBe('committed')
    expect(judgeAnswer('2102', { arrived: true, raw }, { psnNo: PSN, medfeeSumamt: 10 }).kind).toBe('rejected')
  })

  it('1101 with an impossible age (1e308) or 20,000 quotas is still read, bounded', () => {
    const raw = {
      infcode: 0,
      output: {
        baseinfo: { psn_no: PSN, psn_name: '王某', certno: '410100198001010000', gend: '1', age: 1e308 },
        insuinfo: [{ insutype: '310', psn_type: '1101', balc: '10.00', insuplc_admdvs: '410100' }],
        mulaidinfo: Array.from({ length: 20_000 }, (_, i) => ({ mulaid_id: `MA${i}`, relation: 'spouse', payer_psn_name: '李某', quota_balc: 1 })),
      },
    }
    const o = judgeAnswer('1101', { arrived: true, raw })
    expect(o.kind).toBe('committed')
    if (o.kind !== 'committed') return
    expect(o.output.baseinfo.age).toBe(0)
    expect(o.output.mulaidinfo).toHaveLength(1000)
    expect(o.oddities.join()).toMatch(/超过 1000 行/)
  })
})
