import { regionPolicySchema, type RegionPolicy } from '../../../shared/settlement/policy'

/**
 * Outpatient policies of the demo regions, shaped like the published terms (retirees: lower
 * deductible, higher ratio and cap). In Zhengzhou pharmacies join outpatient pooling for employees;
 * residents' pooling covers clinic visits only, so a resident at a pharmacy gets no fund share.
 */
export const DEMO_POLICIES: RegionPolicy[] = [
  regionPolicySchema.parse({
    admdvs: '410100',
    name: '郑州市职工及城乡居民门诊统筹',
    pharmacy_outpatient_pooling: true,
    account_pays_class_c: false,
    rules: [
      { psn_group: 'employee_active', med_types: ['11', '41'], deductible: 200, ratio: 0.5, annual_cap: 2000 },
      { psn_group: 'employee_retired', med_types: ['11', '41'], deductible: 100, ratio: 0.6, annual_cap: 3000 },
      { psn_group: 'resident', med_types: ['11'], deductible: 0, ratio: 0.5, annual_cap: 400 },
      { psn_group: 'employee_active', med_types: ['14'], deductible: 0, ratio: 0.75, annual_cap: 5000 },
      { psn_group: 'employee_retired', med_types: ['14'], deductible: 0, ratio: 0.85, annual_cap: 6000 },
      { psn_group: 'resident', med_types: ['14'], deductible: 0, ratio: 0.6, annual_cap: 3000 },
    ],
  }),
  regionPolicySchema.parse({
    admdvs: '320500',
    name: '苏州市门诊共济保障',
    pharmacy_outpatient_pooling: true,
    account_pays_class_c: true,
    rules: [
      { psn_group: 'employee_active', med_types: ['11', '41'], deductible: 600, ratio: 0.6, annual_cap: 4000 },
      { psn_group: 'employee_retired', med_types: ['11', '41'], deductible: 300, ratio: 0.7, annual_cap: 5000 },
      { psn_group: 'resident', med_types: ['11'], deductible: 0, ratio: 0.5, annual_cap: 600 },
    ],
  }),
]
