import { PosError } from '../../../shared/contract'
import { regionPolicySchema, type RegionPolicy, type RegionPolicyInput } from '../../../shared/settlement/policy'
import type { AuditTrail } from '../audit/audit-trail'
import type { Clock } from '../../base/clock'
import type { Db } from '../../base/store/database'

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
    const insert = this.db.prepare(
      "INSERT INTO offline_policies (admdvs, policy, source, updated_at, updated_by) VALUES (?, ?, 'training', ?, 'system') ON CONFLICT (admdvs) DO NOTHING",
    )
    this.db.transaction(() => {
      for (const p of policies) insert.run(p.admdvs, JSON.stringify(p), this.clock.now().toISOString())
    })()
  }

  get(admdvs: string): StoredPolicy | null {
    const row = this.db.prepare('SELECT policy, source, updated_at FROM offline_policies WHERE admdvs = ?').get(admdvs) as
      { policy: string; source: 'training' | 'manager'; updated_at: string } | undefined
    return row ? { policy: regionPolicySchema.parse(JSON.parse(row.policy)), source: row.source, updatedAt: row.updated_at } : null
  }

  list(): StoredPolicy[] {
    const rows = this.db.prepare('SELECT admdvs FROM offline_policies ORDER BY admdvs').all() as { admdvs: string }[]
    return rows.map((r) => this.get(r.admdvs)!)
  }

  set(raw: RegionPolicyInput, actor: string): StoredPolicy {
    const parsed = regionPolicySchema.safeParse(raw)
    if (!parsed.success) throw new PosError('POLICY_INVALID', { problem: parsed.error.issues[0]?.message ?? '' })
    const p = parsed.data
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO offline_policies (admdvs, policy, source, updated_at, updated_by) VALUES (?, ?, 'manager', ?, ?)
           ON CONFLICT (admdvs) DO UPDATE SET policy = excluded.policy, source = 'manager', updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        )
        .run(p.admdvs, JSON.stringify(p), this.clock.now().toISOString(), actor)
      this.audit.append({ actor, action: 'offline.policy', subject: p.admdvs, detail: { rules: p.rules.length } })
    })()
    return this.get(p.admdvs)!
  }
}
