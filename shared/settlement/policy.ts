import { z } from 'zod'
import { hasAtMostDecimals } from '../money/money'

/**
 * A pooling region's outpatient policy. Regions set these themselves and change them often (pooling is
 * moving up to province level), so the calculator takes the policy as data, never as constants.
 */

/** Person groups the regions tell apart when they set deductible, ratio and cap. */
export const psnGroupSchema = z.enum(['employee_active', 'employee_retired', 'resident'])
export type PsnGroup = z.infer<typeof psnGroupSchema>

const yuanAmount = z
  .union([z.number(), z.string()])
  .refine((v) => hasAtMostDecimals(v, 2) && Number(v) >= 0, { message: '金额须为不小于 0、至多 2 位小数的元' })
  .transform((v) => String(v))

const ratio = z
  .union([z.number(), z.string()])
  .refine((v) => hasAtMostDecimals(v, 4) && Number(v) >= 0 && Number(v) <= 1, { message: '比例须在 0 与 1 之间、至多 4 位小数' })
  .transform((v) => String(v))

export const poolRuleSchema = z.object({
  psn_group: psnGroupSchema,
  /** The med_type codes this rule covers; they share one deductible and one annual cap. */
  med_types: z.array(z.string().regex(/^\d{2}$/)).min(1),
  deductible: yuanAmount,
  ratio,
  annual_cap: yuanAmount,
})
export type PoolRule = z.infer<typeof poolRuleSchema>

export const regionPolicySchema = z.object({
  admdvs: z.string().regex(/^\d{6}$/),
  name: z.string().optional(),
  /** Whether prescription drugs bought at designated pharmacies (med_type 41) join outpatient pooling. */
  pharmacy_outpatient_pooling: z.boolean(),
  /** Whether the own account and a relative's quota may pay class C items and items outside the catalog. */
  account_pays_class_c: z.boolean(),
  rules: z.array(poolRuleSchema),
})
export type RegionPolicy = z.infer<typeof regionPolicySchema>
/** What callers hand in before parsing (numbers or strings for amounts). */
export type RegionPolicyInput = z.input<typeof regionPolicySchema>

/** Employee (310) in service is 11xx; 12xx retired and 13xx 离休 both get the retiree terms. */
export function psnGroupOf(insutype: string, psnType: string): PsnGroup {
  if (insutype === '390') return 'resident'
  return psnType.startsWith('12') || psnType.startsWith('13') ? 'employee_retired' : 'employee_active'
}

/** The accumulator key of a rule: deductible and cap are counted per person, year and rule. */
export function poolBucketKey(rule: PoolRule): string {
  return `${rule.psn_group}:${[...rule.med_types].sort().join('+')}`
}

export function findPoolRule(policy: RegionPolicy, group: PsnGroup, medType: string): PoolRule | undefined {
  return policy.rules.find((r) => r.psn_group === group && r.med_types.includes(medType))
}

/**
 * Used for a person whose insured region has no policy of its own in the sandbox: typical 2025 terms of
 * a prefecture that pools general outpatient care (retirees: lower deductible, higher ratio and cap).
 */
export const DEFAULT_POLICY: RegionPolicy = regionPolicySchema.parse({
  admdvs: '000000',
  name: '默认门诊统筹政策',
  pharmacy_outpatient_pooling: false,
  account_pays_class_c: false,
  rules: [
    { psn_group: 'employee_active', med_types: ['11', '41'], deductible: 200, ratio: 0.5, annual_cap: 2000 },
    { psn_group: 'employee_retired', med_types: ['11', '41'], deductible: 100, ratio: 0.6, annual_cap: 3000 },
    { psn_group: 'resident', med_types: ['11', '41'], deductible: 0, ratio: 0.5, annual_cap: 400 },
    { psn_group: 'employee_active', med_types: ['14'], deductible: 0, ratio: 0.75, annual_cap: 5000 },
    { psn_group: 'employee_retired', med_types: ['14'], deductible: 0, ratio: 0.85, annual_cap: 6000 },
    { psn_group: 'resident', med_types: ['14'], deductible: 0, ratio: 0.6, annual_cap: 3000 },
  ],
})
