import { join } from 'node:path'
import { createCore } from '../../electron/core/core'
import { trainingPlatform } from '../../electron/sandbox/training'
import type { CallOutput } from '../../shared/contract'
import { signIn } from '../support/core-session'
import { admin } from '../support/journal-rig'
import { CallFailed, Counter, traceCode } from '../sale/counter-rig'
import { wechatCode } from '../support/pay-codes'

export const IBUPROFEN = 'SP00012' // OTC, class A, 19.80
export const VALSARTAN = 'SP00003' // prescription, class B 10%
export const SHAMPOO = 'SG00001' // ordinary goods, 15.00
export const PRESCRIPTION = { rxno: 'RX20261120001', external: false, pharmacist: '李药师' }
export const MANAGER_APPROVAL = { userId: 'demo-manager', pin: '888888' }

/**
 * A counter in training mode whose clock (and its sandbox platform's) starts at 09:00 Beijing time on a
 * fixed business day, so a test's sales all fall on one day whenever the test runs.
 */
export async function startDay(dataDir: string, day: string): Promise<DayRig> {
  const offset = new Date(`${day}T09:00:00+08:00`).getTime() - Date.now()
  const clock = { now: () => new Date(Date.now() + offset) }
  const core = await createCore({ dataDir: join(dataDir, 'data'), shell: 'web', version: 'test' }, { training: trainingPlatform(), clock, log: () => {} })
  const counter = new Counter(core)
  await counter.ready()
  const url = await counter.sandboxUrl()
  await admin({ url }, 'POST', 'clock', { now: clock.now().toISOString() })
  return new DayRig(counter, url, day, clock)
}

type Sale = CallOutput<'getSale'>
export interface LedgerEntry {
  kind: 'settlement' | 'revoke' | 'reversal'
  infno: string
  msgid: string
  setl_id: string
  psn_no: string
  medfee_sumamt: number
  fund_pay_sumamt: number
  acct_pay: number
  acct_mulaid_pay: number
  psn_cash_pay: number
}

export class DayRig {
  private members = new Map<string, { ref: string; quota: string | undefined; at: number }>()

  constructor(
    readonly counter: Counter,
    readonly sandboxUrl: string,
    readonly day: string,
    readonly clock: { now: () => Date },
  ) {}

  get core() {
    return this.counter.core
  }

  as(role: 'cashier' | 'receptionist' | 'manager') {
    return signIn(this.core, role)
  }

  faults(config: Record<string, unknown>) {
    return admin({ url: this.sandboxUrl }, 'POST', 'faults', config)
  }

  /** The platform's own ledger of the day: every settlement, revoke and reversal with its amounts. */
  async ledger(): Promise<LedgerEntry[]> {
    const res = await fetch(`${this.sandboxUrl.replace(/\/$/, '')}/sandbox/ledger?fixmedins_code=P41010500218&from=${this.day}&to=${this.day}`)
    return ((await res.json()) as { entries: LedgerEntry[] }).entries
  }

  /** A member's reference, identified again before the counter's 10-minute limit runs out. */
  private async member(key: string) {
    const now = this.clock.now().getTime()
    const known = this.members.get(key)
    if (known && now - known.at < 5 * 60_000) return known
    const m = await this.counter.member(key)
    const entry = { ref: m.ref, quota: m.quotas[0]?.mulaidId, at: now }
    this.members.set(key, entry)
    return entry
  }

  /** An insured sale settled through the contract, tried again when a lost answer was reversed (as a cashier would). */
  async insured(
    key: string,
    opts: { boxes?: number; goods?: boolean; quota?: boolean; rx?: boolean; mobile?: boolean } = {},
  ): Promise<{ sale: Sale; retries: number }> {
    const m = await this.member(key)
    const boxes = opts.boxes ?? 1
    const lines = [
      { storeCode: opts.rx ? VALSARTAN : IBUPROFEN, qty: String(boxes), traceCodes: Array.from({ length: boxes }, () => traceCode()) },
      ...(opts.goods ? [{ storeCode: SHAMPOO, qty: '1' }] : []),
    ]
    const opened = await this.counter.call('openSale', {
      memberRef: m.ref,
      lines,
      acctUsed: true,
      ...(opts.quota && m.quota ? { mulaidId: m.quota } : {}),
      ...(opts.rx ? { prescription: PRESCRIPTION } : {}),
    })
    let retries = 0
    for (;;) {
      await this.counter.call('presettleSale', { saleId: opened.id })
      try {
        const sale = await this.counter.call('settleSale', {
          saleId: opened.id,
          payment: opts.mobile ? { method: 'mobile' } : { method: 'cash', tendered: '500' },
        })
        // The cash part of a mobile sale is paid only by the customer's code, confirmed by the provider.
        if (opts.mobile && sale.payment?.owed !== '0.00') await this.counter.call('payMobile', { saleId: opened.id, authCode: wechatCode() })
        return { sale: opts.mobile ? await this.counter.call('getSale', { saleId: opened.id }) : sale, retries }
      } catch (e) {
        if (!(e instanceof CallFailed) || e.code !== 'SETTLEMENT_REVERSED' || retries > 5) throw e
        retries++
      }
    }
  }

  async cash(qty = 1): Promise<Sale> {
    const opened = await this.counter.call('openSale', { lines: [{ storeCode: SHAMPOO, qty: String(qty) }], acctUsed: false })
    return this.counter.call('settleSale', { saleId: opened.id, payment: { method: 'cash', tendered: '100' } })
  }

  /** A whole refund, tried again when its lost answer was reversed (the sale is then still settled). */
  async refund(saleId: string): Promise<{ sale: Sale; retries: number }> {
    for (let retries = 0; ; retries++) {
      try {
        return { sale: await this.counter.call('refundSale', { saleId, approval: MANAGER_APPROVAL, reason: '顾客退货' }), retries }
      } catch (e) {
        if (!(e instanceof CallFailed) || e.code !== 'REFUND_REVERSED' || retries > 5) throw e
      }
    }
  }

  close() {
    return this.counter.close()
  }
}
