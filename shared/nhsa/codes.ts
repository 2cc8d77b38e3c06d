import { z } from 'zod'

/** Code tables of the national interface (nhsa-interface.md), with the labels a cashier sees. */

export const MDTRT_CERT_TYPES = { '01': '医保电子凭证', '02': '居民身份证', '03': '社会保障卡' } as const
export const mdtrtCertTypeSchema = z.enum(['01', '02', '03'])
export type MdtrtCertType = z.infer<typeof mdtrtCertTypeSchema>

export const MED_TYPES = {
  '11': '普通门诊',
  '12': '门诊挂号',
  '13': '急诊',
  '14': '门诊慢特病',
  '21': '普通住院',
  '41': '定点药店购药',
  '51': '生育门诊',
} as const
export const medTypeSchema = z.enum(['11', '12', '13', '14', '21', '41', '51'])
export type MedType = z.infer<typeof medTypeSchema>

export const INSUTYPES = {
  '310': '职工基本医疗保险',
  '320': '公务员医疗补助',
  '330': '大额医疗费用补助',
  '390': '城乡居民基本医疗保险',
  '392': '城乡居民大病医疗保险',
  '410': '长期照护保险',
} as const
export const insutypeSchema = z.enum(['310', '320', '330', '390', '392', '410'])
export type Insutype = z.infer<typeof insutypeSchema>

/** The two insurance types a person can be enrolled in as basic insurance (and so hold in the sandbox). */
export const basicInsutypeSchema = z.enum(['310', '390'])

export const psnTypeSchema = z.string().regex(/^1[1-6]\d{2}$/, 'psn_type 须为 11xx-16xx 的四位代码')
export const PSN_TYPE_GROUPS = {
  '11': '在职',
  '12': '退休',
  '13': '离休',
  '14': '未成年人',
  '15': '成年居民',
  '16': '老年居民',
} as const

export const chrgitmLvSchema = z.enum(['01', '02', '03'])

export const LIST_TYPES = {
  '101': '西药中成药',
  '102': '中药饮片',
  '103': '医疗机构制剂',
  '201': '医疗服务项目',
  '301': '医用耗材',
} as const
export const listTypeSchema = z.enum(['101', '102', '103', '201', '301'])

export const CLR_TYPES = { '11': '门诊', '21': '住院', '41': '定点药店' } as const
export const clrTypeSchema = z.enum(['11', '21', '41'])

export const flagSchema = z.enum(['0', '1'])
export const opterTypeSchema = z.enum(['1', '2', '3'])

/** psn_insu_stas in 1101: 1 enrolled, 4 ended. */
export const PSN_INSU_STAS = { '1': '正常参保', '4': '终止参保' } as const

/** The relation of the payer to the beneficiary: exactly the close relatives of the 2026 notice. */
export const RELATIONS = {
  spouse: '配偶',
  parent: '父母',
  child: '子女',
  sibling: '兄弟姐妹',
  grandparent_paternal: '祖父母',
  grandparent_maternal: '外祖父母',
  grandchild_paternal: '孙子女',
  grandchild_maternal: '外孙子女',
} as const
export const relationSchema = z.enum([
  'spouse',
  'parent',
  'child',
  'sibling',
  'grandparent_paternal',
  'grandparent_maternal',
  'grandchild_paternal',
  'grandchild_maternal',
])
export type Relation = z.infer<typeof relationSchema>

/** fund_pay_type of setldetail rows. */
export const FUND_PAY_TYPES = {
  '310100': '职工基本医疗保险统筹基金',
  '390100': '城乡居民基本医疗保险基金',
} as const

/** Transactions a 2601 may reverse. */
export const REVERSIBLE_INFNOS = ['2102', '2103', '2207', '2208'] as const
