import type { Relation } from '../../../shared/nhsa/codes'

/**
 * The demo data set's people and institutions, known by everyone who trains, demos or tests with the
 * sandbox (docs/demo-data.md tells their stories). psn_nos are fixed so tests and docs can name them.
 * The ID numbers are synthetic (valid format and check digit, not real people).
 */

export interface DemoPerson {
  key: string
  psn_no: string
  name: string
  certno: string
  insutype: '310' | '390'
  psn_type: string
  insuplc_admdvs: string
  acct_balance: string
  emp_name: string
  certifications: { dise_codg: string; dise_name: string; begndate: string }[]
}

export interface DemoRelationship {
  mulaid_id: string
  payer: string
  beneficiary: string
  relation: Relation
  quota: string
}

const p = (
  key: string,
  psn_no: string,
  name: string,
  certno: string,
  insutype: '310' | '390',
  psn_type: string,
  insuplc_admdvs: string,
  acct_balance: string,
  emp_name: string,
  certifications: DemoPerson['certifications'] = [],
): DemoPerson => ({ key, psn_no, name, certno, insutype, psn_type, insuplc_admdvs, acct_balance, emp_name, certifications })

export const DEMO_PEOPLE = {
  /** Resident-insured pensioner in Zhengzhou with hypertension; no own account; his daughter pays. */
  wangFather: p('wangFather', '41010099000000000001', '王建国', '410102195603152837', '390', '1601', '410100', '0.00', '', [
    { dise_codg: 'I10.x00', dise_name: '高血压', begndate: '2024-03-01' },
  ]),
  /** Employee in Suzhou (another province): 600.00 quota for her father. */
  wangDaughter: p('wangDaughter', '32050099000000000002', '王丽', '320505198709214525', '310', '1101', '320500', '3200.00', '苏州工业园区某科技有限公司'),
  /** Retired employee in Zhengzhou: 30.00 in his own account, deductible already met this year. */
  liRetired: p('liRetired', '41010099000000000003', '李振华', '410105195202087711', '310', '1201', '410100', '30.00', '郑州某机械厂（退休）'),
  /** His son, employee in Beijing: 500.00 quota for his father. */
  liSon: p('liSon', '11010099000000000004', '李明', '110105198104113018', '310', '1101', '110100', '2000.00', '北京某信息技术有限公司'),
  /** A Zhengzhou couple, both employees, each granting the other a quota. */
  zhangHusband: p('zhangHusband', '41010099000000000005', '张伟', '410103198506062311', '310', '1101', '410100', '1500.00', '郑州某物流有限公司'),
  liuWife: p('liuWife', '41010099000000000006', '刘芳', '410103198711253045', '310', '1101', '410100', '800.00', '郑州某小学'),
  /** Employee whose insurance moved from Zhengzhou to Shenzhen: his relationship with his mother ended. */
  zhaoTransferred: p('zhaoTransferred', '41010099000000000007', '赵强', '410104199003178217', '310', '1101', '410100', '1200.00', '深圳某电子有限公司'),
  sunMother: p('sunMother', '41010099000000000008', '孙秀英', '410104196305052528', '390', '1601', '410100', '0.00', ''),
  /** Employee in service in Zhengzhou using her own account: the plain case. */
  chenEmployee: p('chenEmployee', '41010099000000000009', '陈静', '41010519920815002X', '310', '1101', '410100', '860.00', '郑州某商贸有限公司'),
  /** A resident-insured child in Zhengzhou; his mother, an employee in Shanghai, grants him a quota. */
  zhouChild: p('zhouChild', '41010099000000000010', '周小宇', '410105201505201217', '390', '1401', '410100', '0.00', ''),
  zhouMother: p('zhouMother', '31010099000000000011', '周敏', '310104198802283322', '310', '1101', '310100', '1800.00', '上海某咨询有限公司'),
} satisfies Record<string, DemoPerson>

export const DEMO_RELATIONSHIPS: DemoRelationship[] = [
  { mulaid_id: 'MA0000000001', payer: 'wangDaughter', beneficiary: 'wangFather', relation: 'child', quota: '600.00' },
  { mulaid_id: 'MA0000000002', payer: 'liSon', beneficiary: 'liRetired', relation: 'child', quota: '500.00' },
  { mulaid_id: 'MA0000000003', payer: 'zhangHusband', beneficiary: 'liuWife', relation: 'spouse', quota: '300.00' },
  { mulaid_id: 'MA0000000004', payer: 'liuWife', beneficiary: 'zhangHusband', relation: 'spouse', quota: '200.00' },
  { mulaid_id: 'MA0000000005', payer: 'zhaoTransferred', beneficiary: 'sunMother', relation: 'child', quota: '400.00' },
  { mulaid_id: 'MA0000000006', payer: 'zhouMother', beneficiary: 'zhouChild', relation: 'parent', quota: '200.00' },
]

/** After seeding: 赵强's insurance moves to Shenzhen, which ends relationship MA0000000005. */
export const DEMO_TRANSFER = { person: 'zhaoTransferred', to_admdvs: '440300' } as const

export const DEMO_INSTITUTIONS = {
  pharmacy: { fixmedins_code: 'P41010500218', fixmedins_name: '郑州共济大药房（金水店）', kind: 'pharmacy', admdvs: '410100' },
  clinic: { fixmedins_code: 'H41010300057', fixmedins_name: '郑州市二七区仁和社区卫生服务站', kind: 'clinic', admdvs: '410100' },
} as const

export const DEMO = {
  paasid: 'sandbox',
  secret: 'sandbox-secret',
  admdvs: '410100',
  institutions: DEMO_INSTITUTIONS,
  people: DEMO_PEOPLE,
  relationships: DEMO_RELATIONSHIPS,
  transfer: DEMO_TRANSFER,
} as const
