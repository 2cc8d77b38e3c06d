import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { Money, yuan } from '../../shared/money/money'
import { calculateSettlement, regionPolicySchema, type CalcInput, type CatalogInfo, type RegionPolicy } from '../../shared/settlement'

const noPharmacyPooling: RegionPolicy = regionPolicySchema.parse({
  admdvs: '410100',
  pharmacy_outpatient_pooling: false,
  account_pays_class_c: false,
  rules: [{ psn_group: 'resident', med_types: ['11', '41'], deductible: 0, ratio: 0.5, annual_cap: 400 }],
})

const pharmacyPooling: RegionPolicy = regionPolicySchema.parse({
  admdvs: '410100',
  pharmacy_outpatient_pooling: true,
  account_pays_class_c: false,
  rules: [{ psn_group: 'employee_retired', med_types: ['11', '41'], deductible: 100, ratio: 0.6, annual_cap: 3000 }],
})

const classA: CatalogInfo = { chrgitm_lv: '01', selfpay_prop: '0', pric_uplmt_amt: null, list_type: '101', rx_flag: '1' }
const classB10: CatalogInfo = { chrgitm_lv: '02', selfpay_prop: '0.10', pric_uplmt_amt: null, list_type: '101', rx_flag: '1' }

describe('worked examples of domain.md', () => {
  it('1: resident father, class A drug, quota pays all', () => {
    const r = calculateSettlement({
      med_type: '41',
      person: { insutype: '390', psn_type: '1601' },
      policy: noPharmacyPooling,
      accumulators: {},
      lines: [{ feedetl_sn: '1', det_item_fee_sumamt: 40, cnt: 2, pric: 20, catalog: classA }],
      has_prescription: false,
      acct_used_flag: true,
      acct_balance: 0,
      quota_balance: '600.00',
    })
    expect(r).toMatchObject({
      medfee_sumamt: '40.00',
      fund_pay_sumamt: '0.00',
      psn_part_amt: '40.00',
      acct_pay: '0.00',
      acct_mulaid_pay: '40.00',
      quota_balc: '560.00',
      psn_cash_pay: '0.00',
    })
  })

  const example2 = (quota: string): CalcInput => ({
    med_type: '41',
    person: { insutype: '310', psn_type: '1201' },
    policy: pharmacyPooling,
    accumulators: { 'employee_retired:11+41': { deductible_used: '100.00', fund_paid: '0' } },
    lines: [{ feedetl_sn: '1', det_item_fee_sumamt: '100.00', cnt: 1, pric: 100, catalog: classB10 }],
    has_prescription: true,
    acct_used_flag: true,
    acct_balance: '30.00',
    quota_balance: quota,
    goods_amounts: ['15.00'],
  })

  it('2: retired employee, class B with pooling, own account then quota, shampoo in cash', () => {
    const r = calculateSettlement(example2('500.00'))
    expect(r).toMatchObject({
      medfee_sumamt: '100.00',
      preselfpay_amt: '10.00',
      inscp_scp_amt: '90.00',
      act_pay_dedc: '0.00',
      fund_pay_sumamt: '54.00',
      hifp_pay: '54.00',
      psn_part_amt: '46.00',
      acct_pay: '30.00',
      acct_mulaid_pay: '16.00',
      quota_balc: '484.00',
      psn_cash_pay: '0.00',
      balc: '0.00',
      customer_cash_total: '15.00',
    })
  })

  it('3: as 2 with 10.00 quota left: cash 6.00 plus the shampoo', () => {
    const r = calculateSettlement(example2('10.00'))
    expect(r).toMatchObject({
      acct_pay: '30.00',
      acct_mulaid_pay: '10.00',
      quota_balc: '0.00',
      psn_cash_pay: '6.00',
      customer_cash_total: '21.00',
    })
  })
})

