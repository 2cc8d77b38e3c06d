import { createHash, randomInt } from 'node:crypto'
import { join } from 'node:path'
import type { Clock } from '../../base/clock'
import { openDatabase, type Db, type Migration } from '../../base/store/database'
import { prepared } from '../../base/store/statements'
import { walletOf } from '../../../shared/payment/auth-code'
import { DECLINES, type PayFaultState } from './pay-faults'
import type { PayAnswerWire } from '../../../shared/payment/sandbox-wire'

export const PAY_SANDBOX_DB_FILE = 'pay-sandbox.db'

const migrations: Migration[] = [
  {
    id: 1,
    name: 'pay sandbox',
    sql: `
CREATE TABLE trades (
  out_trade_no   TEXT PRIMARY KEY,
  merchant       TEXT NOT NULL,
  code_hash      TEXT NOT NULL UNIQUE,
  wallet         TEXT NOT NULL,
  total_fee      INTEGER NOT NULL CHECK (total_fee > 0),
  state          TEXT NOT NULL CHECK (state IN ('USERPAYING', 'SUCCESS', 'REFUND', 'REVOKED', 'CLOSED', 'PAYERROR')),
  polls_left     INTEGER NOT NULL,
  never_confirm  INTEGER NOT NULL,
  transaction_id TEXT NOT NULL UNIQUE,
  created_at     TEXT NOT NULL,
  paid_at        TEXT,
  refunded_fee   INTEGER NOT NULL DEFAULT 0 CHECK (refunded_fee >= 0 AND refunded_fee <= total_fee)
) STRICT;
CREATE TABLE refunds (
  out_refund_no  TEXT PRIMARY KEY,
  out_trade_no   TEXT NOT NULL REFERENCES trades (out_trade_no),
  refund_fee     INTEGER NOT NULL CHECK (refund_fee > 0),
  refund_id      TEXT NOT NULL UNIQUE,
  created_at     TEXT NOT NULL
) STRICT;
`,
  },
]

export function openPayLedger(dataDir: string | undefined, clock: Clock): Db {
  return openDatabase(dataDir ? join(dataDir, PAY_SANDBOX_DB_FILE) : ':memory:', migrations, { now: () => clock.now() })
}

interface TradeRow {
  out_trade_no: string
  merchant: string
  code_hash: string
  wallet: string
  total_fee: number
  state: 'USERPAYING' | 'SUCCESS' | 'REFUND' | 'REVOKED' | 'CLOSED' | 'PAYERROR'
  polls_left: number
  never_confirm: number
  transaction_id: string
  created_at: string
  paid_at: string | null
  refunded_fee: number
}

const ok = (fields: Partial<PayAnswerWire> = {}): PayAnswerWire => ({ return_code: 'SUCCESS', result_code: 'SUCCESS', ...fields })
const fail = (err_code: string, err_code_des: string, fields: Partial<PayAnswerWire> = {}): PayAnswerWire => ({
  return_code: 'SUCCESS',
  result_code: 'FAIL',
  err_code,
  err_code_des,
  ...fields,
})
const codeHash = (code: string) => createHash('sha256').update(code).digest('hex')

