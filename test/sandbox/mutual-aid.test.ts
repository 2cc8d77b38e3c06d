import { describe, expect, it } from 'vitest'
import { CODES, P, ok, refused, sale, sandbox, settle, signedIn, view } from './helpers'

describe('mutual-aid administration', () => {
  it('only employee-insured payers, only the eight relations, quota within the free balance', async () => {
    const s = await sandbox()
    const c = await signedIn(s)
    const post = (b: unknown) => c.admin<{ mulaid_id?: string; error?: string }>('POST', '/sandbox/mutual-aid', b)
    expect((await post({ payer_psn_no: P.sunMother.psn_no, beneficiary_psn_no: P.chenEmployee.psn_no, relation: 'parent' })).status).toBe(422)
    expect((await post({ payer_psn_no: P.chenEmployee.psn_no, beneficiary_psn_no: P.sunMother.psn_no, relation: 'cousin' })).status).toBe(400)
    expect((await post({ payer_psn_no: P.chenEmployee.psn_no, beneficiary_psn_no: P.chenEmployee.psn_no, relation: 'sibling' })).status).toBe(400)
    // A second active relationship between the same two people is refused; another direction is fine.
    expect((await post({ payer_psn_no: P.liSon.psn_no, beneficiary_psn_no: P.liRetired.psn_no, relation: 'child' })).status).toBe(409)
    const id = (await post({ payer_psn_no: P.chenEmployee.psn_no, beneficiary_psn_no: P.sunMother.psn_no, relation: 'grandchild_maternal' })).body.mulaid_id!
    const id2 = (await post({ payer_psn_no: P.chenEmployee.psn_no, beneficiary_psn_no: P.liuWife.psn_no, relation: 'sibling' })).body.mulaid_id!
    expect((await c.admin('PUT', `/sandbox/mutual-aid/${id}/quota`, { amount: 860.01 })).status).toBe(422)
    expect((await c.admin('PUT', `/sandbox/mutual-aid/${id}/quota`, { amount: 500 })).status).toBe(200)
    expect((await c.admin('PUT', `/sandbox/mutual-aid/${id2}/quota`, { amount: 360.01 })).status).toBe(422)
    expect((await c.admin('PUT', `/sandbox/mutual-aid/${id2}/quota`, { amount: 360 })).status).toBe(200)
    expect(await view(c, P.chenEmployee.psn_no)).toMatchObject({ acct_balance: 860, acct_frozen: 860, acct_free: 0 })
    // The payer cannot spend frozen quota on herself.
    const own = ok<{ setlinfo: { acct_pay: number; psn_cash_pay: number } }>(
      await settle(c, P.chenEmployee, sale(P.chenEmployee, [{ code: CODES.amlodipine, cnt: 1, pric: 20 }])),
    )
    expect(own.setlinfo).toMatchObject({ acct_pay: 0, psn_cash_pay: 20 })
    // Lowering the quota releases the difference.
    await c.admin('PUT', `/sandbox/mutual-aid/${id}/quota`, { amount: 100 })
    expect(await view(c, P.chenEmployee.psn_no)).toMatchObject({ acct_frozen: 460, acct_free: 400 })
    expect((await c.admin('DELETE', `/sandbox/mutual-aid/${id}`)).status).toBe(200)
    expect(await view(c, P.chenEmployee.psn_no)).toMatchObject({ acct_frozen: 360, acct_free: 500 })
    expect((await c.admin('DELETE', `/sandbox/mutual-aid/${id}`)).status).toBe(409)
  })

  it('insurance ending or moving ends every relationship of the person, both directions, returning quota', async () => {
    const s = await sandbox()
    const c = await signedIn(s)
    expect((await view(c, P.zhangHusband.psn_no)).acct_frozen).toBe(300)
    const r = await c.admin<{ relationships_ended: number }>('POST', `/sandbox/persons/${P.liuWife.psn_no}/insurance`, {
      status: 'transferred',
      insuplc_admdvs: '440300',
    })
    expect(r.body.relationships_ended).toBe(2)
    expect(await view(c, P.zhangHusband.psn_no)).toMatchObject({ acct_frozen: 0, acct_free: 1500 })
    expect(await view(c, P.liuWife.psn_no)).toMatchObject({ acct_frozen: 0, insuplc_admdvs: '440300' })
    refused(await settle(c, P.zhangHusband, sale(P.zhangHusband, [{ code: CODES.amlodipine, cnt: 1, pric: 20 }], { mulaid_id: 'MA0000000004' })), /已解除/)
    // The demo's transferred person: his relationship with his mother ended at seeding.
    const zhao = await view(c, P.zhaoTransferred.psn_no)
    expect(zhao.as_payer[0]).toMatchObject({ status: 'ended', quota_balc: 0 })
    expect(zhao).toMatchObject({ acct_frozen: 0, acct_balance: 1200, insuplc_admdvs: '440300' })
    // Terminated insurance: no more settlements.
    await c.admin('POST', `/sandbox/persons/${P.chenEmployee.psn_no}/insurance`, { status: 'terminated' })
    refused(await settle(c, P.chenEmployee, sale(P.chenEmployee, [{ code: CODES.amlodipine, cnt: 1, pric: 20 }])), /终止参保/)
  })

  it('a revoke after the relationship ended returns the quota money to the payer free balance', async () => {
    const s = await sandbox()
    const c = await signedIn(s)
    const out = ok<{ setlinfo: { setl_id: string; mdtrt_id: string } }>(
      await settle(c, P.wangFather, sale(P.wangFather, [{ code: CODES.nifedipineA, cnt: 2, pric: 20 }], { mulaid_id: 'MA0000000001' })),
    )
    await c.admin('DELETE', '/sandbox/mutual-aid/MA0000000001')
    expect(await view(c, P.wangDaughter.psn_no)).toMatchObject({ acct_balance: 3160, acct_frozen: 0 })
    ok(
      await c.call(
        '2103',
        { data: { setl_id: out.setlinfo.setl_id, mdtrt_id: out.setlinfo.mdtrt_id, psn_no: P.wangFather.psn_no } },
        { insuplc_admdvs: '410100' },
      ),
    )
    expect(await view(c, P.wangDaughter.psn_no)).toMatchObject({ acct_balance: 3200, acct_frozen: 0, acct_free: 3200 })
  })
})