describe('line rules', () => {
  const base: Omit<CalcInput, 'lines'> = {
    med_type: '41',
    person: { insutype: '310', psn_type: '1101' },
    policy: noPharmacyPooling,
    accumulators: {},
    has_prescription: false,
    acct_used_flag: true,
    acct_balance: 1000,
    quota_balance: null,
  }

  it('price cap: the part above the cap is overlmt, and the rest splits by class', () => {
    const r = calculateSettlement({
      ...base,
      lines: [
        {
          feedetl_sn: '1',
          det_item_fee_sumamt: '36.00',
          cnt: 3,
          pric: 12,
          catalog: { ...classB10, pric_uplmt_amt: '10.50' },
        },
      ],
    })
    expect(r.lines[0]).toMatchObject({ overlmt_amt: '4.50', preselfpay_amt: '3.15', inscp_scp_amt: '28.35', lmt_used_flag: '1' })
    expect(r.overlmt_selfpay).toBe('4.50')
  })

  it('class C and items outside the catalog are fully self-paid and kept from the account by default', () => {
    const r = calculateSettlement({
      ...base,
      lines: [
        { feedetl_sn: '1', det_item_fee_sumamt: '12.00', cnt: 1, pric: 12, catalog: { ...classA, chrgitm_lv: '03' } },
        { feedetl_sn: '2', det_item_fee_sumamt: '8.00', cnt: 1, pric: 8, catalog: null },
        { feedetl_sn: '3', det_item_fee_sumamt: '5.00', cnt: 1, pric: 5, catalog: classA },
      ],
    })
    expect(r).toMatchObject({ fulamt_ownpay_amt: '20.00', acct_pay: '5.00', psn_cash_pay: '20.00' })
    const allowed = calculateSettlement({
      ...base,
      policy: { ...noPharmacyPooling, account_pays_class_c: true },
      lines: [{ feedetl_sn: '1', det_item_fee_sumamt: '12.00', cnt: 1, pric: 12, catalog: { ...classA, chrgitm_lv: '03' } }],
    })
    expect(allowed).toMatchObject({ acct_pay: '12.00', psn_cash_pay: '0.00' })
  })

  it('deductible then ratio then annual cap', () => {
    const policy = regionPolicySchema.parse({
      admdvs: '410100',
      pharmacy_outpatient_pooling: true,
      account_pays_class_c: false,
      rules: [{ psn_group: 'employee_active', med_types: ['11'], deductible: 200, ratio: 0.5, annual_cap: 100 }],
    })
    const r = calculateSettlement({
      ...base,
      med_type: '11',
      policy,
      accumulators: { 'employee_active:11': { deductible_used: '150.00', fund_paid: '80.00' } },
      lines: [{ feedetl_sn: '1', det_item_fee_sumamt: '300.00', cnt: 1, pric: 300, catalog: classA }],
    })
    // 50 deductible left, (300 - 50) * 0.5 = 125, but only 20 of the cap is left.
    expect(r).toMatchObject({ act_pay_dedc: '50.00', hifp_pay: '20.00', psn_part_amt: '280.00' })
  })

  it('residents never pay from an own account', () => {
    const r = calculateSettlement({
      ...base,
      person: { insutype: '390', psn_type: '1501' },
      acct_balance: 500,
      lines: [{ feedetl_sn: '1', det_item_fee_sumamt: '10.00', cnt: 1, pric: 10, catalog: classA }],
    })
    expect(r).toMatchObject({ acct_pay: '0.00', psn_cash_pay: '10.00' })
  })
})

const amountArb = (max: number) => fc.integer({ min: 0, max }).map((fen) => (fen / 100).toFixed(2))

const catalogArb: fc.Arbitrary<CatalogInfo | null> = fc.option(
  fc.record({
    chrgitm_lv: fc.constantFrom('01' as const, '02' as const, '03' as const),
    selfpay_prop: fc.constantFrom('0', '0.05', '0.10', '0.15', '0.20', '0.30'),
    pric_uplmt_amt: fc.option(amountArb(20000), { nil: null }),
    list_type: fc.constantFrom('101', '301'),
    rx_flag: fc.constantFrom('0' as const, '1' as const),
  }),
  { nil: null, freq: 6 },
)

