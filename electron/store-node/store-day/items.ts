import type { Pool, PoolClient } from 'pg'
import { toFen } from '../../../shared/money/money'
import { payerRegionOf } from '../../../shared/recon/month-side'
import type { PlatformRow } from '../../../shared/recon/store-side'
import { answeredSettlements, counterOnlySales, inBetweenPayment, inBetweenRevoke, reconEntries } from './items-store'

export { ownerOfSettlement } from './items-store'

/** The parts of one sale or refund, integer fen, positive (a refund's sign is its kind). */
export interface ItemParts {
  medical: number
  fund: number
  account: number
  mutualAid: number
  hospital: number
  personCash: number
  goods: number
  cash: number
  mobile: number
}

/**
 * One sale or refund of the store's day, from any counter's synced facts or the store node's own
 * reconciliation entries. Platform rows are dated by the platform's setl_time (CST), as on the counter.
 */
export interface StoreItem {
  /** Unique in the store's day: what a Z part records it counted, so an item lands in exactly one part. */
  key: string
  /** 0 for the store node's own entries. */
  terminalNo: number
  kind: 'sale' | 'refund'
  cashier: string
  shiftId: string | null
  parts: ItemParts
  platform: PlatformRow | null
  /** Where the insured person is insured (6-digit admdvs) when the platform said; the chain's cross-province reports. */
  insuplc: string | null
  /** Where the relative who paid from a quota is insured, when the selling counter recorded it (the month's mutual-aid split). */
  payerRegion: string | null
}

/** A platform settlement info (2102/2103 setlinfo) as the counter stored it; amounts are yuan numbers. */
export interface Setlinfo {
  setl_id: string
  mdtrt_id?: string
  psn_no: string
  insutype: string
  clr_type: string
  clr_optins: string
  setl_time: string
  medfee_sumamt: number
  fund_pay_sumamt: number
  acct_pay: number
  acct_mulaid_pay?: number
  psn_cash_pay: number
  hosp_part_amt?: number
  insuplc_admdvs?: string
}

const REFUNDS = new Set(['2103', '2208'])

/** toFen remembered for one read: a day's amounts repeat, and decimal.js costs microseconds a call. */
function fenMemo(): (yuan: number | undefined) => number {
  const known = new Map<number, number>()
  return (yuan) => {
    if (yuan === undefined || yuan === null) return 0
    let fen = known.get(yuan)
    if (fen === undefined) known.set(yuan, (fen = toFen(yuan)))
    return fen
  }
}

function settledParts(s: Setlinfo, goodsFen: number, payMethod: string | null, fen: (y: number | undefined) => number): ItemParts {
  const personCash = fen(s.psn_cash_pay)
  const counter = personCash + goodsFen
  return {
    medical: fen(s.medfee_sumamt),
    fund: fen(s.fund_pay_sumamt),
    account: fen(s.acct_pay),
    mutualAid: fen(s.acct_mulaid_pay),
    // Stored before the tolerant reader, a setlinfo has no hosp_part_amt: the institution bore nothing then.
    hospital: fen(s.hosp_part_amt),
    personCash,
    goods: goodsFen,
    cash: payMethod === 'mobile' ? 0 : counter,
    mobile: payMethod === 'mobile' ? counter : 0,
  }
}

function platformOf(s: Setlinfo, refund: boolean): PlatformRow {
  return { setlId: s.setl_id, mdtrtId: s.mdtrt_id ?? '', psnNo: s.psn_no, insutype: s.insutype, clrType: s.clr_type, clrOptins: s.clr_optins, refund }
}

/** [start, end) of a CST calendar day as ISO instants (the counters store UTC ISO times). */
export function cstDayRange(day: string): [string, string] {
  const start = new Date(`${day}T00:00:00+08:00`)
  return [start.toISOString(), new Date(start.getTime() + 86_400_000).toISOString()]
}

type Db = Pool | PoolClient

/**
 * Where the store node's own answered entries (its orphan revokes) are read: its own table on a store node;
 * at HQ, the store's facts as they came up (terminal 00 of the store, `hq/`).
 */
