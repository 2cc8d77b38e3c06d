import { PosError } from '../../../shared/contract'
import { regionPolicySchema, type RegionPolicy, type RegionPolicyInput } from '../../../shared/settlement/policy'
import type { AuditTrail } from '../audit'
import type { Clock } from '../../base/clock'
import type { Db } from '../../base/store/database'
import { policyRegions, readPolicy, seedTrainingPolicies, writeManagerPolicy } from './offline-store'

export interface StoredPolicy {
  policy: RegionPolicy
  source: 'training' | 'manager'
  updatedAt: string
}

/**
 * The client's own copy of the insured regions' outpatient policies, for the offline estimate. The
 * platform offers no transaction that hands them out, so training mode seeds the demo regions' terms
 * (the very objects the training platform settles with) and a manager enters a live region's published
 * terms. A region without a policy gets no fund share in the estimate: the safe side for the store.
 */
export class OfflinePolicies {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
  ) {}

  /** Training mode: the demo regions' policies (the training platform's), written once and never over a manager's entry. */
  seedTraining(policies: readonly RegionPolicy[]): void {
    this.db.transaction(() => {
      seedTrainingPolicies(
        this.db,
        policies.map((p) => ({ admdvs: p.admdvs, json: JSON.stringify(p) })),
        this.clock.now().toISOString(),
      )
    })()
  }

  get(admdvs: string): StoredPolicy | null {
    const row = readPolicy(this.db, admdvs)
    return row ? { policy: regionPolicySchema.parse(JSON.parse(row.policy)), source: row.source, updatedAt: row.updated_at } : null
  }

  list(): StoredPolicy[] {
    return policyRegions(this.db).map((admdvs) => this.get(admdvs)!)
  }

  set(raw: RegionPolicyInput, actor: string): StoredPolicy {
    const parsed = regionPolicySchema.safeParse(raw)
    if (!parsed.success) throw new PosError('POLICY_INVALID', { problem: parsed.error.issues[0]?.message ?? '' })
    const p = parsed.data
    this.db.transaction(() => {
      writeManagerPolicy(this.db, p.admdvs, JSON.stringify(p), this.clock.now().toISOString(), actor)
      this.audit.append({ actor, action: 'offline.policy', subject: p.admdvs, detail: { rules: p.rules.length } })
    })()
    return this.get(p.admdvs)!
  }
}
