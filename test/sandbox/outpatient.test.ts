import { describe, expect, it } from 'vitest'
import type { TransactionOutput } from '../../shared/nhsa/transactions'
import { CODES, P, ok, refused, sandbox, signedIn, view, type Person } from './helpers'

const reg = (p: Person) => ({
  data: {
    psn_no: p.psn_no,
    insutype: p.insutype,
    begntime: '2026-03-02 09:00:00',
    mdtrt_cert_type: '02',
    mdtrt_cert_no: p.certno,
    ipt_otp_no: 'MZ0001',
    atddr_no: 'D001',
    dr_name: '医生甲',
    dept_code: 'A03',
    dept_name: '全科',
    caty: 'A03',
  },
})

const fee = (p: Person, mdtrt_id: string, sn: string, code: string, cnt: number, pric: number, bch = 'B1') => ({
  feedetl_sn: sn,
  mdtrt_id,
  psn_no: p.psn_no,
  chrg_bchno: bch,
  med_list_codg: code,
  medins_list_codg: 'Y' + sn,
  det_item_fee_sumamt: Math.round(cnt * pric * 100) / 100,
  cnt,
  pric,
  fee_ocur_time: '2026-03-02 09:10:00',
})

const settleInput = (p: Person, mdtrt_id: string, total: number, med_type = '11', mulaid_id?: string) => ({
  data: {
    psn_no: p.psn_no,
    mdtrt_cert_type: '02',
    mdtrt_cert_no: p.certno,
    med_type,
    medfee_sumamt: total,
    psn_setlway: '01',
    mdtrt_id,
    chrg_bchno: 'B1',
    insutype: p.insutype,
    acct_used_flag: '1',
    ...(mulaid_id ? { mulaid_id } : {}),
  },
})

describe('clinic outpatient 2201-2208', () => {
  it('register, visit with a certified chronic disease, fees, pre-settle, settle, revoke, cancel', async () => {
    const s = await sandbox()
    const c = await signedIn(s, 'clinic')
    const f = P.wangFather
    const ref = { insuplc_admdvs: f.insuplc_admdvs }
    const { mdtrt_id } = ok<TransactionOutput<'2201'>>(await c.call('2201', reg(f), ref)).data
    const visit = (med_type: string, dise: string) => ({
      mdtrtinfo: { mdtrt_id, psn_no: f.psn_no, med_type, begntime: '2026-03-02 09:00:00', dise_codg: dise, dise_name: '高血压' },
      diseinfo: [{ diag_type: '1', diag_srt_no: '1', diag_code: dise, diag_name: '高血压' }],
    })
    refused(await c.call('2203', visit('14', 'E11.900'), ref), /门诊慢特病认定/)
    ok(await c.call('2203', visit('14', 'I10.x00'), ref))
    const uploaded = ok<TransactionOutput<'2204'>>(
      await c.call('2204', { feedetail: [fee(f, mdtrt_id, '1', CODES.nifedipineA, 2, 18.5), fee(f, mdtrt_id, '2', CODES.vitaminC, 1, 6.5)] }, ref),
    )
    expect(uploaded.result.map((r) => r.chrgitm_lv)).toEqual(['01', '03'])
    refused(await c.call('2204', { feedetail: [fee(f, mdtrt_id, '1', CODES.nifedipineA, 1, 18.5)] }, ref), /已上传/)
    refused(await c.call('2207', settleInput(f, mdtrt_id, 40, '14'), ref), /与明细合计/)
    refused(await c.call('2207', settleInput(f, mdtrt_id, 43.5, '11'), ref), /med_type/)
    const pre = ok<TransactionOutput<'2206'>>(await c.call('2206', settleInput(f, mdtrt_id, 43.5, '14', 'MA0000000001'), ref))
    // Resident chronic disease in Zhengzhou: ratio 0.6 on the 37.00 class A; the daughter's quota pays the rest but not class C.
    expect(pre.setlinfo).toMatchObject({ medfee_sumamt: 43.5, hifp_pay: 22.2, acct_mulaid_pay: 14.8, psn_cash_pay: 6.5, setl_id: null })
    const done = ok<TransactionOutput<'2207'>>(await c.call('2207', settleInput(f, mdtrt_id, 43.5, '14', 'MA0000000001'), ref))
    expect(done.setlinfo).toMatchObject({ clr_type: '11', hifp_pay: 22.2, mulaid_quota_balc: 585.2 })
    refused(await c.call('2202', { data: { psn_no: f.psn_no, mdtrt_id, ipt_otp_no: 'MZ0001' } }, ref), /已结算/)
    refused(await c.call('2205', { data: { mdtrt_id, chrg_bchno: 'B1', feedetl_sn: '0000', psn_no: f.psn_no } }, ref), /已结算/)
    const setl = { setl_id: done.setlinfo.setl_id!, mdtrt_id, psn_no: f.psn_no }
    refused(await c.call('2103', { data: setl }, ref), /不是 2102/)
    ok(await c.call('2208', { data: setl }, ref))
    expect((await view(c, P.wangDaughter.psn_no)).as_payer[0].quota_balc).toBe(600)
    expect((await view(c, f.psn_no)).accumulators.every((a) => a.fund_paid === 0)).toBe(true)
    const cancelled = ok<TransactionOutput<'2205'>>(await c.call('2205', { data: { mdtrt_id, chrg_bchno: 'B1', feedetl_sn: '0000', psn_no: f.psn_no } }, ref))
    expect(cancelled.data.cancelled).toBe(2)
    ok(await c.call('2202', { data: { psn_no: f.psn_no, mdtrt_id, ipt_otp_no: 'MZ0001' } }, ref))
    refused(await c.call('2204', { feedetail: [fee(f, mdtrt_id, '3', CODES.nifedipineA, 1, 18.5)] }, ref), /已撤销挂号/)
  })

  it('general outpatient for an employee: deductible first, then ratio, and year-to-date accumulators', async () => {
    const s = await sandbox()
    const c = await signedIn(s, 'clinic')
    const p = P.chenEmployee
    const ref = { insuplc_admdvs: p.insuplc_admdvs }
    const { mdtrt_id } = ok<TransactionOutput<'2201'>>(await c.call('2201', reg(p), ref)).data
    ok(await c.call('2204', { feedetail: [fee(p, mdtrt_id, '1', CODES.amlodipine, 15, 20)] }, ref))
    const r = ok<TransactionOutput<'2207'>>(await c.call('2207', settleInput(p, mdtrt_id, 300), ref))
    // Zhengzhou employee in service: deductible 200, ratio 0.5 -> fund 50.
    expect(r.setlinfo).toMatchObject({ act_pay_dedc: 200, hifp_pay: 50, acct_pay: 250, psn_cash_pay: 0 })
    expect((await view(c, p.psn_no)).accumulators[0]).toMatchObject({ deductible_used: 200, fund_paid: 50 })
  })
})
