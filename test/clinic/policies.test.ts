import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEMO_POLICIES } from '../../electron/sandbox/demo/policies'
import { calculateSettlement, type CalcInput } from '../../shared/settlement/calculator'
import { yuan } from '../../shared/money/money'
import { signIn } from '../support/core-session'
import { AMLODIPINE, HYPERTENSION, NIFEDIPINE, startDesk, URTI, type Desk } from './desk-rig'

/**
 * Outpatient pooling in Zhengzhou (410100, electron/sandbox/demo/policies.ts), worked by hand:
 *   general outpatient (11)  employee in service: deductible 200, 50 %, cap 2000
 *                            employee retired:    deductible 100, 60 %, cap 3000
 *                            resident:            deductible   0, 50 %, cap  400
 *   chronic/special (14)     75 % / 85 % / 60 %, no deductible
 *   emergency (13)           no pooling rule: the funds pay nothing
 * fund = min(round2((in scope - deductible left) x ratio), cap left); then own account, then the
 * relative's quota, both limited to the catalog part of the personal share; then cash.
 */

const ZHENGZHOU = DEMO_POLICIES.find((p) => p.admdvs === '410100')!
const classA = (amount: string) => ({
  feedetl_sn: 'L1',
  det_item_fee_sumamt: amount,
  cnt: '1',
  pric: amount,
  catalog: { chrgitm_lv: '01' as const, selfpay_prop: '0', pric_uplmt_amt: null, list_type: '101', rx_flag: '1' as const },
})
const calc = (over: Partial<CalcInput>) =>
  calculateSettlement({
    med_type: '11',
    person: { insutype: '310', psn_type: '1101' },
    policy: ZHENGZHOU,
    accumulators: {},
    lines: [classA('300.00')],
    has_prescription: true,
    acct_used_flag: false,
    acct_balance: 0,
    quota_balance: null,
    ...over,
  })

describe("Zhengzhou's outpatient policy by the calculator", () => {
  it('retirees get the better terms: a 300.00 visit pays 50.00 from the fund in service, 120.00 retired', () => {
    // In service: (300 - 200) x 50 % = 50.00. Retired: (300 - 100) x 60 % = 120.00.
    expect(calc({})).toMatchObject({ act_pay_dedc: '200.00', hifp_pay: '50.00', psn_part_amt: '250.00', psn_cash_pay: '250.00' })
    expect(calc({ person: { insutype: '310', psn_type: '1201' } })).toMatchObject({ act_pay_dedc: '100.00', hifp_pay: '120.00', psn_part_amt: '180.00' })
  })

  it('the annual cap: a retiree who has had 2950.00 from the fund this year gets at most 50.00 more', () => {
    const bucket = calc({ person: { insutype: '310', psn_type: '1201' } }).pool_bucket!
    const r = calc({ person: { insutype: '310', psn_type: '1201' }, accumulators: { [bucket]: { deductible_used: '100', fund_paid: '2950' } } })
    // (300 - 0 deductible left) x 60 % = 180.00, capped at 3000 - 2950 = 50.00.
    expect(r).toMatchObject({ act_pay_dedc: '0.00', hifp_pay: '50.00', psn_part_amt: '250.00' })
  })

  it('chronic disease (14) for a retired employee: 85 % with no deductible; the general bucket is untouched', () => {
    const r = calc({ med_type: '14', person: { insutype: '310', psn_type: '1201' }, lines: [classA('100.00')] })
    expect(r).toMatchObject({ act_pay_dedc: '0.00', hifp_pay: '85.00', psn_part_amt: '15.00' })
    expect(r.pool_bucket).not.toBe(calc({ person: { insutype: '310', psn_type: '1201' } }).pool_bucket)
  })
})

