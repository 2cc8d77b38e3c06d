import type { Pool } from 'pg'
import type { z } from 'zod'
import type { HqMasterLog, HqPublishChange } from '../../../shared/contract/sync/hq-master'
import type { publishBodySchema } from '../../../shared/contract/sync/master-data'
import { toFen, yuan } from '../../../shared/money/money'
import type { Clock } from '../../base/clock'
import { hashSecret as hashPin } from '../../base/secret-hash'
import type { Author, ChangeLog } from '../change-log/change-log'
import { entriesAfter, lastChainSeq } from '../change-log/change-log-store'
import { StoreNodeError } from '../errors'
import { lastChainUser, recordStorePull, storePulls } from './hq-master-store'

type Publish = Exclude<z.infer<typeof publishBodySchema>, { kind: 'secret' }>

/**
 * The head office's side of master data (HQ role): its staff's changes become entries of the chain (no store:
 * every store pulls them) in the same change log a store keeps for its counters, checked as a counter's manager's
 * change is checked; and what HQ's page shows of the log and of each store's pull.
 */
export class HqMasterData {
  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
    private readonly log: ChangeLog,
  ) {}

  static author(actor: string): Author {
    return { storeId: null, terminalUid: null, actor, origin: 'hq' }
  }

  async publish(actor: string, change: HqPublishChange): Promise<number> {
    return this.log.publish(HqMasterData.author(actor), await this.entry(change))
  }

  /** The entry a change becomes: a PIN only as its hash, amounts in fen. */
  private async entry(c: HqPublishChange): Promise<Publish> {
    switch (c.kind) {
      case 'settings':
        return { kind: 'settings', body: c.patch }
      case 'user': {
        const u = c.user
        const before = await lastChainUser(this.pool, u.id)
        if (!before && !u.pin) throw new StoreNodeError('BAD_REQUEST', `总部新建用户 ${u.id} 须设置 PIN`)
        const pinHash = u.pin ? await hashPin(u.pin) : before!.pin_hash
        // Absent: the operator last published stays (each entry carries the user whole); none published yet, each counter's own stays.
        const nhsaOpter = u.nhsaOperator === undefined ? before?.nhsa_opter : u.nhsaOperator
        return {
          kind: 'user',
          body: { id: u.id, name: u.name, role: u.role, active: u.active, pin_hash: pinHash, ...(nhsaOpter !== undefined ? { nhsa_opter: nhsaOpter } : {}) },
        }
      }
      case 'offline_limits': {
        const perSale = toFen(yuan(c.limits.perSale))
        const outstanding = toFen(yuan(c.limits.outstanding))
        if (perSale > outstanding) throw new StoreNodeError('BAD_REQUEST', '单笔限额不能大于未结清总额')
        return {
          kind: 'offline_limits',
          body: { mode: c.limits.mode, per_sale_fen: perSale, outstanding_fen: outstanding, max_age_hours: c.limits.maxAgeHours },
        }
      }
      case 'region_policy':
        return { kind: 'region_policy', body: c.policy }
      case 'price':
        return { kind: 'price', body: { store_code: c.storeCode, price_fen: toFen(yuan(c.price)), valid_from: new Date(c.validFrom).toISOString() } }
    }
  }

  /** A store's pull: the chain's entries after its cursor (it holds every one up to it, which HQ notes for its page). */
  async pullFor(storeUid: string, after: number, limit: number) {
    await recordStorePull(this.pool, storeUid, after, this.clock.now())
    return this.log.pull(null, '', after, limit)
  }

  /** HQ's page: the chain's log after `after`, without PIN hashes, and how far each store has pulled it. */
  async view(after: number, limit: number): Promise<HqMasterLog> {
    const rows = await entriesAfter(this.pool, null, after, limit)
    const stores = await storePulls(this.pool)
    return {
      entries: rows.map((r) => {
        const { pin_hash: _hash, ...body } = r.body as Record<string, unknown>
        return { seq: r.seq, kind: r.kind, key: r.key, body, actor: r.actor, created_at: r.created_at.toISOString(), origin: r.origin }
      }),
      last: await lastChainSeq(this.pool),
      stores: stores.map((s) => ({ storeId: s.store_id, name: s.name, cursor: Number(s.master_cursor), pulledAt: s.master_pulled_at?.toISOString() ?? null })),
    }
  }
}
