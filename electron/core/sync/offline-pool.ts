import { PosError } from '../../../shared/contract'
import { offlineAdvanceAnswerSchema } from '../../../shared/contract/sync/across'
import { fromFen } from '../../../shared/money/money'
import type { Clock } from '../../base/clock'
import type { Db } from '../../base/store/database'
import type { LimitRefusal } from '../offline'
import type { PairingKeySlot } from '../secrets'
import { knownCounters, rememberCounters } from './offline-pool-store'
import { Outbox } from './outbox-store'
import { pairedCall } from './paired-call'

const y = (fen: number) => fromFen(fen).toFixed(2)

/** How the store-wide check went: `store` — the store node counted every counter; `share` — it did not answer. */
export interface PoolCheck {
  scope: 'store' | 'share'
  /** The amount this counter may have outstanding under that check (the store's limit, or its share). */
  limitFen: number
  counters: number
  refusal: LimitRefusal | null
}

/**
 * How many counters share the store's offline limits when the store node cannot be asked: as last heard, and
 * never fewer than this counter's own number (numbers are given lowest-free), so the shares never add up to more.
 */
export function sharingCounters(db: Db, terminalNo: number | null | undefined): number {
  return Math.max(knownCounters(db) ?? 1, terminalNo ?? 1)
}

/**
 * The store's offline advance limit as one pool across its counters (issue 15, across counters). Before this
 * counter advances, the store node counts every counter's advances not yet got back and, asked to reserve,
 * holds the amount for this sale. When the store node cannot be asked (the LAN is down too), the counter keeps
 * a fixed share: the limit ÷ the counters registered (as last heard, and never fewer than its own number, since
 * numbers are given lowest-free), so together they can never exceed the limit. A standalone counter: none of this.
 */
export class StoreOfflinePool {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly key: PairingKeySlot,
  ) {}

  async check(input: {
    saleId: string
    advanceFen: number
    ownOutstandingFen: number
    limitFen: number
    training: boolean
    reserve: boolean
  }): Promise<PoolCheck | null> {
    const paired = new Outbox(this.db, () => this.clock.now()).state()
    if (!paired) return null
    try {
      const a = await pairedCall(
        this.db,
        this.key,
        '',
        '/store/v1/offline/advance',
        {
          sale_id: input.saleId,
          advance_fen: input.advanceFen,
          own_outstanding_fen: input.ownOutstandingFen,
          limit_fen: input.limitFen,
          training: input.training,
          reserve: input.reserve,
        },
        offlineAdvanceAnswerSchema,
        3_000,
      )
      rememberCounters(this.db, a.counters, this.clock.now().toISOString())
      const refusal: LimitRefusal | null = a.granted
        ? null
        : new PosError('OFFLINE_LIMIT_STORE', {
            outstanding: y(a.store_outstanding_fen),
            counters: a.counters,
            advanced: y(input.advanceFen),
            limit: y(input.limitFen),
          })
      return { scope: 'store', limitFen: input.limitFen, counters: a.counters, refusal }
    } catch (e) {
      if (!(e instanceof PosError)) throw e
      const counters = sharingCounters(this.db, paired.terminalNo)
      const share = Math.floor(input.limitFen / counters)
      const over = input.ownOutstandingFen + input.advanceFen > share
      const refusal: LimitRefusal | null = over
        ? new PosError('OFFLINE_LIMIT_SHARE', {
            share: y(share),
            limit: y(input.limitFen),
            counters,
            own: y(input.ownOutstandingFen),
            advanced: y(input.advanceFen),
          })
        : null
      return { scope: 'share', limitFen: share, counters, refusal }
    }
  }
}
