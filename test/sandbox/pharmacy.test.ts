import { describe, expect, it } from 'vitest'
import type { TransactionOutput } from '../../shared/nhsa/transactions'
import { CODES, P, ok, refused, sale, sandbox, settle, signedIn, view } from './helpers'

type Settled = TransactionOutput<'2102'>

describe('pharmacy settlement 2101 / 2102 / 2103', () => {
  it('worked example 1: the daughter in Suzhou pays her father in Zhengzhou through the quota', async () => {
    const s = await sandbox()
    const c = await signedIn(s)
    const input = sale(P.wangFather, [{ code: CODES.nifedipineA, cnt: 2, pric: 20 }], { mulaid_id: 'MA0000000001' })
    const pre = ok<Settled>(await settle(c, P.wangFather, input, '2101'))
    expect(pre.setlinfo).toMatchObject({ setl_id: null, medfee_sumamt: 40, fund_pay_sumamt: 0, acct_mulaid_pay: 40, mulaid_quota_balc: 560 })
    expect((await view(c, P.wangDaughter.psn_no)).acct_balance).toBe(3200)
    const done = ok<Settled>(await settle(c, P.wangFather, input))
    expect(done.setlinfo).toMatchObject({
      medfee_sumamt: 40,
      fund_pay_sumamt: 0,
      psn_part_amt: 40,
      acct_pay: 0,
      acct_mulaid_pay: 40,
      psn_cash_pay: 0,
      mulaid_id: 'MA0000000001',
      mulaid_quota_balc: 560,
      insuplc_admdvs: '410100',
      clr_type: '41',
    })
    const daughter = await view(c, P.wangDaughter.psn_no)
    expect(daughter).toMatchObject({ acct_balance: 3160, acct_frozen: 560, acct_free: 2600 })
    expect(daughter.as_payer[0].quota_balc).toBe(560)
  })

  it('worked example 2 and 3: pooled fund, own account, then the son quota, then cash', async () => {
    const s = await sandbox()
    const c = await signedIn(s)
    const input = sale(P.liRetired, [{ code: CODES.irbesartanB, cnt: 1, pric: 100 }], { mulaid_id: 'MA0000000002', rxno: 'RX001' })
    const r = ok<Settled>(await settle(c, P.liRetired, input))
    expect(r.setlinfo).toMatchObject({
      medfee_sumamt: 100,
      preselfpay_amt: 10,
      inscp_scp_amt: 90,
      fund_pay_sumamt: 54,
      hifp_pay: 54,
      pool_prop_selfpay: 0.6,
      psn_part_amt: 46,
      acct_pay: 30,
      acct_mulaid_pay: 16,
      mulaid_quota_balc: 484,
      psn_cash_pay: 0,
      balc: 0,
    })
    expect(r.setldetail).toEqual([expect.objectContaining({ fund_pay_type: '310100', fund_payamt: 54 })])
    // Example 3: the quota has 10.00 left.
    const s2 = await sandbox()
    const c2 = await signedIn(s2)
    await c2.admin('PUT', '/sandbox/mutual-aid/MA0000000002/quota', { amount: 10 })
    const r3 = ok<Settled>(await settle(c2, P.liRetired, input))
    expect(r3.setlinfo).toMatchObject({ acct_pay: 30, acct_mulaid_pay: 10, mulaid_quota_balc: 0, psn_cash_pay: 6 })
  })

  it('class C, price caps and items outside the catalog', async () => {
    const s = await sandbox()
    const c = await signedIn(s)
    const input = sale(P.chenEmployee, [
      { code: CODES.vitaminC, cnt: 1, pric: 6.5 },
      { code: CODES.valsartanCapped, cnt: 2, pric: 28.6 },
      { code: 'NOT-IN-CATALOG-001', cnt: 1, pric: 9.9 },
    ])
    const r = ok<Settled>(await settle(c, P.chenEmployee, input))
    expect(r.setlinfo).toMatchObject({ medfee_sumamt: 73.6, fulamt_ownpay_amt: 16.4, overlmt_selfpay: 7.2 })
    expect(r.detlcutinfo[1]).toMatchObject({ pric_uplmt_amt: 25, overlmt_amt: 7.2, preselfpay_amt: 5, inscp_scp_amt: 45, lmt_used_flag: '1' })
    // Zhengzhou accounts do not pay class C or non-catalog items; chen has no prescription so no pooling.
    expect(r.setlinfo).toMatchObject({ fund_pay_sumamt: 0, acct_pay: 57.2, psn_cash_pay: 16.4 })
  })

  it('is idempotent by msgid, refuses a reused msgid, and a revoke restores balances and accumulators', async () => {
    const s = await sandbox()
    const c = await signedIn(s)
    const before = await view(c, P.liRetired.psn_no)
    const son = await view(c, P.liSon.psn_no)
    const input = sale(P.liRetired, [{ code: CODES.irbesartanB, cnt: 2, pric: 80 }], { mulaid_id: 'MA0000000002', rxno: 'RX9' })
    const msgid = c.nextMsgid()
    const first = await settle(c, P.liRetired, input, '2102', msgid)
    const again = await settle(c, P.liRetired, input, '2102', msgid)
    expect(again).toEqual(first)
    const out = ok<Settled>(first)
    const ledger = (await c.admin<{ entries: unknown[] }>('GET', '/sandbox/ledger')).body.entries
    expect(ledger).toHaveLength(1)
    refused(await settle(c, P.liRetired, sale(P.liRetired, [{ code: CODES.irbesartanB, cnt: 1, pric: 80 }]), '2102', msgid), /已被另一笔/)
    const mid = await view(c, P.liRetired.psn_no)
    expect(mid.accumulators[0].fund_paid).toBeGreaterThan(0)
    const revokeInput = { data: { setl_id: out.setlinfo.setl_id, mdtrt_id: out.setlinfo.mdtrt_id, psn_no: P.liRetired.psn_no } }
    const rev = ok<TransactionOutput<'2103'>>(await c.call('2103', revokeInput, { insuplc_admdvs: '410100' }))
    expect(rev.setlinfo).toMatchObject({ init_setl_id: out.setlinfo.setl_id, refd_setl_flag: '1', medfee_sumamt: 160, mulaid_quota_balc: 500 })
    expect(await view(c, P.liRetired.psn_no)).toEqual(before)
    expect(await view(c, P.liSon.psn_no)).toEqual(son)
    refused(await c.call('2103', revokeInput, { insuplc_admdvs: '410100' }), /已撤销/)
    const entries = (await c.admin<{ entries: { kind: string; medfee_sumamt: number }[] }>('GET', '/sandbox/ledger')).body.entries
    expect(entries.map((e) => [e.kind, e.medfee_sumamt])).toEqual([
      ['settlement', 160],
      ['revoke', -160],
    ])
  })

  it('validation errors are infcode -1 with the field and write nothing', async () => {
    const s = await sandbox()
    const c = await signedIn(s)
    const good = sale(P.chenEmployee, [{ code: CODES.amlodipine, cnt: 1, pric: 20 }])
    const variants: [unknown, RegExp][] = [
      [{ ...good, data: { ...good.data, medfee_sumamt: -20 } }, /medfee_sumamt.*负数/],
      [{ ...good, data: { ...good.data, medfee_sumamt: 20.001 } }, /medfee_sumamt.*2 位小数/],
      [{ ...good, data: { ...good.data, medfee_sumamt: '20.00' } }, /medfee_sumamt.*数字/],
      [{ ...good, data: { ...good.data, med_type: '99' } }, /med_type/],
      [{ ...good, data: { ...good.data, psn_no: undefined } }, /psn_no：缺少必填字段/],
      [{ ...good, drugdetail: [{ ...good.drugdetail[0], cnt: 1.00001 }] }, /cnt.*4 位小数/],
      [{ ...good, drugdetail: [{ ...good.drugdetail[0], pric: 20.0000001 }] }, /pric.*6 位小数/],
      [{ ...good, drugdetail: [{ ...good.drugdetail[0], det_item_fee_sumamt: 20.02 }], data: { ...good.data, medfee_sumamt: 20.02 } }, /相差超过 0.01/],
      [{ ...good, data: { ...good.data, medfee_sumamt: 21 } }, /与明细合计/],
      [{ ...good, drugdetail: [] }, /drugdetail/],
      [{ ...good, data: { ...good.data, insutype: '390' } }, /insutype/],
      [{ ...good, data: { ...good.data, mdtrt_cert_no: P.liRetired.certno } }, /不是同一人/],
      [{ ...good, data: { ...good.data, mulaid_id: 'MA0000000001' } }, /不属于该参保人/],
    ]
    for (const [input, pattern] of variants) refused(await settle(c, P.chenEmployee, input), pattern)
    refused(await c.call('2102', good, { insuplc_admdvs: '320500' }), /参保地/)
    expect((await c.admin<{ entries: unknown[] }>('GET', '/sandbox/ledger')).body.entries).toHaveLength(0)
    expect((await view(c, P.chenEmployee.psn_no)).acct_balance).toBe(860)
    // A line within 0.01 of pric x cnt is accepted.
    ok(
      await settle(c, P.chenEmployee, {
        ...good,
        drugdetail: [{ ...good.drugdetail[0], det_item_fee_sumamt: 20.01 }],
        data: { ...good.data, medfee_sumamt: 20.01 },
      }),
    )
  })
})
