import type { DayEvent } from '../../../shared/contract/manager/schemas'
import { toFen } from '../../../shared/money/money'
import type { Setlinfo } from '../../../shared/nhsa'
import type { PlatformRow as SidePlatformRow } from '../../../shared/recon/store-side'
import { answeredMessagesBetween, counterRefundsBetween, counterSalesOpenedBetween, type DaySaleView as SaleView } from '../ledger'
import { cstDay, cstDayRange } from '../sale'
import type { Db } from '../../base/store/database'
import { amountsView, zeroParts, type Parts } from './totals'
import { AuditStore } from '../audit'
import { ReconStore } from './recon-store'
import { payerRegionOf } from '../../../shared/recon/month-side'

/**
 * One sale or refund of a business day, as the day's figures and the reconciliation both count it.
 * Platform rows are dated by the platform's own settlement time (its setl_time, CST), so the store's
 * day and the platform's day are the same day even for a sale settled at midnight.
 */
export interface DayItem {
  saleId: string
  kind: 'sale' | 'refund'
  /** ISO instant. */
  at: string
  cashier: string
  terminalId: string
  memberNameMasked: string | null
  payMethod: 'cash' | 'mobile' | 'none' | null
  parts: Parts
  source: 'journal' | 'reconciliation'
  /** Present for everything the platform also has: what 3201/3202 compare. */
  platform: PlatformRow | null
  /** The insured region of the relative whose quota paid, when the sale recorded it. */
  payerRegion: string | null
}

/** As the store side reads it (shared/recon/store-side.ts); a counter always knows where the person is insured. */
export interface PlatformRow extends SidePlatformRow {
  insuplcAdmdvs: string
}

const SETTLE = new Set(['2102', '2207'])
/** An answered message's intent is at most seconds before the platform's commit; an hour is plenty. */
const MARGIN_MS = 3600_000

/** setl_time is CST wall time 'yyyy-MM-dd HH:mm:ss'. */
const SETL_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/
export function setlTimeIso(setlTime: string): string {
  // Field by field: parsing a date string was a fifth of a day's read (issue 20's profile).
  const f = SETL_TIME.exec(setlTime)
  if (!f) return new Date(`${setlTime.replace(' ', 'T')}+08:00`).toISOString()
  return new Date(Date.UTC(Number(f[1]), Number(f[2]) - 1, Number(f[3]), Number(f[4]) - 8, Number(f[5]), Number(f[6]))).toISOString()
}

export function partsOf(s: Setlinfo, goodsFen: number, payMethod: DayItem['payMethod'], fen: (yuan: number) => number = toFen): Parts {
  const p = zeroParts()
  p.medical = fen(s.medfee_sumamt)
  p.fund = fen(s.fund_pay_sumamt)
  p.account = fen(s.acct_pay)
  p.mutualAid = fen(s.acct_mulaid_pay)
  p.personCash = fen(s.psn_cash_pay)
  // Stored before the tolerant reader, a setlinfo has no hosp_part_amt: the institution bore nothing then.
  p.hospital = fen((s as Setlinfo & { hosp_part_amt?: number }).hosp_part_amt ?? 0)
  p.goods = goodsFen
  const counter = p.personCash + p.goods
  if (payMethod === 'mobile') p.mobile = counter
  else p.cash = counter
  return p
}

/**
 * toFen, remembered for one read: a day's amounts repeat (the same box at the same price, zeros in most
 * parts), and decimal.js costs microseconds a call, thousands of times a read.
 */
function fenMemo(): (yuan: number) => number {
  const known = new Map<number, number>()
  return (yuan) => {
    let fen = known.get(yuan)
    if (fen === undefined) known.set(yuan, (fen = toFen(yuan)))
    return fen
  }
}

export class DayEvents {
  private last: { key: string; auditHead: number; items: DayItem[] } | undefined

  constructor(private readonly db: Db) {}

  /**
   * The same, remembered for screens that ask again (each drill-down click): every change to a sale,
   * its messages or the reconciliation's entries appends an audit row in its own transaction, so an
   * unchanged audit head means unchanged items. Reconciliation and the close always read afresh.
   */
  cached(day: string, training: boolean): DayItem[] {
    const head = new AuditStore(this.db).headSeq()
    const key = `${day}|${training}`
    if (this.last?.key === key && this.last.auditHead === head) return this.last.items
    const items = this.items(day, training)
    this.last = { key, auditHead: head, items }
    return items
  }