export type OwnEntries = 'store-node' | 'synced'

/**
 * Every sale and refund of the store's CST day across its counters, read from what they pushed
 * (`counter_rows`, the newest state of each counter row), in live mode only: a training sale never
 * reaches the platform's books. Mirrors the counter's own day read (core/manager/day-events.ts).
 */
export async function storeItems(db: Db, storeId: string, day: string, own: OwnEntries = 'store-node'): Promise<StoreItem[]> {
  const fen = fenMemo()
  const items: StoreItem[] = []
  const [from, to] = cstDayRange(day)

  // Answered settlements and revokes, with what the day shows of their sale.
  const answered = await answeredSettlements(db, storeId, day)
  for (const r of answered) {
    const s = r.response
    if (!s.setl_id) continue
    const refund = REFUNDS.has(r.infno)
    items.push({
      key: `setl:${s.setl_id}`,
      terminalNo: r.terminal_no,
      kind: refund ? 'refund' : 'sale',
      cashier: r.cashier,
      shiftId: r.shift_id,
      parts: settledParts(s, Number(r.goods_fen), r.pay_method, fen),
      platform: platformOf(s, refund),
      insuplc: s.insuplc_admdvs || r.insuplc || null,
      payerRegion: payerRegionOf(r.mulaid_payer),
    })
  }

  // Settled at the counter alone: goods, and offline sales the platform declined (all self-paid).
  const counterOnly = await counterOnlySales(db, storeId, from, to)
  for (const r of counterOnly) {
    const medical = Number(r.medfee_fen)
    const goods = Number(r.goods_fen)
    const parts: ItemParts = {
      medical,
      fund: 0,
      account: 0,
      mutualAid: 0,
      hospital: 0,
      personCash: medical,
      goods,
      cash: r.pay_method === 'mobile' ? 0 : medical + goods,
      mobile: r.pay_method === 'mobile' ? medical + goods : 0,
    }
    const base = { terminalNo: r.terminal_no, cashier: r.cashier, shiftId: r.shift_id, parts, platform: null, insuplc: null, payerRegion: null }
    if (r.created_at >= from && r.created_at < to) items.push({ ...base, key: `sale:${r.id}`, kind: 'sale' })
    // 'refunded' is final: nothing touches the row after, so its updated_at is the moment of the refund.
    if (r.state === 'refunded' && r.updated_at >= from && r.updated_at < to) items.push({ ...base, key: `refund:${r.id}`, kind: 'refund' })
  }

  // What reconciliation took on: a counter's own entries (before store mode), and the store node's.
  const entries = await reconEntries(db, storeId, day, own)
  for (const e of entries) {
    const refund = e.kind === 'revoke'
    items.push({
      key: `setl:${e.setl_id}`,
      terminalNo: e.terminal_no,
      kind: refund ? 'refund' : 'sale',
      cashier: e.actor,
      shiftId: null,
      parts: settledParts(e.setlinfo, 0, null, fen),
      platform: platformOf({ ...e.setlinfo, setl_id: e.setl_id }, refund),
      insuplc: e.setlinfo.insuplc_admdvs || null,
      payerRegion: null,
    })
  }
  return items
}

/**
 * A counter's message still between intent and answer that would explain a row only the platform has
 * (the same person and medical total, or the revoke of the same visit): that counter reverses it under its
 * own kept msgid, told by a store command; the store never touches it.
 */
export async function inBetweenMessage(
  db: Db,
  storeId: string,
  p: { refd_setl_flag: string; psn_no: string; medfee_sumamt: number; mdtrt_id: string },
): Promise<{ terminalNo: number; terminalUid: string; msgid: string } | null> {
  const row =
    p.refd_setl_flag === '0' ? await inBetweenPayment(db, storeId, p.psn_no, Math.abs(toFen(p.medfee_sumamt))) : await inBetweenRevoke(db, storeId, p.mdtrt_id)
  return row ? { terminalNo: row.terminal_no, terminalUid: row.terminal_uid, msgid: row.msgid } : null
}
