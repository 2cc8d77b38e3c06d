import { createHmac } from 'node:crypto'
import { PosError } from '../../../shared/contract'
import { snapshotGetAnswerSchema, snapshotKeyAnswerSchema } from '../../../shared/contract/sync/across'
import { z } from 'zod'
import type { Clock } from '../../base/clock'
import type { Db } from '../../base/store/database'
import type { MemberSnapshot } from '../offline'
import type { PairingKeySlot } from '../secrets'
import { Outbox } from './outbox-store'
import { pairedCall } from './paired-call'

/**
 * Member snapshots for offline identity, shared within the store (issue 15, across counters). A counter's own
 * snapshots are keyed by an HMAC under its own key; the store's are keyed under the store's key, which the store
 * node hands its paired counters, so every counter of the store finds a customer alike and the ID number never
 * leaves the counter. Never on a sale's path: a failure to share or to ask is logged and the counter goes on with
 * what it has. A standalone counter: none of this.
 */
export class StoreSnapshots {
  private key: Buffer | undefined

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly pairing: PairingKeySlot,
    private readonly log: (msg: string) => void,
  ) {}

  private paired(): boolean {
    return new Outbox(this.db, () => this.clock.now()).state() !== undefined
  }

  private async storeHash(idCardNo: string): Promise<string> {
    this.key ??= Buffer.from((await this.call('/store/v1/snapshots/key', {}, snapshotKeyAnswerSchema)).key, 'base64')
    return createHmac('sha256', this.key).update(`gongji-member-id-v1\0${idCardNo.trim().toUpperCase()}`).digest('hex')
  }

  private call<T>(path: string, body: object, answer: z.ZodType<T>): Promise<T> {
    return pairedCall(this.db, this.pairing, '', path, body, answer, 3_000)
  }

  /** Offers what this counter just saw online to the store (newest wins there). */
  async share(idCardNo: string, snapshot: MemberSnapshot, seenAt: string): Promise<void> {
    if (!this.paired()) return
    try {
      const certHash = await this.storeHash(idCardNo)
      await this.call(
        '/store/v1/snapshots/put',
        { cert_hash: certHash, psn_no: snapshot.member.psnNo, snapshot, seen_at: seenAt },
        z.object({ kept: z.boolean() }),
      )
    } catch (e) {
      // Offered in the background after an identification: whatever fails is said in the log, never thrown.
      this.log(`member snapshot not shared with the store: ${(e as Error).message}`)
    }
  }

  /** What the store's counters saw of this customer online, if any and if the store node answers. */
  async find(idCardNo: string): Promise<{ snapshot: MemberSnapshot; seenAt: string } | null> {
    if (!this.paired()) return null
    try {
      const found = await this.call('/store/v1/snapshots/get', { cert_hash: await this.storeHash(idCardNo) }, snapshotGetAnswerSchema)
      return found && { snapshot: found.snapshot as unknown as MemberSnapshot, seenAt: found.seen_at }
    } catch (e) {
      if (!(e instanceof PosError)) throw e
      return null
    }
  }
}