describe('the platform draws quotas itself (the national default: no relative named)', () => {
  it('own account first, then the grants to this person oldest first; only acct_mulaid_pay is reported; a revoke gives each grant back', async () => {
    const s = await sandbox()
    const c = await signedIn(s)
    // A second, newer grant to Wang's father, from Chen (a niece would not do: a sibling of his is close kin).
    const id2 = (
      await c.admin<{ mulaid_id: string }>('POST', '/sandbox/mutual-aid', {
        payer_psn_no: P.chenEmployee.psn_no,
        beneficiary_psn_no: P.wangFather.psn_no,
        relation: 'sibling',
      })
    ).body.mulaid_id
    expect((await c.admin('PUT', `/sandbox/mutual-aid/${id2}/quota`, { amount: 300 })).status).toBe(200)
    // 35 × 20.00 = 700.00, class A, a resident: no fund at a pharmacy, no own account; 600.00 from the daughter's grant, 100.00 from Chen's.
    const out = ok<{ setlinfo: Record<string, unknown> & { setl_id: string; mdtrt_id: string } }>(
      await settle(c, P.wangFather, sale(P.wangFather, [{ code: CODES.nifedipineA, cnt: 35, pric: 20 }])),
    )
    expect(out.setlinfo).toMatchObject({ medfee_sumamt: 700, acct_pay: 0, acct_mulaid_pay: 700, psn_cash_pay: 0, mulaid_id: null, mulaid_quota_balc: null })
    const father = await view(c, P.wangFather.psn_no)
    expect(father.as_beneficiary.map((r) => [r.mulaid_id, r.quota_balc])).toEqual([
      ['MA0000000001', 0],
      [id2, 200],
    ])
    expect(await view(c, P.wangDaughter.psn_no)).toMatchObject({ acct_balance: 2600, acct_frozen: 0 })
    expect(await view(c, P.chenEmployee.psn_no)).toMatchObject({ acct_balance: 760, acct_frozen: 200 })
    ok(
      await c.call(
        '2103',
        { data: { setl_id: out.setlinfo.setl_id, mdtrt_id: out.setlinfo.mdtrt_id, psn_no: P.wangFather.psn_no } },
        { insuplc_admdvs: '410100' },
      ),
    )
    expect((await view(c, P.wangFather.psn_no)).as_beneficiary.map((r) => r.quota_balc)).toEqual([600, 300])
    expect(await view(c, P.wangDaughter.psn_no)).toMatchObject({ acct_balance: 3200, acct_frozen: 600 })
    expect(await view(c, P.chenEmployee.psn_no)).toMatchObject({ acct_balance: 860, acct_frozen: 300 })
  })

  it('an employee pays from the own account before any quota, and declining account use declines the quotas too', async () => {
    const s = await sandbox()
    const c = await signedIn(s)
    const before = await view(c, P.liuWife.psn_no)
    const declined = ok<{ setlinfo: Record<string, number> }>(
      await settle(c, P.liuWife, sale(P.liuWife, [{ code: CODES.amlodipine, cnt: 1, pric: 20 }], { acct: false })),
    )
    expect(declined.setlinfo).toMatchObject({ acct_pay: 0, acct_mulaid_pay: 0 })
    const used = ok<{ setlinfo: Record<string, number> }>(await settle(c, P.liuWife, sale(P.liuWife, [{ code: CODES.amlodipine, cnt: 1, pric: 20 }])))
    expect(used.setlinfo.acct_mulaid_pay).toBe(0)
    expect(used.setlinfo.acct_pay).toBeGreaterThan(0)
    expect((await view(c, P.liuWife.psn_no)).as_beneficiary[0]!.quota_balc).toBe(before.as_beneficiary[0]!.quota_balc)
  })
})