describe("the same policy in the platform's pre-settlement (2206) at the front desk", () => {
  let dir: string
  let desk: Desk
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongji-policy-'))
    desk = await startDesk(dir)
  }, 60_000)
  afterAll(async () => {
    await desk?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  /**
   * `chooseQuota`: the provincial extension where the store names the relative (and may use the quota without the
   * own account); otherwise, nationally, the platform draws quotas itself after the own account, when it is used.
   */
  async function presettle(
    key: string,
    medType: '11' | '13' | '14',
    fee: { source: 'catalog'; code: string },
    qty: string,
    pay: { acctUsed: boolean; chooseQuota?: boolean },
  ) {
    if (pay.chooseQuota) {
      await signIn(desk.core, 'manager')
      await desk.call('updateSettings', { storeChosenRelative: true })
      await signIn(desk.core, 'receptionist')
    }
    const { visit } = await desk.visit(key, medType, medType === '14' ? HYPERTENSION : URTI, [{ ...fee, qty }])
    const v = await desk.call('clinicPresettle', {
      visitId: visit.id,
      acctUsed: pay.acctUsed,
      mulaidId: pay.chooseQuota ? visit.patient.quotas[0]!.mulaidId : null,
    })
    if (pay.chooseQuota) {
      await signIn(desk.core, 'manager')
      await desk.call('updateSettings', { storeChosenRelative: false })
      await signIn(desk.core, 'receptionist')
    }
    const s = v.split!
    expect(yuan(s.fund).plus(s.account).plus(s.mutualAid).plus(s.personCash).toFixed(2)).toBe(s.medical)
    return s
  }

  it('employee in service, deductible not yet met: 2 x 20.00 all counts towards the deductible, the own account pays', async () => {
    // 40.00 in scope, 200.00 deductible left: fund 0.00; personal 40.00 from an 860.00 account.
    expect(await presettle('chenEmployee', '11', AMLODIPINE, '2', { acctUsed: true })).toMatchObject({
      medical: '40.00',
      fund: '0.00',
      account: '40.00',
      mutualAid: '0.00',
      personCash: '0.00',
      accountBalance: '820.00',
    })
  })

  it("employee in service, 300.00: deductible 200, then 50 %; his wife's 200.00 quota pays, cash the rest", async () => {
    // (300 - 200) x 50 % = 50.00; personal 250.00: quota 200.00 (all of it), cash 50.00.
    expect(await presettle('zhangHusband', '11', AMLODIPINE, '15', { acctUsed: false, chooseQuota: true })).toMatchObject({
      medical: '300.00',
      fund: '50.00',
      mutualAid: '200.00',
      personCash: '50.00',
      quotaLeft: '0.00',
    })
  })

  it("resident, general outpatient 999.00: 50 % capped at the 400.00 a year; the daughter's quota pays the rest", async () => {
    // 54 x 18.50 = 999.00; 999.00 x 50 % = 499.50 > cap 400.00: fund 400.00; quota 599.00 of 600.00, drawn by the platform.
    expect(await presettle('wangFather', '11', NIFEDIPINE, '54', { acctUsed: true })).toMatchObject({
      medical: '999.00',
      fund: '400.00',
      account: '0.00',
      mutualAid: '599.00',
      personCash: '0.00',
      quotaLeft: null,
    })
  })

  it('resident, chronic disease (14) 999.00: 60 % with no deductible and a 3000.00 cap', async () => {
    // 999.00 x 60 % = 599.40; personal 399.60 from the quota.
    expect(await presettle('wangFather', '14', NIFEDIPINE, '54', { acctUsed: true })).toMatchObject({
      fund: '599.40',
      mutualAid: '399.60',
      personCash: '0.00',
    })
  })

  it('emergency (13) has no pooling rule in the demo policy: the funds pay nothing, the account does', async () => {
    expect(await presettle('chenEmployee', '13', AMLODIPINE, '1', { acctUsed: true })).toMatchObject({
      medical: '20.00',
      fund: '0.00',
      account: '20.00',
    })
  })
})
