import { afterEach, describe, expect, it } from 'vitest'
import { yuan } from '../../shared/money/money'
import { signIn } from '../support/core-session'
import { useTempDir } from '../support/temp-dir'
import { AMLODIPINE, CONSULT, HYPERTENSION, IRBESARTAN, NIFEDIPINE, startDesk, URTI, type Desk } from './desk-rig'

const tempDir = useTempDir()
let desk: Desk | undefined
afterEach(async () => {
  await desk?.close()
  desk = undefined
})

function addsUp(split: { medical: string; fund: string; account: string; mutualAid: string; personCash: string }) {
  expect(yuan(split.fund).plus(split.account).plus(split.mutualAid).plus(split.personCash).toFixed(2)).toBe(split.medical)
}

describe('the clinic front desk through the contract', () => {
  it('a chronic-disease visit: registered 14 on the certified diagnosis, fees with the per-line answer, settled with the daughter quota, receipt queued', async () => {
    desk = await startDesk(tempDir())
    const member = await desk.patient('wangFather')
    expect(member.certifications).toEqual([{ code: 'I10.x00', name: '高血压' }])
    let v = await desk.call('clinicStartVisit', { memberRef: member.ref, medType: '14', deptCode: 'NK01', doctorCode: 'D410103000102' })
    expect(v).toMatchObject({
      stage: 'registered',
      medType: '14',
      department: { name: '内科诊室' },
      doctor: { name: '孙立平' },
      patient: { nameMasked: '王*国' },
    })
    expect(v.mdtrtId).toBeTruthy()
    // A disease without the certification is refused before the platform is asked.
    expect(await desk.refused('clinicSetDiagnosis', { visitId: v.id, medType: '14', diagnoses: [URTI] })).toBe('NO_CERTIFICATION')
    expect(await desk.refused('clinicSetDiagnosis', { visitId: v.id, medType: '14', diagnoses: [{ code: 'X99.999', name: '编造' }] })).toBe('UNKNOWN_DIAGNOSIS')
    v = await desk.call('clinicSetDiagnosis', { visitId: v.id, medType: '14', diagnoses: [URTI, HYPERTENSION] })
    // The certified diagnosis leads, the name is the table's.
    expect(v.diagnoses.map((d) => d.code)).toEqual(['I10.x00', 'J06.900'])
    expect(v.stage).toBe('diagnosed')

    v = await desk.call('clinicAddFee', { visitId: v.id, ...CONSULT, qty: '1' })
    v = await desk.call('clinicAddFee', { visitId: v.id, ...NIFEDIPINE, qty: '2' })
    expect(v.lines.map((l) => [l.name, l.amount, l.state])).toEqual([
      ['普通门诊诊查费', '10.00', 'pending'],
      ['硝苯地平缓释片(Ⅱ)', '37.00', 'pending'],
    ])
    expect(v.total).toBe('47.00')
    v = await desk.call('clinicUploadFees', { visitId: v.id })
    expect(v.lines.map((l) => [l.state, l.platform?.chrgitmLv, l.platform?.fullOwnPay, l.platform?.inScope])).toEqual([
      // The sandbox's national catalog has no medical-service entries: the consultation is self-paid there.
      ['uploaded', '03', '10.00', '0.00'],
      ['uploaded', '01', '0.00', '37.00'],
    ])

    // Nationally nobody is picked: with the account in use the platform draws the daughter's quota itself.
    expect(v.patient.quotas).toEqual([])
    v = await desk.call('clinicPresettle', { visitId: v.id, acctUsed: true, mulaidId: null })
    expect(v.stage).toBe('presettled')
    // 37.00 in scope x 60 % (resident chronic disease, no deductible) = 22.20; quota pays the catalog part left, 14.80; the consultation is cash.
    expect(v.split).toMatchObject({
      medical: '47.00',
      fund: '22.20',
      account: '0.00',
      mutualAid: '14.80',
      personCash: '10.00',
      cashDue: '10.00',
      quotaLeft: null,
    })
    addsUp(v.split!)
    expect(await desk.refused('clinicSettle', { visitId: v.id, payment: { method: 'cash', tendered: '5' } })).toBe('TENDERED_TOO_LITTLE')
    v = await desk.call('clinicSettle', { visitId: v.id, payment: { method: 'cash', tendered: '20' } })
    expect(v).toMatchObject({ stage: 'settled', payment: { method: 'cash', cashDue: '10.00', tendered: '20.00', change: '10.00' } })
    expect(v.settlementId).toBeTruthy()
    expect(v.receiptJobId).not.toBeNull()
    const ledger = await desk.clinicLedger()
    expect(ledger.entries.map((e) => [e.kind, e.infno, e.acct_mulaid_pay])).toEqual([['settlement', '2207', 14.8]])
    // Every fen drawn from the daughter's grant is the acct_mulaid_pay shown.
    const father = await desk.admin<{ as_beneficiary: { mulaid_id: string; quota_balc: number }[] }>('GET', 'persons/41010099000000000001')
    expect(father.as_beneficiary[0]).toMatchObject({ mulaid_id: 'MA0000000001', quota_balc: 585.2 })

    const list = await desk.call('clinicListVisits', {})
    expect(list[0]).toMatchObject({ id: v.id, stage: 'settled', nameMasked: '王*国', medTypeName: '门诊慢特病', open: false, cashDue: '10.00' })
  })

  it("a general outpatient visit of a retiree: pooled fund, own account, the son's quota and cash, as the policy says", async () => {
    desk = await startDesk(tempDir())
    const { visit } = await desk.visit('liRetired', '11', URTI, [
      { ...CONSULT, qty: '1' },
      { ...IRBESARTAN, qty: '3' },
    ])
    expect(visit.lines[1].platform).toMatchObject({ chrgitmLv: '02', selfpayProp: '0.10', preSelfPay: '9.75', inScope: '87.75' })
    const v = await desk.call('clinicPresettle', { visitId: visit.id, acctUsed: true, mulaidId: null })
    // Deductible met this year: 87.75 x 60 % = 52.65; personal part 54.85 = own account 30.00 + quota 14.85 + cash 10.00 (consultation).
    expect(v.split).toMatchObject({
      medical: '107.50',
      fund: '52.65',
      account: '30.00',
      mutualAid: '14.85',
      personCash: '10.00',
      preSelfPay: '9.75',
      fullOwnPay: '10.00',
    })
    const settled = await desk.call('clinicSettle', { visitId: v.id, payment: { method: 'mobile' } })
    expect(settled).toMatchObject({ stage: 'settled', payment: { method: 'mobile', cashDue: '10.00' } })
  })

  it("a refund needs a manager's PIN, returns the quota, and cancels the fee lines (2205) and the registration (2202)", async () => {
    desk = await startDesk(tempDir())
    const { visit } = await desk.visit('wangFather', '11', HYPERTENSION, [{ ...AMLODIPINE, qty: '1' }])
    await desk.call('clinicPresettle', { visitId: visit.id, acctUsed: true, mulaidId: null })
    const settled = await desk.call('clinicSettle', { visitId: visit.id, payment: { method: 'cash', tendered: '0' } })
    // Resident general outpatient: 50 %, no deductible: fund 10.00, quota 10.00.
    expect(settled.split).toMatchObject({ fund: '10.00', mutualAid: '10.00', personCash: '0.00', quotaLeft: null })

    expect(await desk.refused('clinicRefund', { visitId: visit.id, approval: { userId: 'demo-desk', pin: '222222' }, reason: '患者要求' })).toBe(
      'APPROVAL_NOT_MANAGER',
    )
    expect(await desk.refused('clinicRefund', { visitId: visit.id, approval: { userId: 'demo-manager', pin: '000000' }, reason: '患者要求' })).toBe(
      'LOGIN_FAILED',
    )
    const refunded = await desk.call('clinicRefund', { visitId: visit.id, approval: { userId: 'demo-manager', pin: '888888' }, reason: '患者要求' })
    expect(refunded).toMatchObject({ stage: 'refunded', saleState: 'refunded', lines: [] })
    const person = await desk.admin<{ as_beneficiary: { mulaid_id: string; quota_balc: number }[] }>('GET', 'persons/41010099000000000001')
    expect(person.as_beneficiary[0].quota_balc).toBe(600)
    const msgs = desk.core.db.prepare('SELECT infno, state FROM platform_messages WHERE sale_id = ? ORDER BY created_at, msgid').all(visit.id)
    expect(msgs).toEqual([
      { infno: '2201', state: 'answered' },
      { infno: '2203', state: 'answered' },
      { infno: '2204', state: 'answered' },
      { infno: '2207', state: 'answered' },
      { infno: '2208', state: 'answered' },
      { infno: '2205', state: 'answered' },
      { infno: '2202', state: 'answered' },
    ])
    expect(desk.core.db.prepare('SELECT reg_state FROM clinic_visits WHERE sale_id = ?').get(visit.id)).toEqual({ reg_state: 'cancelled' })
    const approvals = desk.core.db.prepare("SELECT actor FROM audit_log WHERE action = 'refund.approved' AND subject = ?").all(visit.id)
    expect(approvals).toEqual([{ actor: 'demo-manager' }])
  })

  it('abandoning a visit before payment cancels what the platform holds; a pending line is removed without the platform', async () => {
    desk = await startDesk(tempDir())
    const { visit } = await desk.visit('chenEmployee', '11', URTI, [{ ...AMLODIPINE, qty: '1' }])
    let v = await desk.call('clinicAddFee', { visitId: visit.id, ...CONSULT, qty: '1' })
    v = await desk.call('clinicRemoveFee', { visitId: v.id, seq: 2 })
    expect(v.lines.map((l) => l.seq)).toEqual([1])
    v = await desk.call('clinicRemoveFee', { visitId: v.id, seq: 1 })
    expect(v.lines).toEqual([])
    expect(v.total).toBe('0.00')
    // seq 1 was uploaded: cancelled on the platform, and its feedetl_sn is never used again.
    v = await desk.call('clinicAddFee', { visitId: v.id, ...NIFEDIPINE, qty: '1' })
    expect(v.lines[0].seq).toBe(3)
    const cancelled = await desk.call('clinicCancelVisit', { visitId: v.id, reason: '患者离开' })
    expect(cancelled.stage).toBe('cancelled')
    expect(
      desk.core.db.prepare("SELECT infno FROM platform_messages WHERE sale_id = ? AND infno IN ('2205', '2202') ORDER BY created_at, msgid").all(v.id),
    ).toEqual([{ infno: '2205' }, { infno: '2202' }])
    expect((await desk.clinicLedger()).entries).toHaveLength(0)
  })

  it('an unfinished visit is resumed after a restart; a registration whose answer was lost is resolved by resending it', async () => {
    const dir = tempDir()
    desk = await startDesk(dir)
    const { visit } = await desk.visit('wangFather', '14', HYPERTENSION, [{ ...NIFEDIPINE, qty: '1' }])
    // A second patient's registration loses its answer: the platform registered them, the desk does not know yet.
    await desk.admin('POST', 'faults', { drop_after_commit_rate: 1, infnos: ['2201'] })
    const member = await desk.patient('liRetired')
    expect(await desk.refused('clinicStartVisit', { memberRef: member.ref, medType: '11', deptCode: 'QK01', doctorCode: 'D410103000101' })).toBe(
      'VISIT_MESSAGE_UNRESOLVED',
    )
    const registering = (await desk.call('clinicListVisits', {})).find((x) => x.stage === 'registering')!
    expect(registering).toMatchObject({ nameMasked: '李*华', open: true })
    await desk.admin('POST', 'faults', {})
    await desk.close()

    desk = await startDesk(dir, { configure: false })
    const list = await desk.call('clinicListVisits', {})
    expect(list.map((x) => [x.id, x.stage, x.open])).toEqual([
      [registering.id, 'registered', true],
      [visit.id, 'diagnosed', true],
    ])
    const resumed = await desk.call('clinicGetVisit', { visitId: registering.id })
    expect(resumed.mdtrtId).toBeTruthy()
    expect(resumed.unresolved).toBe(0)
    const v = await desk.call('clinicPresettle', { visitId: visit.id, acctUsed: true, mulaidId: null })
    expect(v.split).toMatchObject({ medical: '18.50', fund: '11.10', mutualAid: '7.40' })
    expect((await desk.call('clinicSettle', { visitId: visit.id, payment: { method: 'cash', tendered: '0' } })).stage).toBe('settled')
  })

  it('a 2207 whose answer and reversals are all lost stays unresolved; after a restart it is reversed and the visit settles once', async () => {
    const dir = tempDir()
    desk = await startDesk(dir)
    const { visit } = await desk.visit('wangFather', '14', HYPERTENSION, [{ ...NIFEDIPINE, qty: '1' }])
    await desk.call('clinicPresettle', { visitId: visit.id, acctUsed: true, mulaidId: null })
    await desk.admin('POST', 'faults', { drop_after_commit_rate: 1, infnos: ['2207', '2601'] })
    expect(await desk.refused('clinicSettle', { visitId: visit.id, payment: { method: 'cash', tendered: '0' } })).toBe('SETTLEMENT_UNRESOLVED')
    expect((await desk.call('clinicGetVisit', { visitId: visit.id })).stage).toBe('reversing')
    await desk.admin('POST', 'faults', {})
    await desk.close()

    desk = await startDesk(dir, { configure: false })
    const v = await desk.call('clinicGetVisit', { visitId: visit.id })
    expect(v).toMatchObject({ stage: 'diagnosed', unresolved: 0, settlementId: null })
    await desk.call('clinicPresettle', { visitId: visit.id, acctUsed: true, mulaidId: null })
    expect((await desk.call('clinicSettle', { visitId: visit.id, payment: { method: 'cash', tendered: '0' } })).stage).toBe('settled')
    const ledger = (await desk.clinicLedger()).entries
    expect(ledger.map((e) => e.kind)).toEqual(['settlement', 'reversal', 'settlement'])
    expect(ledger.reduce((n, e) => n + e.medfee_sumamt, 0)).toBeCloseTo(18.5, 2)
  })

  it('only the front desk and managers reach the clinic calls; a manager imports the price list, a bad file changes nothing', async () => {
    desk = await startDesk(tempDir())
    expect((await desk.call('clinicPriceList', {})).length).toBeGreaterThan(10)
    expect(await desk.refused('clinicImportPriceList', { csv: 'code,national_code,name,category,unit,price\nX1,001102000010000,诊查费,consult,次,10' })).toBe(
      'FORBIDDEN_ROLE',
    )
    await signIn(desk.core, 'cashier')
    expect(await desk.refused('clinicListVisits', {})).toBe('FORBIDDEN_ROLE')
    await signIn(desk.core, 'manager')
    const bad = await desk.core.dispatch('clinicImportPriceList', {
      csv: 'code,national_code,name,category,unit,price\nX1,001102000010000,诊查费,consult,次,10.001\n',
    })
    expect(bad).toMatchObject({ ok: false, error: { code: 'PRICE_LIST_INVALID' } })
    expect(!bad.ok && bad.error.message).toContain('第 2 行')
    expect((await desk.call('clinicPriceList', {})).length).toBeGreaterThan(10)
    expect(
      await desk.call('clinicImportPriceList', { csv: 'code,national_code,name,category,unit,price\nX1,001102000010000,"诊查费,普通",consult,次,10.5\n' }),
    ).toEqual({ imported: 1 })
    expect(await desk.call('clinicPriceList', {})).toEqual([
      { code: 'X1', nationalCode: '001102000010000', name: '诊查费,普通', category: 'consult', unit: '次', price: '10.50' },
    ])
    expect((await desk.call('clinicSearchItems', { query: 'zcf' }))[0]).toMatchObject({ code: 'X1', source: 'price_list' })
  })

  it('diagnoses are found by code, Chinese name and pinyin initials', async () => {
    desk = await startDesk(tempDir())
    expect((await desk.call('clinicSearchDiagnoses', { query: 'i10' }))[0]).toEqual({ code: 'I10.x00', name: '原发性高血压' })
    expect((await desk.call('clinicSearchDiagnoses', { query: '糖尿病' })).map((d) => d.code)).toContain('E11.900')
    expect((await desk.call('clinicSearchDiagnoses', { query: 'gxy' })).map((d) => d.code)).toContain('I10.x00')
    expect((await desk.call('clinicSearchDiagnoses', { query: 'jxshxdgr' }))[0].code).toBe('J06.900')
  })
})