describe('quotas are yearly (年度额度)', () => {
  it('at the turn of the year the unused quota goes back to the payer; last year’s draw refunded goes to the payer too; this year’s quota is set anew', async () => {
    const s = await sandbox()
    const c = await signedIn(s)
    const dec = ok<{ setlinfo: { setl_id: string; mdtrt_id: string; acct_mulaid_pay: number } }>(
      await settle(c, P.wangFather, sale(P.wangFather, [{ code: CODES.nifedipineA, cnt: 2, pric: 20 }])),
    )
    expect(dec.setlinfo.acct_mulaid_pay).toBe(40)
    expect(await view(c, P.wangDaughter.psn_no)).toMatchObject({ acct_balance: 3160, acct_frozen: 560 })

    const year = Number(new Date(s.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 4))
    await c.admin('POST', '/sandbox/clock', { now: `${year + 1}-01-01T00:00:30+08:00` })
    c.signNo = undefined
    await c.signIn()
    expect(await view(c, P.wangDaughter.psn_no)).toMatchObject({ acct_balance: 3160, acct_frozen: 0, acct_free: 3160 })
    expect((await view(c, P.wangFather.psn_no)).as_beneficiary[0]).toMatchObject({ mulaid_id: 'MA0000000001', quota_balc: 0, status: 'active' })

    const jan = ok<{ setlinfo: { acct_mulaid_pay: number; psn_cash_pay: number } }>(
      await settle(c, P.wangFather, sale(P.wangFather, [{ code: CODES.nifedipineA, cnt: 1, pric: 20 }])),
    )
    expect(jan.setlinfo).toMatchObject({ acct_mulaid_pay: 0, psn_cash_pay: 20 })

    // December's draw comes back to the daughter's free balance, not into this year's (empty) quota.
    ok(
      await c.call(
        '2103',
        { data: { setl_id: dec.setlinfo.setl_id, mdtrt_id: dec.setlinfo.mdtrt_id, psn_no: P.wangFather.psn_no } },
        { insuplc_admdvs: '410100' },
      ),
    )
    expect(await view(c, P.wangDaughter.psn_no)).toMatchObject({ acct_balance: 3200, acct_frozen: 0, acct_free: 3200 })
    expect((await view(c, P.wangFather.psn_no)).as_beneficiary[0]!.quota_balc).toBe(0)

    expect((await c.admin('PUT', '/sandbox/mutual-aid/MA0000000001/quota', { amount: 300 })).status).toBe(200)
    const drawn = ok<{ setlinfo: { acct_mulaid_pay: number } }>(
      await settle(c, P.wangFather, sale(P.wangFather, [{ code: CODES.nifedipineA, cnt: 1, pric: 20 }])),
    )
    expect(drawn.setlinfo.acct_mulaid_pay).toBe(20)
    expect(await view(c, P.wangDaughter.psn_no)).toMatchObject({ acct_balance: 3180, acct_frozen: 280 })
  })
})
