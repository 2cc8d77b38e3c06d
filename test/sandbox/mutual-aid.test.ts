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
    refused(
      await settle(c, P.zhangHusband, sale(P.zhangHusband, [{ code: CODES.amlodipine, cnt: 1, pric: 20 }], { mulaid_id: 'MA0000000004' })),
      /已解除/,
    )
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
    ok(await c.call('2103', { data: { setl_id: out.setlinfo.setl_id, mdtrt_id: out.setlinfo.mdtrt_id, psn_no: P.wangFather.psn_no } }, { insuplc_admdvs: '410100' }))
    expect(await view(c, P.wangDaughter.psn_no)).toMatchObject({ acct_balance: 3200, acct_frozen: 0, acct_free: 3200 })
  })
})
