import type { Db } from '../../base/store/database'
import { DEFAULT_POLICY, regionPolicySchema, type RegionPolicy } from '../../../shared/settlement/policy'
import { prepared } from '../../base/store/statements'

export function savePolicy(db: Db, policy: RegionPolicy, now: Date): void {
  prepared(
    db,
    `INSERT INTO policies (admdvs, policy_json, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (admdvs) DO UPDATE SET policy_json = excluded.policy_json, updated_at = excluded.updated_at`,
  ).run(policy.admdvs, JSON.stringify(policy), now.toISOString())
}

/**
 * Policies parsed, by their stored text: every settlement reads its region's policy, and parsing it
 * with zod was a third of the settlement's own work. Keyed by the text, an edited policy is parsed
 * afresh; a few regions' policies, so the map stays small. Read only by the calculator.
 */
const parsedPolicies = new Map<string, RegionPolicy>()

/** The insured region's policy applies (参保地政策); a region without one gets the sandbox default. */
export function policyFor(db: Db, admdvs: string): RegionPolicy {
  const row = prepared(db, 'SELECT policy_json FROM policies WHERE admdvs = ?').get(admdvs) as { policy_json: string } | undefined
  if (!row) return { ...DEFAULT_POLICY, admdvs }
  let policy = parsedPolicies.get(row.policy_json)
  if (!policy) {
    if (parsedPolicies.size >= 256) parsedPolicies.clear()
    parsedPolicies.set(row.policy_json, (policy = regionPolicySchema.parse(JSON.parse(row.policy_json))))
  }
  return policy
}

export function listPolicies(db: Db): RegionPolicy[] {
  const rows = prepared(db, 'SELECT policy_json FROM policies ORDER BY admdvs').all() as { policy_json: string }[]
  return rows.map((r) => regionPolicySchema.parse(JSON.parse(r.policy_json)))
}
