import { describe, expect, it } from 'vitest'
import { wireDate } from '../../electron/sandbox/time'
import type { TransactionOutput } from '../../shared/nhsa/transactions'
import { CODES, P, ok, refused, sale, sandbox, settle, signedIn } from './helpers'

type Settled = TransactionOutput<'2102'>

async function day() {
  const s = await sandbox()
  const c = await signedIn(s)
  const a = ok<Settled>(await settle(c, P.wangFather, sale(P.wangFather, [{ code: CODES.nifedipineA, cnt: 2, pric: 20 }], { mulaid_id: 'MA0000000001' })))
  const b = ok<Settled>(await settle(c, P.liRetired, sale(P.liRetired, [{ code: CODES.irbesartanB, cnt: 1, pric: 100 }], { mulaid_id: 'MA0000000002', rxno: 'R1' })))
  const d = ok<Settled>(await settle(c, P.liuWife, sale(P.liuWife, [{ code: CODES.amlodipine, cnt: 1, pric: 20 }], { acct: false, mulaid_id: 'MA0000000003' })))
  const e = ok<Settled>(await settle(c, P.chenEmployee, sale(P.chenEmployee, [{ code: CODES.amlodipine, cnt: 3, pric: 20 }])))
  ok(await c.call('2103', { data: { setl_id: e.setlinfo.setl_id, mdtrt_id: e.setlinfo.mdtrt_id, psn_no: P.chenEmployee.psn_no } }, { insuplc_admdvs: '410100' }))
  const reversedMsgid = c.nextMsgid()
  ok(await settle(c, P.chenEmployee, sale(P.chenEmployee, [{ code: CODES.amlodipine, cnt: 1, pric: 20 }]), '2102', reversedMsgid))
  ok(await c.call('2601', { data: { psn_no: P.chenEmployee.psn_no, omsgid: reversedMsgid, oinfno: '2102' } }, { insuplc_admdvs: '410100' }))
  return { s, c, a, b, d, e, today: wireDate(s.clock.now()) }
}

describe('reconciliation 3201 / 3202 / 3203', () => {
  it('3201 agrees with the ledger net of revokes and reversals, and says which totals differ', async () => {
    const { c, today } = await day()
    // Employee (310) pharmacy settlements: li 100 (fund 54, acct 30) + liu 20 (acct 0); chen 60 settled and revoked nets out.
    const base = { insutype: '310', clr_type: '41', setl_optins: '410100', stmt_begndate: today, stmt_enddate: today }
    const agreed = ok<TransactionOutput<'3201'>>(
      await c.call('3201', { data: { ...base, medfee_sumamt: 120, fund_pay_sumamt: 54, acct_pay: 30, fixmedins_setl_cnt: 2 } }),
    )
    expect(agreed.stmtinfo.stmt_rslt).toBe('0')
    const off = ok<TransactionOutput<'3201'>>(
      await c.call('3201', { data: { ...base, medfee_sumamt: 180, fund_pay_sumamt: 54, acct_pay: 30, fixmedins_setl_cnt: 3 } }),
    )
    expect(off.stmtinfo.stmt_rslt).toBe('1')
    expect(off.stmtinfo.stmt_rslt_dscr).toMatch(/medfee_sumamt 机构 180.00 \/ 平台 120.00/)
    expect(off.stmtinfo.stmt_rslt_dscr).toMatch(/fixmedins_setl_cnt 机构 3 \/ 平台 2/)
    refused(await c.call('3201', { data: { ...base, stmt_begndate: '2026-13-01', medfee_sumamt: 0, fund_pay_sumamt: 0, acct_pay: 0, fixmedins_setl_cnt: 0 } }), /stmt_begndate/)
  })

  it('3202 returns every difference: only at the store, only at the platform, amounts differ', async () => {
    const { c, a, b, d, e, today } = await day()
    const row = (o: Settled, medfee: number, fund: number, acct: number, flag = '0') =>
      [o.setlinfo.setl_id, o.setlinfo.mdtrt_id, o.setlinfo.psn_no, medfee, fund, acct, flag].join('\t')
    const file = [
      'setl_id\tmdtrt_id\tpsn_no\tmedfee_sumamt\tfund_pay_sumamt\tacct_pay\trefd_setl_flag',
      row(a, 40, 0, 0),
      row(b, 100, 54, 29.99),
      row(e, 60, 0, 60),
      ['ST-NOT-AT-PLATFORM', 'MD-X', P.chenEmployee.psn_no, 20, 0, 20, '0'].join('\t'),
    ].join('\n')
    const up = ok<TransactionOutput<'9101'>>(await c.call('9101', { fsUploadIn: { filename: 'detail.txt', in: Buffer.from(file).toString('base64') } }))
    const r = ok<TransactionOutput<'3202'>>(
      await c.call('3202', {
        data: { setl_optins: '410100', file_qury_no: up.file_qury_no, stmt_begndate: today, stmt_enddate: today, medfee_sumamt: 220, fund_pay_sumamt: 54, fixmedins_setl_cnt: 4 },
      }),
    )
    const byKind = Object.fromEntries(r.differences.map((x) => [x.setl_id, [x.kind, x.fields]]))
    expect(byKind[b.setlinfo.setl_id!]).toEqual(['amount_differs', ['acct_pay']])
    expect(byKind['ST-NOT-AT-PLATFORM']).toEqual(['only_store', []])
    expect(byKind[d.setlinfo.setl_id!]).toEqual(['only_platform', []])
    // The revoke of chen's sale is a platform row of its own (refd_setl_flag 1, negative amounts).
    const revoke = r.differences.find((x) => x.refd_setl_flag === '1')
    expect(revoke).toMatchObject({ kind: 'only_platform', platform: { medfee_sumamt: -60, acct_pay: -60 } })
    expect(r.differences).toHaveLength(4)
    expect(r.stmtinfo).toMatchObject({ stmt_rslt: '1', store_cnt: 4, platform_cnt: 5, diff_cnt: 4 })
    const bad = ok<TransactionOutput<'9101'>>(await c.call('9101', { fsUploadIn: { filename: 'x.txt', in: Buffer.from('wrong header\n').toString('base64') } }))
    refused(await c.call('3202', { data: { setl_optins: '410100', file_qury_no: bad.file_qury_no, stmt_begndate: today, stmt_enddate: today, medfee_sumamt: 0, fund_pay_sumamt: 0, fixmedins_setl_cnt: 0 } }), /表头/)
  })

  it('3203 clears the month with mutual aid split by where the payer is insured', async () => {
    const { c, today } = await day()
    const r = ok<TransactionOutput<'3203'>>(await c.call('3203', { data: { clr_type: '41', clr_way: '1', begndate: today.slice(0, 8) + '01', enddate: today } }))
    expect(r.clrinfo.totals).toMatchObject({ setl_cnt: 3, medfee_sumamt: 160, fund_pay_sumamt: 54, acct_pay: 30, acct_mulaid_pay: 76, psn_cash_pay: 0 })
    expect(r.clrinfo.mulaid).toEqual({
      same_region: { cnt: 1, amount: 20 },
      cross_region_in_province: { cnt: 0, amount: 0 },
      cross_province: { cnt: 2, amount: 56 },
    })
  })
})