  /** Every sale and refund of the CST day in one mode (training or live), oldest first. */
  items(day: string, training: boolean): DayItem[] {
    const [from, to] = cstDayRange(day)
    const wideFrom = new Date(new Date(from).getTime() - MARGIN_MS).toISOString()
    const wideTo = new Date(new Date(to).getTime() + MARGIN_MS).toISOString()
    const t = training ? 1 : 0
    const items: DayItem[] = []
    const fen = fenMemo()

    const answered = answeredMessagesBetween(this.db, wideFrom, wideTo, t)
    for (const r of answered) {
      const s = JSON.parse(r.m_response) as Setlinfo
      if (s.setl_time.slice(0, 10) !== day || !s.setl_id || !s.mdtrt_id) continue
      const refund = !SETTLE.has(r.m_infno)
      items.push({
        saleId: r.id,
        kind: refund ? 'refund' : 'sale',
        at: setlTimeIso(s.setl_time),
        cashier: r.cashier,
        terminalId: r.terminal_id,
        memberNameMasked: r.name_masked,
        payMethod: r.pay_method,
        parts: partsOf(s, r.goods_fen, r.pay_method, fen),
        source: 'journal',
        platform: {
          setlId: s.setl_id,
          mdtrtId: s.mdtrt_id,
          psnNo: s.psn_no,
          insutype: s.insutype,
          clrType: s.clr_type,
          clrOptins: s.clr_optins,
          insuplcAdmdvs: s.insuplc_admdvs,
          refund,
        },
        payerRegion: payerRegionOf(r.mulaid_payer),
      })
    }

    // Settled at the counter alone: goods, and offline sales the platform declined (their insured lines
    // became self-paid at the full price, so the person part is all of the medical total).
    const counterItem = (r: SaleView, kind: 'sale' | 'refund', at: string): DayItem => {
      const p = zeroParts()
      p.medical = r.medfee_fen
      p.personCash = r.medfee_fen
      p.goods = r.goods_fen
      if (r.pay_method === 'mobile') p.mobile = r.medfee_fen + r.goods_fen
      else p.cash = r.medfee_fen + r.goods_fen
      return {
        saleId: r.id,
        kind,
        at,
        cashier: r.cashier,
        terminalId: r.terminal_id,
        memberNameMasked: r.name_masked,
        payMethod: r.pay_method,
        parts: p,
        source: 'journal',
        platform: null,
        payerRegion: null,
      }
    }
    const counterSales = counterSalesOpenedBetween(this.db, from, to, t)
    for (const r of counterSales) items.push(counterItem(r, 'sale', r.created_at))
    // 'refunded' is final: nothing touches the row after, so its updated_at is the moment of the refund.
    const counterRefunds = counterRefundsBetween(this.db, from, to, t)
    for (const r of counterRefunds) items.push(counterItem(r, 'refund', r.updated_at))

    const taken = new ReconStore(this.db).answeredEntries(day, t)
    for (const e of taken) {
      const s = JSON.parse(e.setlinfo) as Setlinfo
      const refund = e.kind === 'revoke'
      items.push({
        saleId: e.setl_id,
        kind: refund ? 'refund' : 'sale',
        at: refund ? setlTimeIso(s.setl_time) : e.created_at,
        cashier: e.actor,
        terminalId: '—',
        memberNameMasked: null,
        payMethod: null,
        parts: partsOf(s, 0, null, fen),
        source: 'reconciliation',
        platform: {
          setlId: e.setl_id,
          mdtrtId: s.mdtrt_id ?? '',
          psnNo: s.psn_no,
          insutype: s.insutype,
          clrType: s.clr_type,
          clrOptins: s.clr_optins,
          insuplcAdmdvs: s.insuplc_admdvs,
          refund,
        },
        payerRegion: null,
      })
    }
    return items.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
  }
}

export function eventView(i: DayItem): DayEvent {
  return {
    saleId: i.saleId,
    kind: i.kind,
    at: i.at,
    cashier: i.cashier,
    terminalId: i.terminalId,
    memberNameMasked: i.memberNameMasked,
    insutype: i.platform?.insutype ?? null,
    clrType: i.platform?.clrType ?? null,
    setlId: i.platform?.setlId ?? null,
    payMethod: i.payMethod,
    ...amountsView(i.parts),
    source: i.source,
  }
}

export function today(now: Date): string {
  return cstDay(now)
}
