import { PosError } from '../../../shared/contract'
import { offlinePromisesAnswerSchema } from '../../../shared/contract/sync/across'
import type { Clock } from '../../base/clock'
import type { Db } from '../../base/store/database'
import type { StorePromises } from '../offline'
import type { PairingKeySlot } from '../secrets'
import { rememberCounters } from './offline-pool-store'
import { sharingCounters } from './offline-pool'
import { Outbox } from './outbox-store'
import { pairedCall } from './paired-call'

export interface PromisePerson {
  saleId: string
  psnNo: string
  mulaidId: string | null
  training: boolean
}

const fenOf = (p: { acctFen: number; quotaFen: number }) => ({ acct_fen: p.acctFen, quota_fen: p.quotaFen })

/**
 * Offline promises across the store's counters (issue 15). The counter's queue knows only what this counter
 * promised a person; a relative's quota promised offline at counter A was promised again at B. In store mode the
 * estimate counts what the other counters promised (the store node's answer), and the sale holds its own promise
 * there before it is queued. When the store node cannot be asked, the counter promises only its fixed share of
 * the person's balances (÷ the counters registered, as the advance pool does), so the shares together never
 * exceed what the snapshot holds. A standalone counter: none of this.
 */
export class StoreOfflinePromises {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly key: PairingKeySlot,
  ) {}

  /** The other counters' promises to this person, or this counter's share when the store node does not answer; null when not paired. */
  async others(p: PromisePerson): Promise<StorePromises | null> {
    const paired = new Outbox(this.db, () => this.clock.now()).state()
    if (!paired) return null
    try {
      const a = await this.ask(p, null)
      return { scope: 'store', acctFen: a.acct_fen, quotaFen: a.quota_fen, counters: a.counters }
    } catch (e) {
      if (!(e instanceof PosError)) throw e
      return { scope: 'share', counters: sharingCounters(this.db, paired.terminalNo) }
    }
  }

  /**
   * Holds this sale's promise at the store node, if the other counters' promises are still those the estimate
   * counted: false when another counter promised since (estimate again); null when the store node did not answer.
   */
  async hold(p: PromisePerson, counted: { acctFen: number; quotaFen: number }, promise: { acctFen: number; quotaFen: number }): Promise<boolean | null> {
    try {
      return (await this.ask(p, { ...fenOf(promise), counted: fenOf(counted) })).held
    } catch (e) {
      if (!(e instanceof PosError)) throw e
      return null
    }
  }

  private async ask(p: PromisePerson, hold: { acct_fen: number; quota_fen: number; counted: { acct_fen: number; quota_fen: number } } | null) {
    const a = await pairedCall(
      this.db,
      this.key,
      '',
      '/store/v1/offline/promises',
      { sale_id: p.saleId, psn_no: p.psnNo, mulaid_id: p.mulaidId, training: p.training, hold },
      offlinePromisesAnswerSchema,
      3_000,
    )
    rememberCounters(this.db, a.counters, this.clock.now().toISOString())
    return a
  }
}
