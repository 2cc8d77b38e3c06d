import type { Db } from '../../base/store/database'
import type { Relation } from '../../../shared/nhsa/codes'
import { AdminError } from '../errors'
import { advanceSequence, nextSequence, padded } from '../store/ids'
import { wireDate } from '../time'
import type { PersonRow } from './persons'
import { prepared } from '../../base/store/statements'

export interface MutualAidRow {
  mulaid_id: string
  payer_psn_no: string
  beneficiary_psn_no: string
  relation: Relation
  quota_balc: number
  status: 'active' | 'ended'
  begndate: string
  ended_at: string | null
  end_reason: string | null
  quota_year: number
}

/** The quota year a moment falls in: the calendar year in Beijing. */
export const quotaYearOf = (now: Date): number => Number(wireDate(now).slice(0, 4))

/**
 * Quotas are set per year. At the platform's first message or administration call of a new year, every active
 * grant's unused quota of an earlier year is released to its payer (unfrozen) and the grant stands at zero until the
 * payer sets this year's quota in the wallet. Answers the number of grants that lapsed.
 */
export function lapseQuotas(db: Db, now: Date): number {
  const year = quotaYearOf(now)
  const stale = prepared(db, "SELECT mulaid_id, payer_psn_no, quota_balc FROM mutual_aid WHERE status = 'active' AND quota_year < ?").all(year) as {
    mulaid_id: string
    payer_psn_no: string
    quota_balc: number
  }[]
  for (const g of stale) {
    prepared(db, 'UPDATE persons SET acct_frozen = acct_frozen - ? WHERE psn_no = ?').run(g.quota_balc, g.payer_psn_no)
    prepared(db, 'UPDATE mutual_aid SET quota_balc = 0, quota_year = ? WHERE mulaid_id = ?').run(year, g.mulaid_id)
  }
  return stale.length
}

export type EndReason = 'dissolved' | 'insurance_terminated' | 'insurance_transferred'

export function findRelationship(db: Db, id: string): MutualAidRow | undefined {
  return prepared(db, 'SELECT * FROM mutual_aid WHERE mulaid_id = ?').get(id) as MutualAidRow | undefined
}

export function createRelationship(db: Db, payerNo: string, beneficiaryNo: string, relation: Relation, now: Date, fixedId?: string): string {
  const payer = prepared(db, 'SELECT * FROM persons WHERE psn_no = ?').get(payerNo) as PersonRow | undefined
  const beneficiary = prepared(db, 'SELECT * FROM persons WHERE psn_no = ?').get(beneficiaryNo) as PersonRow | undefined
  if (!payer) throw new AdminError(404, `共济人 ${payerNo} 不存在`)
  if (!beneficiary) throw new AdminError(404, `被共济人 ${beneficiaryNo} 不存在`)
  if (payerNo === beneficiaryNo) throw new AdminError(400, '共济人与被共济人不能是同一人')
  if (payer.insutype !== '310') throw new AdminError(422, '共济人须参加职工基本医疗保险（有个人账户）')
  if (payer.status !== 'active') throw new AdminError(422, '共济人已终止参保')
  if (beneficiary.status !== 'active') throw new AdminError(422, '被共济人未参加基本医疗保险')
  const existing = prepared(db, "SELECT mulaid_id FROM mutual_aid WHERE payer_psn_no = ? AND beneficiary_psn_no = ? AND status = 'active'").get(
    payerNo,
    beneficiaryNo,
  )
  if (existing) throw new AdminError(409, '两人之间已有有效的共济关系')
  const id = fixedId ?? 'MA' + padded(nextSequence(db, 'mulaid_id'), 10)
  if (fixedId) advanceSequence(db, 'mulaid_id', Number(fixedId.slice(2)))
  prepared(
    db,
    `INSERT INTO mutual_aid (mulaid_id, payer_psn_no, beneficiary_psn_no, relation, quota_balc, status, begndate, quota_year)
     VALUES (?, ?, ?, ?, 0, 'active', ?, ?)`,
  ).run(id, payerNo, beneficiaryNo, relation, wireDate(now), quotaYearOf(now))
  return id
}

/** Sets the remaining quota; the difference is frozen in (or released to) the payer's account. */
export function setQuota(db: Db, id: string, amountFen: number): void {
  const rel = findRelationship(db, id)
  if (!rel) throw new AdminError(404, `共济关系 ${id} 不存在`)
  if (rel.status !== 'active') throw new AdminError(409, '共济关系已解除')
  const delta = amountFen - rel.quota_balc
  const payer = prepared(db, 'SELECT acct_balance, acct_frozen FROM persons WHERE psn_no = ?').get(rel.payer_psn_no) as {
    acct_balance: number
    acct_frozen: number
  }
  if (delta > payer.acct_balance - payer.acct_frozen) {
    throw new AdminError(422, '共济额度超过共济人个人账户可用余额')
  }
  prepared(db, 'UPDATE persons SET acct_frozen = acct_frozen + ? WHERE psn_no = ?').run(delta, rel.payer_psn_no)
  prepared(db, 'UPDATE mutual_aid SET quota_balc = ? WHERE mulaid_id = ?').run(amountFen, id)
}

/** Ends a relationship; its unused quota is unfrozen, back to the payer's free balance. */
export function endRelationship(db: Db, id: string, reason: EndReason, now: Date): void {
  const rel = findRelationship(db, id)
  if (!rel) throw new AdminError(404, `共济关系 ${id} 不存在`)
  if (rel.status !== 'active') throw new AdminError(409, '共济关系已解除')
  prepared(db, 'UPDATE persons SET acct_frozen = acct_frozen - ? WHERE psn_no = ?').run(rel.quota_balc, rel.payer_psn_no)
  prepared(db, "UPDATE mutual_aid SET status = 'ended', quota_balc = 0, ended_at = ?, end_reason = ? WHERE mulaid_id = ?").run(now.toISOString(), reason, id)
}

export function endAllRelationshipsOf(db: Db, psnNo: string, reason: EndReason, now: Date): number {
  const ids = prepared(db, "SELECT mulaid_id FROM mutual_aid WHERE (payer_psn_no = ? OR beneficiary_psn_no = ?) AND status = 'active'").all(psnNo, psnNo) as {
    mulaid_id: string
  }[]
  for (const { mulaid_id } of ids) endRelationship(db, mulaid_id, reason, now)
  return ids.length
}
