import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { judgeAnswer, responseEnvelopeSchema, TRANSACTIONS, type Infno, type SaleSent } from '../../shared/nhsa'

/** Answers shaped like real provincial gateways' (field sets from public implementations, see each `source`). */
interface Fixture {
  source: string
  infno: Infno
  sent?: SaleSent
  expect: 'committed' | 'refused'
  answer: unknown
}
const DIR = join(__dirname, '../support/fixtures/nhsa')
const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, ...(JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Fixture) }))

describe('real-shaped answers are read, never mistaken for a lost answer', () => {
  it('has one fixture per variant the audit names', () => {
    expect(fixtures.map((f) => f.file).sort()).toEqual([
      '1101-guangzhou.json',
      '1301-guangzhou-file.json',
      '1306-dld-endtime.json',
      '1312-guangzhou-list.json',
      '1318-guangzhou-list.json',
      '1319-guangzhou-list.json',
      '2102-guangzhou-legacy-wrapper.json',
      '2102-guangzhou-refusal.json',
      '2102-hainan-strings.json',
      '2102-shenzhen-numbers.json',
      '2202-shenzhen-no-output.json',
      '2204-shenzhen-result-object.json',
      '2208-qhsi-no-init-setl-id.json',
      '2601-guangzhou-empty.json',
      '5301-shenzhen.json',
      '9002-zhejiang-no-sign-no.json',
      '9101-foshan.json',
    ])
    for (const f of fixtures) expect(f.source.length).toBeGreaterThan(20)
  })

  for (const f of fixtures) {
    it(`${f.file}: ${f.expect}`, () => {
      const outcome = judgeAnswer(f.infno, { arrived: true, raw: f.answer }, f.sent)
      expect(outcome.kind).toBe(f.expect)
    })
  }

  it('each was unreadable to the sandbox-only schemas the client used before (the cascade into 2601)', () => {
    const strictReads = (f: Fixture) => {
      const env = responseEnvelopeSchema.safeParse(f.answer)
      return env.success && (env.data.infcode !== 0 || TRANSACTIONS[f.infno].output.safeParse(env.data.output).success)
    }
    expect(fixtures.filter(strictReads).map((f) => f.file)).toEqual([])
  })

  it('reads the amounts as sent: numeric strings as numbers, "" as 0 for a part, hosp_part_amt kept', () => {
    const read = (file: string) => {
      const f = fixtures.find((x) => x.file === file)!
      const o = judgeAnswer(f.infno, { arrived: true, raw: f.answer }, f.sent)
      if (o.kind !== 'committed') throw new Error(o.kind)
      return o
    }
    const hainan = read('2102-hainan-strings.json').output as { setlinfo: Record<string, unknown> }
    expect(hainan.setlinfo).toMatchObject({
      medfee_sumamt: 58.6,
      acct_mulaid_pay: 0,
      inscp_scp_amt: 0,
      psn_cash_pay: 0,
      mulaid_id: null,
      mulaid_quota_balc: null,
    })
    expect(hainan.setlinfo.naty).toBe('01') // unknown fields kept
    const shenzhen = read('2102-shenzhen-numbers.json')
    expect(shenzhen.convention).toBe('acct-excludes-mulaid')
    expect(shenzhen.oddities.join()).toMatch(/hosp_part_amt 2\.00/)
    const legacy = read('2102-guangzhou-legacy-wrapper.json').output as { setlinfo: Record<string, unknown> }
    expect(legacy.setlinfo).toMatchObject({ medfee_sumamt: 40, acct_pay: 40, psn_cash_pay: 0, hosp_part_amt: 0 })
    const person = read('1101-guangzhou.json').output as {
      insuinfo: { balc: number; psn_insu_stas: string }[]
      mulaidinfo: unknown[]
      idetinfo: { dise_codg: string }[]
    }
    expect(person.insuinfo.map((i) => [i.balc, i.psn_insu_stas])).toEqual([
      [1234.56, '1'],
      [0, '1'],
    ])
    expect(person.mulaidinfo).toEqual([])
    const fees = read('2204-shenzhen-result-object.json').output as {
      result: { feedetl_sn: string; inscp_scp_amt: number; overlmt_amt: number; pric_uplmt_amt: number | null }[]
    }
    expect(fees.result).toMatchObject([{ feedetl_sn: 'a1b2c3d4-1', inscp_scp_amt: 25, overlmt_amt: 0, pric_uplmt_amt: null }])
    expect(person.idetinfo[0].dise_codg).toBe('')
  })

  it("a refusal keeps the platform's own words", () => {
    const f = fixtures.find((x) => x.file === '2102-guangzhou-refusal.json')!
    expect(judgeAnswer('2102', { arrived: true, raw: f.answer }, f.sent)).toEqual({ kind: 'refused', infcode: -1, message: '参保人个人账户余额不足' })
  })
})
