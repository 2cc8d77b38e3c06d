import { useLocale } from './index'
import { punctuation } from './punctuation'

/**
 * English words for the national code tables the core answers in Chinese (insurance types, person types,
 * relations, classes, gender, common units). Chinese stays as the core said it; an unknown code falls
 * back to the Chinese name rather than to nothing (B25).
 */
const INSUTYPE: Record<string, string> = {
  '310': 'Employee basic medical insurance',
  '320': 'Civil servant medical subsidy',
  '330': 'Large medical expense subsidy',
  '390': 'Urban and rural resident medical insurance',
  '392': 'Resident critical illness insurance',
  '410': 'Long-term care insurance',
}
const PSN_TYPE: Record<string, string> = {
  '11': 'employed',
  '12': 'retired',
  '13': 'retired cadre',
  '14': 'minor',
  '15': 'adult resident',
  '16': 'elderly resident',
}
const RELATION: Record<string, string> = {
  spouse: 'spouse',
  parent: 'parent',
  child: 'child',
  sibling: 'sibling',
  grandparent_paternal: 'grandparent',
  grandparent_maternal: 'grandparent (maternal)',
  grandchild_paternal: 'grandchild',
  grandchild_maternal: 'grandchild (maternal)',
}
const CLASS: Record<string, string> = { 甲: 'A', 乙: 'B', 丙: 'C' }
const GENDER: Record<string, string> = { 男: 'male', 女: 'female' }
const UNIT: Record<string, string> = {
  盒: 'box',
  瓶: 'bottle',
  支: 'tube',
  袋: 'bag',
  片: 'tablet',
  粒: 'capsule',
  包: 'pack',
  贴: 'patch',
  个: 'piece',
  件: 'piece',
  板: 'strip',
  次: 'time',
  项: 'item',
}

export function useCodeWords() {
  const en = useLocale() === 'en'
  const pick = (table: Record<string, string>, key: string, zh: string) => (en ? (table[key] ?? zh) : zh)
  return {
    insutype: (code: string, zh: string) => pick(INSUTYPE, code, zh),
    psnType: (code: string, zh: string) => pick(PSN_TYPE, code.slice(0, 2), zh),
    relation: (code: string, zh: string) => pick(RELATION, code, zh),
    classLabel: (zh: string) => pick(CLASS, zh, zh),
    gender: (zh: string) => pick(GENDER, zh, zh),
    unit: (zh: string) => pick(UNIT, zh, zh),
    /** Full-width punctuation only in Chinese. */
    colon: punctuation(en ? 'en' : 'zh-CN').colon,
    paren: punctuation(en ? 'en' : 'zh-CN').paren,
  }
}
