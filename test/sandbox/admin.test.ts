import { describe, expect, it } from 'vitest'
import { wireDate } from '../../electron/sandbox/time'
import type { TransactionOutput } from '../../shared/nhsa/transactions'
import { CODES, P, ok, sale, sandbox, settle, signedIn, view } from './helpers'

type Settled = TransactionOutput<'2102'>

describe('administration API', () => {
  it('creates people, refusing bad ID numbers, residents with an account and duplicates', async () => {
    const s = await sandbox({ seed: 'none' })
    const c = await signedIn(s)
    const person = { name: '测试员', certno: '110101199003071234', insutype: '310', psn_type: '1101', insuplc_admdvs: '110100', acct_balance: 120.5 }
    const created = await c.admin<{ psn_no: string }>('POST', '/sandbox/persons', person)
    expect(created.status).toBe(201)
    expect(created.body.psn_no).toMatch(/^110100\d{14}$/)
    expect(await view(c, created.body.psn_no)).toMatchObject({ acct_balance: 120.5, acct_free: 120.5, status: 'active' })
    expect((await c.admin('POST', '/sandbox/persons', person)).status).toBe(409)
    expect((await c.admin('POST', '/sandbox/persons', { ...person, certno: '11010119900307123' })).status).toBe(400)
    expect((await c.admin('POST', '/sandbox/persons', { ...person, certno: '110101199003071242', insutype: '390', acct_balance: 1 })).status).toBe(400)
    expect((await c.admin('POST', '/sandbox/persons', { ...person, certno: '110101199003071242', acct_balance: 1.001 })).status).toBe(400)
    expect((await c.admin('GET', '/sandbox/persons/nobody')).status).toBe(404)
    expect((await c.admin('GET', '/sandbox/nothing-here')).status).toBe(404)
  })

  it('a region policy set over the API changes the next settlement', async () => {
    const s = await sandbox()
    const c = await signedIn(s)
    const input = sale(P.chenEmployee, [{ code: CODES.vitaminC, cnt: 2, pric: 6.5 }])
    expect(ok<Settled>(await settle(c, P.chenEmployee, input, '2101')).setlinfo).toMatchObject({ acct_pay: 0, psn_cash_pay: 13 })
    const policies = (await c.admin<{ policies: { admdvs: string }[] }>('GET', '/sandbox/policies')).body.policies
    const zz = policies.find((p) => p.admdvs === '410100')!
    expect((await c.admin('PUT', '/sandbox/policies/410100', { ...zz, account_pays_class_c: true })).status).toBe(200)
    expect(ok<Settled>(await settle(c, P.chenEmployee, input, '2101')).setlinfo).toMatchObject({ acct_pay: 13, psn_cash_pay: 0 })
    expect(
      (await c.admin('PUT', '/sandbox/policies/410100', { ...zz, rules: [{ psn_group: 'nobody', med_types: ['11'], deductible: 0, ratio: 2, annual_cap: 0 }] }))
        .status,
    ).toBe(400)
  })

  it('the clock crosses a year: accumulators start again, and the ledger filters by institution and date', async () => {
    const s = await sandbox()
    const c = await signedIn(s)
    const input = sale(P.liRetired, [{ code: CODES.irbesartanB, cnt: 1, pric: 100 }], { rxno: 'R1', acct: false })
    expect(ok<Settled>(await settle(c, P.liRetired, input)).setlinfo).toMatchObject({ act_pay_dedc: 0, fund_pay_sumamt: 54 })
    const today = wireDate(s.clock.now())
    const nextYear = Number(today.slice(0, 4)) + 1
    await c.admin('POST', '/sandbox/clock', { now: `${nextYear}-01-01T00:00:05+08:00` })
    c.signNo = undefined
    await c.signIn()
    // A new year: the retiree's 100.00 deductible applies again before the 60 %.
    expect(ok<Settled>(await settle(c, P.liRetired, input)).setlinfo).toMatchObject({ act_pay_dedc: 90, fund_pay_sumamt: 0 })
    const clinic = await signedIn(s, 'clinic')
    ok(await settle(clinic, P.chenEmployee, sale(P.chenEmployee, [{ code: CODES.amlodipine, cnt: 1, pric: 20 }])))
    const ledger = async (q: string) => (await c.admin<{ entries: { fixmedins_code: string }[] }>('GET', `/sandbox/ledger?${q}`)).body.entries
    expect(await ledger('')).toHaveLength(3)
    expect(await ledger(`from=${today}&to=${today}`)).toHaveLength(1)
    expect(await ledger(`from=${nextYear}-01-01`)).toHaveLength(2)
    expect(await ledger('fixmedins_code=H41010300057')).toHaveLength(1)
    expect((await c.admin('GET', '/sandbox/ledger?from=2026-02-30')).status).toBe(400)
    expect((await view(c, P.liRetired.psn_no)).accumulators.map((a) => a.year)).toEqual([nextYear - 1, nextYear])
  })
})
