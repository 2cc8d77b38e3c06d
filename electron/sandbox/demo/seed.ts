import type { Db } from '../../base/store/database'
import { toFen } from '../../../shared/money/money'
import { findPoolRule, poolBucketKey, psnGroupOf } from '../../../shared/settlement/policy'
import { upsertCatalogItems } from '../domain/catalog'
import { createRelationship, setQuota } from '../domain/mutual-aid'
import { changeInsurance, createPerson, newPersonSchema } from '../domain/persons'
import { savePolicy } from '../domain/policies'
import { cstYear } from '../time'
import { demoCatalogItems } from './catalog'
import { DEMO } from './people'
import { DEMO_POLICIES } from './policies'
import { prepared } from '../../base/store/statements'

/** Loads the demo data set once; a database that already has it is left as training left it. */
export function seedDemo(db: Db, now: Date): void {
  db.transaction(() => {
    const seeded = prepared(db, 'SELECT 1 FROM institutions WHERE fixmedins_code = ?').get(DEMO.institutions.pharmacy.fixmedins_code)
    if (seeded) return
    for (const inst of Object.values(DEMO.institutions)) {
      prepared(db, 'INSERT INTO institutions (fixmedins_code, fixmedins_name, kind, admdvs, created_at) VALUES (?, ?, ?, ?, ?)').run(
        inst.fixmedins_code,
        inst.fixmedins_name,
        inst.kind,
        inst.admdvs,
        now.toISOString(),
      )
    }
    for (const policy of DEMO_POLICIES) savePolicy(db, policy, now)
    for (const p of Object.values(DEMO.people)) {
      createPerson(db, newPersonSchema.parse({ ...p, acct_balance: Number(p.acct_balance) }), now, p.psn_no)
    }
    for (const r of DEMO.relationships) {
      const payer = DEMO.people[r.payer as keyof typeof DEMO.people]
      const beneficiary = DEMO.people[r.beneficiary as keyof typeof DEMO.people]
      createRelationship(db, payer.psn_no, beneficiary.psn_no, r.relation, now, r.mulaid_id)
      setQuota(db, r.mulaid_id, toFen(r.quota))
    }
    const moved = DEMO.people[DEMO.transfer.person]
    changeInsurance(db, moved.psn_no, { status: 'transferred', insuplc_admdvs: DEMO.transfer.to_admdvs }, now)
    // 李振华 has met this year's deductible, as in worked example 2 of domain.md.
    const li = DEMO.people.liRetired
    const rule = findPoolRule(DEMO_POLICIES[0], psnGroupOf(li.insutype, li.psn_type), '41')
    if (rule) {
      prepared(db, 'INSERT INTO accumulators (psn_no, year, bucket, deductible_used, fund_paid) VALUES (?, ?, ?, ?, 0)').run(
        li.psn_no,
        cstYear(now),
        poolBucketKey(rule),
        toFen(rule.deductible),
      )
    }
    upsertCatalogItems(db, demoCatalogItems())
  }).immediate()
}