const lineArb = fc
  .record({
    cnt: fc.integer({ min: 1, max: 50000 }).map((n) => (n / 1000).toString()),
    pric: fc.integer({ min: 1, max: 5_000_000 }).map((n) => (n / 10000).toString()),
    catalog: catalogArb,
  })
  .map((l) => ({ ...l, det_item_fee_sumamt: yuan(l.pric).times(l.cnt).toDecimalPlaces(2).toFixed(2) }))

const calcInputArb: fc.Arbitrary<CalcInput> = fc
  .record({
    med_type: fc.constantFrom('11', '14', '41'),
    insutype: fc.constantFrom('310', '390'),
    psn_type: fc.constantFrom('1101', '1201', '1501', '1601'),
    pooling: fc.boolean(),
    classC: fc.boolean(),
    deductible: amountArb(50000),
    ratio: fc.integer({ min: 0, max: 100 }).map((n) => (n / 100).toString()),
    cap: amountArb(500000),
    dedUsed: amountArb(50000),
    fundUsed: amountArb(500000),
    lines: fc.array(lineArb, { minLength: 1, maxLength: 8 }),
    rx: fc.boolean(),
    acctFlag: fc.boolean(),
    acct: amountArb(100000),
    quota: fc.option(amountArb(100000), { nil: null }),
  })
  .map((a) => {
    const policy = regionPolicySchema.parse({
      admdvs: '410100',
      pharmacy_outpatient_pooling: a.pooling,
      account_pays_class_c: a.classC,
      rules: (['employee_active', 'employee_retired', 'resident'] as const).map((g) => ({
        psn_group: g,
        med_types: ['11', '14', '41'],
        deductible: a.deductible,
        ratio: a.ratio,
        annual_cap: a.cap,
      })),
    })
    const acc = { deductible_used: a.dedUsed, fund_paid: a.fundUsed }
    return {
      med_type: a.med_type,
      person: { insutype: a.insutype, psn_type: a.psn_type },
      policy,
      accumulators: {
        'employee_active:11+14+41': acc,
        'employee_retired:11+14+41': acc,
        'resident:11+14+41': acc,
      },
      lines: a.lines.map((l, i) => ({ ...l, feedetl_sn: String(i + 1) })),
      has_prescription: a.rx,
      acct_used_flag: a.acctFlag,
      acct_balance: a.acct,
      quota_balance: a.quota,
    }
  })

describe('properties over random carts and policies', () => {
  it('amount identities hold and nothing goes below zero', () => {
    fc.assert(
      fc.property(calcInputArb, (input) => {
        const r = calculateSettlement(input)
        const m = (s: string) => new Money(s)
        expect(m(r.medfee_sumamt).equals(m(r.fund_pay_sumamt).plus(r.psn_part_amt))).toBe(true)
        expect(m(r.psn_part_amt).equals(m(r.acct_pay).plus(r.acct_mulaid_pay).plus(r.psn_cash_pay))).toBe(true)
        expect(m(r.medfee_sumamt).equals(m(r.fulamt_ownpay_amt).plus(r.overlmt_selfpay).plus(r.preselfpay_amt).plus(r.inscp_scp_amt))).toBe(true)
        for (const k of ['fund_pay_sumamt', 'acct_pay', 'acct_mulaid_pay', 'psn_cash_pay', 'balc', 'act_pay_dedc'] as const) {
          expect(m(r[k]).isNegative()).toBe(false)
        }
        if (r.quota_balc !== null) expect(m(r.quota_balc).isNegative()).toBe(false)
        expect(m(r.acct_pay).lessThanOrEqualTo(input.acct_balance)).toBe(true)
        if (input.quota_balance !== null) expect(m(r.acct_mulaid_pay).lessThanOrEqualTo(input.quota_balance)).toBe(true)
        else expect(r.acct_mulaid_pay).toBe('0.00')
        if (input.person.insutype === '390') expect(r.acct_pay).toBe('0.00')
        expect(m(r.fund_pay_sumamt).lessThanOrEqualTo(r.inscp_scp_amt)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })
})
