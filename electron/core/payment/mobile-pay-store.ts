import type { Clock } from '../../base/clock'
import type { Db, Migration } from '../../base/store/database'
import { prepared } from '../../base/store/statements'
import type { Wallet } from '../../../shared/payment/auth-code'

/**
 * Mobile payments (付款码) and their refunds, each written before its request leaves the machine: a
 * crash at any point leaves a row that start-up recovery asks the provider about. Ids 0310–0319 are
 * this concern's.
 */
export const mobilePayMigration: Migration = {
  id: 310,
  name: 'mobile payments',
  sql: `
CREATE TABLE mobile_payments (
  out_trade_no   TEXT PRIMARY KEY,
  sale_id        TEXT NOT NULL REFERENCES sales (id),
  attempt        INTEGER NOT NULL CHECK (attempt >= 1),
  provider       TEXT NOT NULL,
  wallet         TEXT NOT NULL CHECK (wallet IN ('wechat', 'alipay')),
  code_masked    TEXT NOT NULL,
  amount_fen     INTEGER NOT NULL CHECK (amount_fen > 0),
  -- sending: the request may be at the provider; paying: the customer is entering a password;
  -- cancelling: our side gave up and 撤销 is owed; the rest are final.
  state          TEXT NOT NULL CHECK (state IN ('sending', 'paying', 'paid', 'declined', 'cancelling', 'cancelled')),
  reason         TEXT,
  transaction_id TEXT,
  paid_fen       INTEGER,
  actor          TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  UNIQUE (sale_id, attempt),
  CHECK ((state = 'paid') = (transaction_id IS NOT NULL AND paid_fen = amount_fen))
) STRICT;
-- One payment in flight per sale: a second scan while the first is open is refused, never sent.
CREATE UNIQUE INDEX mobile_payments_open ON mobile_payments (sale_id) WHERE state IN ('sending', 'paying', 'cancelling');
CREATE UNIQUE INDEX mobile_payments_paid ON mobile_payments (sale_id) WHERE state = 'paid';

CREATE TABLE mobile_refunds (
  out_refund_no  TEXT PRIMARY KEY,
  out_trade_no   TEXT NOT NULL REFERENCES mobile_payments (out_trade_no),
  refund_fen     INTEGER NOT NULL CHECK (refund_fen > 0),
  reason         TEXT NOT NULL,
  state          TEXT NOT NULL CHECK (state IN ('sending', 'refunded', 'declined')),
  refund_id      TEXT,
  detail         TEXT,
  actor          TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
) STRICT;
`,
}

export type MobilePayState = 'sending' | 'paying' | 'paid' | 'declined' | 'cancelling' | 'cancelled'

export interface MobilePaymentRow {
  out_trade_no: string
  sale_id: string
  attempt: number
  provider: string
  wallet: Wallet
  code_masked: string
  amount_fen: number
  state: MobilePayState
  reason: string | null
  transaction_id: string | null
  paid_fen: number | null
  actor: string
  created_at: string
  updated_at: string
}

export interface MobileRefundRow {
  out_refund_no: string
  out_trade_no: string
  refund_fen: number
  reason: string
  state: 'sending' | 'refunded' | 'declined'
  refund_id: string | null
  detail: string | null
  actor: string
  created_at: string
  updated_at: string
}

/**
 * Our trade number for a sale's n-th payment attempt: fixed by the sale, so a retry after a lost answer
 * names the same trade, and a fresh scan after a decline or 撤销 gets the next (a closed trade cannot be
 * paid again). 32 characters at most, as both wallets allow.
 */
export function outTradeNo(saleId: string, attempt: number): string {
  return `GJ${saleId.replace(/-/g, '').slice(0, 24).toUpperCase()}${String(attempt).padStart(2, '0')}`
}

export function outRefundNo(trade: string, n: number): string {
  return `${trade}R${String(n).padStart(2, '0')}`
}