/** Payments and refunds as a provider keeps them: each code pays once, each trade number names one trade. */
export class PayLedger {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly faults: PayFaultState,
  ) {}

  private now() {
    return this.clock.now().toISOString()
  }

  private trade(no: string): TradeRow | undefined {
    return prepared(this.db, 'SELECT * FROM trades WHERE out_trade_no = ?').get(no) as TradeRow | undefined
  }

  private paid(t: TradeRow): PayAnswerWire {
    return ok({
      out_trade_no: t.out_trade_no,
      transaction_id: t.transaction_id,
      total_fee: t.total_fee,
      bank_type: t.wallet,
      time_end: t.paid_at ?? undefined,
      trade_state: t.state,
    })
  }

  micropay(merchant: string, b: { out_trade_no: string; auth_code: string; total_fee: number }): PayAnswerWire {
    return this.db.transaction(() => {
      const existing = this.trade(b.out_trade_no)
      if (existing) {
        // A resend of the same trade with the same code is the same trade: it answers as it stands.
        if (existing.code_hash !== codeHash(b.auth_code) || existing.total_fee !== b.total_fee) return fail('OUT_TRADE_NO_USED', '商户订单号重复')
        if (existing.state === 'SUCCESS') return this.paid(existing)
        if (existing.state === 'USERPAYING') return fail('USERPAYING', '需要用户输入支付密码')
        return fail('ORDERREVERSED', '订单已撤销')
      }
      const wallet = walletOf(b.auth_code)
      if (!wallet) return fail('AUTH_CODE_INVALID', DECLINES.AUTH_CODE_INVALID)
      if (prepared(this.db, 'SELECT 1 FROM trades WHERE code_hash = ?').get(codeHash(b.auth_code)))
        return fail('AUTHCODEEXPIRE', '付款码已使用，请刷新后重新扫码')
      const f = this.faults.get()
      if (f.decline) return fail(f.decline, DECLINES[f.decline])
      const asks = f.neverConfirm || f.userPayingPolls > 0
      const txn = `${wallet === 'wechat' ? '42' : '20'}${this.clock.now().toISOString().slice(0, 10).replace(/-/g, '')}${String(randomInt(1e9)).padStart(9, '0')}${String(randomInt(1e9)).padStart(9, '0')}`
      prepared(
        this.db,
        `INSERT INTO trades (out_trade_no, merchant, code_hash, wallet, total_fee, state, polls_left, never_confirm, transaction_id, created_at, paid_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        b.out_trade_no,
        merchant,
        codeHash(b.auth_code),
        wallet,
        b.total_fee,
        asks ? 'USERPAYING' : 'SUCCESS',
        f.userPayingPolls,
        f.neverConfirm ? 1 : 0,
        txn,
        this.now(),
        asks ? null : this.now(),
      )
      const t = this.trade(b.out_trade_no)!
      return asks ? fail('USERPAYING', '需要用户输入支付密码') : this.paid(t)
    })()
  }

  /** A query is also the customer's clock: after the configured number of polls the password is entered. */
  query(b: { out_trade_no: string }): PayAnswerWire {
    return this.db.transaction(() => {
      const t = this.trade(b.out_trade_no)
      if (!t) return fail('ORDERNOTEXIST', '此交易订单号不存在')
      if (t.state === 'USERPAYING' && !t.never_confirm) {
        if (t.polls_left <= 1)
          prepared(this.db, "UPDATE trades SET state = 'SUCCESS', polls_left = 0, paid_at = ? WHERE out_trade_no = ?").run(this.now(), t.out_trade_no)
        else prepared(this.db, 'UPDATE trades SET polls_left = polls_left - 1 WHERE out_trade_no = ?').run(t.out_trade_no)
      }
      const now = this.trade(b.out_trade_no)!
      return now.state === 'SUCCESS' || now.state === 'REFUND'
        ? this.paid(now)
        : ok({ out_trade_no: now.out_trade_no, total_fee: now.total_fee, trade_state: now.state })
    })()
  }

  /** 撤销: an unpaid trade is closed, a paid one given back whole; a trade never seen is closed too, so a late request cannot pay it. */
  reverse(merchant: string, b: { out_trade_no: string }): PayAnswerWire {
    return this.db.transaction(() => {
      const t = this.trade(b.out_trade_no)
      if (!t) {
        prepared(
          this.db,
          `INSERT INTO trades (out_trade_no, merchant, code_hash, wallet, total_fee, state, polls_left, never_confirm, transaction_id, created_at)
           VALUES (?, ?, ?, 'none', 1, 'REVOKED', 0, 0, ?, ?)`,
        ).run(b.out_trade_no, merchant, `reversed:${b.out_trade_no}`, `none:${b.out_trade_no}`, this.now())
        return ok({ recall: 'N' })
      }
      if (t.refunded_fee > 0) return fail('TRADE_STATE_ERROR', '订单已发生退款，不能撤销')
      prepared(this.db, "UPDATE trades SET state = 'REVOKED' WHERE out_trade_no = ?").run(t.out_trade_no)
      return ok({ recall: 'N' })
    })()
  }

  refund(b: { out_trade_no: string; out_refund_no: string; total_fee: number; refund_fee: number }): PayAnswerWire {
    return this.db.transaction(() => {
      const done = prepared(this.db, 'SELECT * FROM refunds WHERE out_refund_no = ?').get(b.out_refund_no) as
        { out_trade_no: string; refund_fee: number; refund_id: string } | undefined
      if (done) {
        // The same refund number again is the same refund (a resend after a lost answer).
        if (done.out_trade_no !== b.out_trade_no || done.refund_fee !== b.refund_fee) return fail('INVALID_REQUEST', '退款单号已用于另一笔退款')
        return ok({ out_trade_no: b.out_trade_no, out_refund_no: b.out_refund_no, refund_id: done.refund_id, refund_fee: done.refund_fee })
      }
      const t = this.trade(b.out_trade_no)
      if (!t) return fail('ORDERNOTEXIST', '此交易订单号不存在')
      if (t.state !== 'SUCCESS' && t.state !== 'REFUND') return fail('TRADE_STATE_ERROR', '订单未支付或已撤销，不能退款')
      if (b.total_fee !== t.total_fee) return fail('INVALID_REQUEST', '订单金额与原交易不符')
      if (t.refunded_fee + b.refund_fee > t.total_fee) return fail('REFUND_FEE_INVALID', '退款金额超过可退金额')
      const refundId = `50${String(randomInt(1e9)).padStart(9, '0')}${String(randomInt(1e9)).padStart(9, '0')}`
      prepared(this.db, 'INSERT INTO refunds (out_refund_no, out_trade_no, refund_fee, refund_id, created_at) VALUES (?, ?, ?, ?, ?)').run(
        b.out_refund_no,
        b.out_trade_no,
        b.refund_fee,
        refundId,
        this.now(),
      )
      prepared(this.db, "UPDATE trades SET refunded_fee = refunded_fee + ?, state = 'REFUND' WHERE out_trade_no = ?").run(b.refund_fee, b.out_trade_no)
      return ok({ out_trade_no: b.out_trade_no, out_refund_no: b.out_refund_no, refund_id: refundId, refund_fee: b.refund_fee })
    })()
  }

  /** The provider's books, for trainers and tests: what each trade holds now. */
  trades(): { outTradeNo: string; wallet: string; totalFee: number; state: string; refundedFee: number; transactionId: string }[] {
    return (prepared(this.db, "SELECT * FROM trades WHERE wallet != 'none' ORDER BY created_at, out_trade_no").all() as TradeRow[]).map((t) => ({
      outTradeNo: t.out_trade_no,
      wallet: t.wallet,
      totalFee: t.total_fee,
      state: t.state,
      refundedFee: t.refunded_fee,
      transactionId: t.transaction_id,
    }))
  }
}
