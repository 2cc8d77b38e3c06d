import type { MemberView } from '../../../shared/contract/sale/schemas'
import type { Member } from '../../../shared/sale/schemas'
import type { Clock } from '../../base/clock'
import type { Db } from '../../base/store/database'
import { requireCredentialVault } from '../secrets'
import { adoptSnapshot, latestSnapshotOf, snapshotByCert, writeSnapshot } from './offline-store'

/** How long a customer seen online here may buy offline on what we saw then. */
export const SNAPSHOT_MAX_AGE_DAYS = 30

export interface MemberSnapshot {
  /** The 1101 identity, without the certificate (the ID number typed offline takes its place). */
  member: Omit<Member, 'certType' | 'certNo'>
  view: Omit<MemberView, 'ref' | 'identifiedAt' | 'expiresAt'>
}

/**
 * The snapshot's key: a keyed HMAC of the ID number (secrets/credential-vault.ts), never the number and never
 * a plain hash of it (about 700,000 candidates remain once the masked number, age and gender are known).
 */
export function certHash(db: Db, idCardNo: string): string {
  return requireCredentialVault(db).idKey(idCardNo)
}

/** Insurance and quotas of customers seen online at this store, for offline sales by ID card number. */
export class MemberSnapshots {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  private sharer: ((idCardNo: string, snapshot: MemberSnapshot, seenAt: string) => void) | undefined

  /** Store mode: what this counter sees online is offered to the store's other counters (sync/store-snapshots.ts). */
  shareWith(sharer: (idCardNo: string, snapshot: MemberSnapshot, seenAt: string) => void): void {
    this.sharer = sharer
  }

  remember(idCardNo: string, snapshot: MemberSnapshot): void {
    const seenAt = this.clock.now().toISOString()
    writeSnapshot(this.db, certHash(this.db, idCardNo), snapshot.member.psnNo, JSON.stringify(snapshot), seenAt)
    this.sharer?.(idCardNo, snapshot, seenAt)
  }

  /** A snapshot another counter of the store saw, kept here with its own time when it is newer than ours. */
  adopt(idCardNo: string, snapshot: MemberSnapshot, seenAt: string): void {
    adoptSnapshot(this.db, certHash(this.db, idCardNo), snapshot.member.psnNo, JSON.stringify(snapshot), seenAt)
  }

  find(idCardNo: string): { snapshot: MemberSnapshot; seenAt: string } | null {
    const row = snapshotByCert(this.db, certHash(this.db, idCardNo))
    return row ? { snapshot: JSON.parse(row.snapshot) as MemberSnapshot, seenAt: row.seen_at } : null
  }

  byPsnNo(psnNo: string): { snapshot: MemberSnapshot; seenAt: string } | null {
    const row = latestSnapshotOf(this.db, psnNo)
    return row ? { snapshot: JSON.parse(row.snapshot) as MemberSnapshot, seenAt: row.seen_at } : null
  }
}
