import { PosError } from '../../../shared/contract'
import {
  findSalesAnswerSchema,
  leaseAnswerSchema,
  ownLeaseAnswerSchema,
  releaseAnswerSchema,
  traceCodesAnswerSchema,
  type SoldTraceCode,
  type StoreSale,
  type StoreSaleQuery,
} from '../../../shared/contract/sync/across'
import type { Clock } from '../../base/clock'
import type { Db } from '../../base/store/database'
import { copyShadowSale, localSaleOrigin, shadowRefundReported, unreportedShadowRefunds } from '../ledger'
import { PlatformError } from '../platform'
import type { PairingKeySlot } from '../secrets'
import { Outbox } from './outbox-store'
import { pairedCall } from './paired-call'
import { answeredRefundMsgid } from '../journal'

export interface AcrossDeps {
  db: Db
  clock: Clock
  key: PairingKeySlot
  /** This counter's mode: a training sale is never refunded live, nor the other way round. */
  training: () => boolean
}

const NOT_PAIRED = '本收银台没有与门店服务器配对：在其他收银台售出的销售单只能在门店模式下退货（设置 → 门店节点）'

/**
 * Across counters (issue 15, store-node.md §5.7), the counter's side. A sale another counter of the store
 * made is found through the store node, leased there so no other counter refunds it at the same time,
 * copied here as a read-only shadow (its `sales` row under the seller's id, its lines), and refunded by this
 * counter's own journal under its own msgid: exactly once and recovered like any refund of ours. The lease is
 * released with the outcome; the seller is told by the store node and refuses its own refund from then on.
 */
export class AcrossCounters {
  constructor(private readonly deps: AcrossDeps) {}

  private own() {
    const s = new Outbox(this.deps.db, () => this.deps.clock.now()).state()
    if (!s) throw new PosError('SYNC_NOT_PAIRED', { needs: NOT_PAIRED })
    return s
  }

  /** The store's sales by the receipt's code (its sale id), the settlement id, or a day and a member. */
  find(query: StoreSaleQuery): Promise<StoreSale[]> {
    return pairedCall(this.deps.db, this.deps.key, NOT_PAIRED, '/store/v1/sales/find', { query }, findSalesAnswerSchema)
  }

  /**
   * Refunds another counter's sale here. `refund` is this counter's journal refund of the shadow (2103 under
   * our msgid); it throws as a refund of our own would, and the lease is given back at once when nothing
   * changed. Answers the msgid of the refund.
   */
  async refund(saleId: string, refund: (saleId: string) => Promise<void>): Promise<string> {
    const me = this.own()
    const local = localSaleOrigin(this.deps.db, saleId)
    if (local === 'own') throw new PosError('CROSS_REFUND_OWN_SALE')
    const { sale } = await pairedCall(this.deps.db, this.deps.key, NOT_PAIRED, '/store/v1/sales/lease', { sale_id: saleId }, leaseAnswerSchema)
    const msgid = await this.underLease(saleId, async () => {
      this.check(sale, me.terminalUid)
      if (local === 'none')
        copyShadowSale(
          this.deps.db,
          sale.sale,
          sale.lines,
          { saleId: sale.sale_id, terminalNo: sale.terminal_no, terminalUid: sale.terminal_uid },
          this.deps.clock.now().toISOString(),
          sale.sold_uploads,
        )
      await refund(saleId)
      return this.refundMsgid(saleId)
    })
    await this.report(saleId, msgid)
    return msgid
  }

  /**
   * This counter's refund of its own insured sale, in store mode under the same lease as a refund elsewhere, so
   * the seller and another counter never both send a 2103 (the platform would refuse the second). Cut off from
   * the store node, the seller refunds as a standalone counter does: the customer is at its desk and the sale is
   * its own record. That is safe because the store node refuses every other counter the sale's lease while it
   * has not heard from the seller lately (SALE_SELLER_SILENT), and what the seller did is on its way up with its
   * outbox. A refusal (SALE_LEASED naming the counter at work, SALE_ALREADY_REFUNDED) stops it before anything is sent.
   */
  async refundOwn<T>(saleId: string, insured: boolean, refund: () => Promise<T>): Promise<T> {
    if (!insured || !new Outbox(this.deps.db, () => this.deps.clock.now()).state()) return refund()
    try {
      await pairedCall(this.deps.db, this.deps.key, NOT_PAIRED, '/store/v1/sales/lease-own', { sale_id: saleId }, ownLeaseAnswerSchema, 3_000)
    } catch (e) {
      if (e instanceof PosError && (e.code === 'SYNC_STORE_UNREACHABLE' || e.code === 'SYNC_PAIRING_REFUSED')) return refund()
      throw e
    }
    let done!: T
    const msgid = await this.underLease(saleId, async () => {
      done = await refund()
      return answeredRefundMsgid(this.deps.db, saleId)
    })
    // Best effort: an unreleased lease lapses, and the sale's refunded row reaches the store node with the next push.
    if (msgid) await this.release(saleId, 'refunded', msgid).catch(() => false)
    return done
  }

