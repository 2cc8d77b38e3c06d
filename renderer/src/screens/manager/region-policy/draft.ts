import { psnGroupSchema, regionPolicySchema, type PsnGroup, type RegionPolicy } from '../../../../../shared/settlement/policy'

/** A rule as typed: every field a string until the policy's own schema reads it. */
export interface RuleDraft {
  psnGroup: PsnGroup
  medTypes: string
  deductible: string
  ratio: string
  cap: string
}

export interface PolicyDraft {
  admdvs: string
  name: string
  pooling: boolean
  classC: boolean
  rules: RuleDraft[]
}

/** Which words a refused field shows next to it (the messages' keys). */
export type FieldProblem = 'badAdmdvs' | 'badMedTypes' | 'badAmount' | 'badRatio'

export const PSN_GROUPS = psnGroupSchema.options

export const emptyRule = (): RuleDraft => ({ psnGroup: 'employee_active', medTypes: '11,41', deductible: '', ratio: '', cap: '' })
export const emptyDraft = (): PolicyDraft => ({ admdvs: '', name: '', pooling: false, classC: false, rules: [emptyRule()] })

export function draftOf(p: RegionPolicy): PolicyDraft {
  return {
    admdvs: p.admdvs,
    name: p.name ?? '',
    pooling: p.pharmacy_outpatient_pooling,
    classC: p.account_pays_class_c,
    rules: p.rules.map((r) => ({ psnGroup: r.psn_group, medTypes: r.med_types.join(','), deductible: r.deductible, ratio: r.ratio, cap: r.annual_cap })),
  }
}

const PROBLEM_OF: Record<string, FieldProblem> = {
  admdvs: 'badAdmdvs',
  med_types: 'badMedTypes',
  deductible: 'badAmount',
  annual_cap: 'badAmount',
  ratio: 'badRatio',
}
/** The draft's field a schema path names: `admdvs`, or `rules.0.ratio` for a rule's field as typed. */
const FIELD_OF: Record<string, string> = { med_types: 'medTypes', annual_cap: 'cap' }

/**
 * Reads the draft with the very schema the core parses (shared/settlement/policy.ts): the policy, or each
 * refused field (keyed `admdvs`, `rules.N.field`) with the words to show beside it. Nothing is sent while any is refused.
 */
export function readDraft(d: PolicyDraft): { policy: RegionPolicy; problems: null } | { policy: null; problems: Record<string, FieldProblem> } {
  const parsed = regionPolicySchema.safeParse({
    admdvs: d.admdvs.trim(),
    ...(d.name.trim() ? { name: d.name.trim() } : {}),
    pharmacy_outpatient_pooling: d.pooling,
    account_pays_class_c: d.classC,
    rules: d.rules.map((r) => ({
      psn_group: r.psnGroup,
      med_types: r.medTypes
        .split(/[,，\s]+/)
        .map((t) => t.trim())
        .filter(Boolean),
      deductible: r.deductible.trim() === '' ? 'x' : r.deductible.trim(),
      ratio: r.ratio.trim() === '' ? 'x' : r.ratio.trim(),
      annual_cap: r.cap.trim() === '' ? 'x' : r.cap.trim(),
    })),
  })
  if (parsed.success) return { policy: parsed.data, problems: null }
  const problems: Record<string, FieldProblem> = {}
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String)
    const leaf = path[0] === 'rules' ? path[2] : path[0]
    const problem = leaf === undefined ? undefined : PROBLEM_OF[leaf]
    if (!problem) continue
    const key = path[0] === 'rules' ? `rules.${path[1]}.${FIELD_OF[leaf] ?? leaf}` : leaf
    problems[key] ??= problem
  }
  return { policy: null, problems }
}