export class MobilePayStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  private now() {
    return this.clock.now().toISOString()
  }

  /** The intent: committed before the provider hears of it. */
  begin(p: { saleId: string; provider: string; wallet: Wallet; codeMasked: string; amountFen: number; actor: string }): MobilePaymentRow {
    return this.db.transaction(() => {
      const last = prepared(this.db, 'SELECT MAX(attempt) AS n FROM mobile_payments WHERE sale_id = ?').get(p.saleId) as { n: number | null }
      const attempt = (last.n ?? 0) + 1
      const now = this.now()
      return prepared(
        this.db,
        `INSERT INTO mobile_payments (out_trade_no, sale_id, attempt, provider, wallet, code_masked, amount_fen, state, actor, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'sending', ?, ?, ?) RETURNING *`,
      ).get(outTradeNo(p.saleId, attempt), p.saleId, attempt, p.provider, p.wallet, p.codeMasked, p.amountFen, p.actor, now, now) as MobilePaymentRow
    })()
  }

  get(trade: string): MobilePaymentRow {
    return prepared(this.db, 'SELECT * FROM mobile_payments WHERE out_trade_no = ?').get(trade) as MobilePaymentRow
  }

  forSale(saleId: string): MobilePaymentRow[] {
    return prepared(this.db, 'SELECT * FROM mobile_payments WHERE sale_id = ? ORDER BY attempt').all(saleId) as MobilePaymentRow[]
  }

  openForSale(saleId: string): MobilePaymentRow | undefined {
    return prepared(this.db, "SELECT * FROM mobile_payments WHERE sale_id = ? AND state IN ('sending', 'paying', 'cancelling')").get(saleId) as
      MobilePaymentRow | undefined
  }

  paidForSale(saleId: string): MobilePaymentRow | undefined {
    return prepared(this.db, "SELECT * FROM mobile_payments WHERE sale_id = ? AND state = 'paid'").get(saleId) as MobilePaymentRow | undefined
  }

  /** Every payment left between intent and outcome (what start-up recovery resolves). */
  unfinished(): MobilePaymentRow[] {
    return prepared(this.db, "SELECT * FROM mobile_payments WHERE state IN ('sending', 'paying', 'cancelling') ORDER BY created_at").all() as MobilePaymentRow[]
  }

  move(trade: string, state: Exclude<MobilePayState, 'paid'>, reason: string | null): MobilePaymentRow {
    return prepared(this.db, 'UPDATE mobile_payments SET state = ?, reason = COALESCE(?, reason), updated_at = ? WHERE out_trade_no = ? RETURNING *').get(
      state,
      reason,
      this.now(),
      trade,
    ) as MobilePaymentRow
  }

  /** Only a provider's confirmation of this very trade and amount gets here (the row's CHECK holds it too). */
  paid(trade: string, transactionId: string, paidFen: number): MobilePaymentRow {
    return prepared(
      this.db,
      "UPDATE mobile_payments SET state = 'paid', transaction_id = ?, paid_fen = ?, reason = NULL, updated_at = ? WHERE out_trade_no = ? RETURNING *",
    ).get(transactionId, paidFen, this.now(), trade) as MobilePaymentRow
  }

  // ---- refunds

  refunds(trade: string): MobileRefundRow[] {
    return prepared(this.db, 'SELECT * FROM mobile_refunds WHERE out_trade_no = ? ORDER BY out_refund_no').all(trade) as MobileRefundRow[]
  }

  /** Refunded or on its way: what may no longer be refunded again. */
  committedRefundFen(trade: string): number {
    const r = prepared(this.db, "SELECT COALESCE(SUM(refund_fen), 0) AS f FROM mobile_refunds WHERE out_trade_no = ? AND state != 'declined'").get(trade) as {
      f: number
    }
    return r.f
  }

  beginRefund(p: { trade: string; refundFen: number; reason: string; actor: string }): MobileRefundRow {
    return this.db.transaction(() => {
      const n = (prepared(this.db, 'SELECT COUNT(*) AS n FROM mobile_refunds WHERE out_trade_no = ?').get(p.trade) as { n: number }).n + 1
      const now = this.now()
      return prepared(
        this.db,
        `INSERT INTO mobile_refunds (out_refund_no, out_trade_no, refund_fen, reason, state, actor, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'sending', ?, ?, ?) RETURNING *`,
      ).get(outRefundNo(p.trade, n), p.trade, p.refundFen, p.reason, p.actor, now, now) as MobileRefundRow
    })()
  }

  refundDone(refundNo: string, state: 'refunded' | 'declined', refundId: string | null, detail: string | null): MobileRefundRow {
    return prepared(this.db, 'UPDATE mobile_refunds SET state = ?, refund_id = ?, detail = ?, updated_at = ? WHERE out_refund_no = ? RETURNING *').get(
      state,
      refundId,
      detail,
      this.now(),
      refundNo,
    ) as MobileRefundRow
  }

  unfinishedRefunds(): MobileRefundRow[] {
    return prepared(this.db, "SELECT * FROM mobile_refunds WHERE state = 'sending' ORDER BY created_at").all() as MobileRefundRow[]
  }
}