  /**
   * Runs a refund under a lease this counter holds. Refused, reversed or not ours to do: the sale is as it was,
   * so the lease is given back and the next counter may try at once. An unknown outcome keeps the lease until it
   * lapses: our recovery settles the message first.
   */
  private async underLease<T>(saleId: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (e) {
      const unknown = e instanceof PosError && e.code === 'REFUND_UNRESOLVED'
      if (!unknown && (e instanceof PosError || e instanceof PlatformError)) await this.release(saleId, 'abandoned', null).catch(() => false)
      throw e
    }
  }

  private check(sale: StoreSale, myUid: string): void {
    const s = sale.sale
    const seller = String(sale.terminal_no).padStart(2, '0')
    if (sale.terminal_uid === myUid) throw new PosError('CROSS_REFUND_OWN_SALE')
    if (sale.refunded) throw new PosError('SALE_ALREADY_REFUNDED', { terminal: seller })
    if (s.state !== 'settled') throw new PosError('SALE_WRONG_STATE', { why: 'otherCounter', terminal: seller, state: String(s.state) })
    if (Number(s.training) !== (this.deps.training() ? 1 : 0)) throw new PosError('CROSS_REFUND_MODE')
    // A counter-only sale's cash and a payment code's wallet refund are the seller's drawer and provider
    // records; only the platform's refund (2103) is the same wherever it is sent from.
    if (!s.setl_id) throw new PosError('CROSS_REFUND_NOT_INSURED', { terminal: seller, mobile: false })
    if (s.pay_method === 'mobile') throw new PosError('CROSS_REFUND_NOT_INSURED', { terminal: seller, mobile: true })
  }

  private refundMsgid(saleId: string): string {
    const msgid = answeredRefundMsgid(this.deps.db, saleId)
    if (!msgid) throw new Error(`refund of ${saleId} answered without its message`)
    return msgid
  }

  private release(saleId: string, outcome: 'refunded' | 'abandoned', msgid: string | null): Promise<boolean> {
    return pairedCall(
      this.deps.db,
      this.deps.key,
      NOT_PAIRED,
      '/store/v1/sales/release',
      { sale_id: saleId, outcome, msgid },
      releaseAnswerSchema,
      10_000,
    ).then((a) => a.released)
  }

  /** Tells the store node (and through it the seller) that our refund was answered; kept for the next round if it cannot. */
  private async report(saleId: string, msgid: string): Promise<void> {
    try {
      await this.release(saleId, 'refunded', msgid)
      shadowRefundReported(this.deps.db, saleId, this.deps.clock.now().toISOString())
    } catch {
      // The money moved and is on disk; the store node hears it with the next push round (reportPending).
    }
  }

  /** Refunds of shadows the store node has not heard of yet (its answer was lost): run after each push. */
  async reportPending(): Promise<number> {
    const rows = unreportedShadowRefunds(this.deps.db)
    for (const saleId of rows) await this.report(saleId, this.refundMsgid(saleId))
    return rows.length
  }

  /**
   * Which of these box codes another counter of the store sold. Asked when the store node answers; without
   * it the counter's own record is all there is, and the answer says so (`store: false`).
   */
  async soldInStore(codes: string[]): Promise<{ store: boolean; sold: SoldTraceCode[] }> {
    if (!codes.length) return { store: true, sold: [] }
    if (!new Outbox(this.deps.db, () => this.deps.clock.now()).state()) return { store: false, sold: [] }
    try {
      const sold = await pairedCall(
        this.deps.db,
        this.deps.key,
        NOT_PAIRED,
        '/store/v1/trace-codes/sold',
        { codes, training: this.deps.training() },
        traceCodesAnswerSchema,
        3_000,
      )
      return { store: true, sold }
    } catch (e) {
      // Never on the sale's path: whatever the store node says or fails to, the counter sells on its own record.
      if (e instanceof PosError) return { store: false, sold: [] }
      throw e
    }
  }
}
