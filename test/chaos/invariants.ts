import Database from 'better-sqlite3'
import { join } from 'node:path'
import { AuditTrail } from '../../electron/core/audit/audit-trail'
import type { SaleRow } from '../../electron/core/ledger/sale-rows'
import { ReversalsUnderWay } from '../../electron/core/journal/reversals'
import { DayEvents, type DayItem } from '../../electron/core/manager/day-events'
import { StoreSide } from '../../electron/core/manager/store-side'
import type { ManagerDeps } from '../../electron/core/manager/context'
import { Reconciliation } from '../../electron/core/manager/reconciliation'
import { EventBus } from '../../electron/core/events'
import type { PlatformConnection } from '../../electron/core/platform/connection'
import { DEFAULT_SETTINGS } from '../../electron/core/settings/settings-service'
import type { Db } from '../../electron/base/store/database'
import type { Caller } from '../../electron/core/transport/dispatcher'
import type { PlatformClient } from '../../electron/core/platform/client'
import { fromFen, toFen } from '../../shared/money/money'
import type { Setlinfo } from '../../shared/nhsa'
import { admin, clock, PHARMACY } from '../support/journal-rig'
import type { Quota } from './config'

export interface LedgerEntry {
  kind: 'settlement' | 'revoke' | 'reversal'
  infno: string
  msgid: string
  ref_msgid: string | null
  psn_no: string
  mulaid_id: string | null
  medfee_sumamt: number
  fund_pay_sumamt: number
  acct_pay: number
  acct_mulaid_pay: number
}

interface MessageRow {
  msgid: string
  sale_id: string
  infno: string
  state: string
  attempts: number
}

/** What one counter's database says, read with the counter stopped. */
export interface CounterState {
  terminal: string
  sales: SaleRow[]
  messages: MessageRow[]
  audit: { ok: boolean; entries: number; reason?: string }
  dayItems: DayItem[]
}

export function readCounter(dataDir: string, terminal: string, day: string): CounterState {
  const db = new Database(join(dataDir, 'gongji.db'), { readonly: true })
  try {
    const audit = new AuditTrail(db, clock).verify()
    return {
      terminal,
      sales: db.prepare('SELECT * FROM sales').all() as SaleRow[],
      messages: db.prepare('SELECT msgid, sale_id, infno, state, attempts FROM platform_messages').all() as MessageRow[],
      audit: audit.ok ? audit : { ok: false, entries: audit.entries, reason: audit.reason },
      dayItems: new DayEvents(db).items(day, false),
    }
  } finally {
    db.close()
  }
}

/** Balances on the platform: each person's own account and each relationship's quota, in fen. */
export interface Balances {
  acct: Map<string, number>
  quota: Map<string, number>
}

export async function readBalances(url: string, psnNos: string[], quotas: Quota[]): Promise<Balances> {
  const acct = new Map<string, number>()
  const quota = new Map<string, number>()
  for (const psnNo of new Set(psnNos)) {
    const p = await admin<{ acct_balance: number; as_payer: { mulaid_id: string; quota_balc: number }[] }>({ url }, 'GET', `persons/${psnNo}`)
    acct.set(psnNo, toFen(p.acct_balance))
    for (const q of p.as_payer) if (quotas.some((x) => x.mulaidId === q.mulaid_id)) quota.set(q.mulaid_id, toFen(q.quota_balc))
  }
  return { acct, quota }
}

export async function readLedger(url: string, day?: string): Promise<LedgerEntry[]> {
  const range = day ? `&from=${day}&to=${day}` : ''
  return (await admin<{ entries: LedgerEntry[] }>({ url }, 'GET', `ledger?fixmedins_code=${PHARMACY.fixmedins_code}${range}`)).entries
}

export interface Observation {
  counters: CounterState[]
  ledger: LedgerEntry[]
  dayLedger: LedgerEntry[]
  baseline: Balances
  now: Balances
  quotas: Quota[]
  /** The sale id in each printed receipt's QR code. */
  printed: string[]
}

function setlinfoOf(s: SaleRow): Setlinfo {
  return JSON.parse(s.setlinfo!) as Setlinfo
}

/** Settlements and revokes at the platform that no reversal undid. */
function liveEntries(ledger: LedgerEntry[]) {
  const reversed = new Set(ledger.filter((e) => e.kind === 'reversal').map((e) => e.ref_msgid))
  return {
    settlements: ledger.filter((e) => e.kind === 'settlement' && !reversed.has(e.msgid)),
    revokes: ledger.filter((e) => e.kind === 'revoke' && !reversed.has(e.msgid)),
  }
}

/** Every broken invariant, in words; empty when the store and the platform agree. */
export function brokenInvariants(o: Observation): string[] {
  const broken: string[] = []
  const sales = o.counters.flatMap((c) => c.sales)
  const byId = new Map(sales.map((s) => [s.id, s]))
  const messages = o.counters.flatMap((c) => c.messages)
  const messageById = new Map(messages.map((m) => [m.msgid, m]))
  const { settlements, revokes } = liveEntries(o.ledger)

  // Nothing between intent and answer, no sale in between.
  for (const c of o.counters) {
    const open = c.messages.filter((m) => m.state === 'intent' || m.state === 'unknown')
    if (open.length)
      broken.push(`${c.terminal}: ${open.length} message(s) left between intent and answer (${open.map((m) => `${m.infno} ${m.msgid}`).join(', ')})`)
    const between = c.sales.filter((s) => ['settling', 'reversing', 'refunding'].includes(s.state))
    if (between.length)
      broken.push(`${c.terminal}: ${between.length} sale(s) left in between (${between.map((s) => `${s.id.slice(0, 8)} ${s.state}`).join(', ')})`)
    if (!c.audit.ok) broken.push(`${c.terminal}: the audit chain does not verify: ${c.audit.reason}`)
  }

  // Every live settlement at the platform is exactly one settled sale here, and the reverse.
  const everSettled = (s: SaleRow) => s.state === 'settled' || s.state === 'refunded'
  for (const e of settlements) {
    const m = messageById.get(e.msgid)
    const sale = m && byId.get(m.sale_id)
    if (!sale || sale.settled_msgid !== e.msgid || !everSettled(sale)) {
      broken.push(
        `live settlement ${e.msgid} at the platform is not a settled sale here (${sale ? `sale ${sale.id.slice(0, 8)} ${sale.state}, settled under ${sale.settled_msgid}` : 'no sale'})`,
      )
    }
  }
  const liveMsgids = new Set(settlements.map((e) => e.msgid))
  const platformSales = sales.filter((s) => s.settled_msgid && everSettled(s))
  for (const s of platformSales) {
    if (!liveMsgids.has(s.settled_msgid!))
      broken.push(`sale ${s.id.slice(0, 8)} is ${s.state} here under ${s.settled_msgid}, which is no live settlement at the platform`)
  }

  // Every refund revoked exactly once; no revoke of a sale still settled here.
  const revokesOf = new Map<string, number>()
  for (const e of revokes) revokesOf.set(e.ref_msgid ?? '', (revokesOf.get(e.ref_msgid ?? '') ?? 0) + 1)
  for (const s of platformSales) {
    const n = revokesOf.get(s.settled_msgid!) ?? 0
    const want = s.state === 'refunded' ? 1 : 0
    if (n !== want) broken.push(`sale ${s.id.slice(0, 8)} (${s.state}) has ${n} live revoke(s) at the platform, expected ${want}`)
  }
  for (const ref of revokesOf.keys()) {
    if (!platformSales.some((s) => s.settled_msgid === ref)) broken.push(`live revoke of ${ref} at the platform matches no sale here`)
  }

  // For every quota and person, what the platform took is what our settled sales say, to the fen.
  const stillSettled = platformSales.filter((s) => s.state === 'settled')
  const quotaTaken = new Map<string, number>()
  const acctTaken = new Map<string, number>()
  for (const s of stillSettled) {
    const info = setlinfoOf(s)
    if (s.mulaid_id) quotaTaken.set(s.mulaid_id, (quotaTaken.get(s.mulaid_id) ?? 0) + toFen(info.acct_mulaid_pay))
    acctTaken.set(info.psn_no, (acctTaken.get(info.psn_no) ?? 0) + toFen(info.acct_pay))
  }
  for (const q of o.quotas) {
    const platform = o.baseline.quota.get(q.mulaidId)! - o.now.quota.get(q.mulaidId)!
    const ours = quotaTaken.get(q.mulaidId) ?? 0
    if (platform !== ours)
      broken.push(`quota ${q.mulaidId}: the platform took ${fromFen(platform).toFixed(2)}, our settled sales say ${fromFen(ours).toFixed(2)}`)
    // The payer's account carries the quota used on top of what they paid for themselves.
    acctTaken.set(q.payerPsnNo, (acctTaken.get(q.payerPsnNo) ?? 0) + ours)
  }
  for (const [psnNo, before] of o.baseline.acct) {
    const platform = before - o.now.acct.get(psnNo)!
    const ours = acctTaken.get(psnNo) ?? 0
    if (platform !== ours)
      broken.push(`account of ${psnNo}: the platform took ${fromFen(platform).toFixed(2)}, our settled sales say ${fromFen(ours).toFixed(2)}`)
  }

  // No receipt for a sale that never settled.
  for (const id of new Set(o.printed)) {
    const s = byId.get(id)
    if (!s || !everSettled(s)) broken.push(`a receipt was printed for sale ${id.slice(0, 8)}, which is ${s ? s.state : 'unknown'} here`)
  }

  // The day's figures (every counter's, as the manager's screens count them) against the platform's ledger of the day.
  const side = new StoreSide(o.counters.flatMap((c) => c.dayItems))
  const store = { count: 0, medical: 0, fund: 0, account: 0, mutualAid: 0 }
  for (const g of side.groups.values()) {
    store.count += g.count
    store.medical += g.medical
    store.fund += g.fund
    store.account += g.account
    store.mutualAid += g.mutualAid
  }
  const day = liveEntries(o.dayLedger)
  const platform = { count: day.settlements.length - day.revokes.length, medical: 0, fund: 0, account: 0, mutualAid: 0 }
  for (const e of [...day.settlements, ...day.revokes]) {
    platform.medical += toFen(e.medfee_sumamt)
    platform.fund += toFen(e.fund_pay_sumamt)
    platform.account += toFen(e.acct_pay)
    platform.mutualAid += toFen(e.acct_mulaid_pay)
  }
  for (const k of Object.keys(store) as (keyof typeof store)[]) {
    if (store[k] !== platform[k]) broken.push(`day figures: ${k} is ${store[k]} in the store's day, ${platform[k]} in the platform's ledger of the day`)
  }

  return broken
}

/**
 * The day's reconciliation, run by the manager's own service (3201 per insurance type and clearing
 * type; 9101 + 3202 where any total disagrees) over every counter's items together, from the back
 * office's database: the platform must agree.
 */
export async function reconcileDay(office: { db: Db; audit: AuditTrail; platform: PlatformClient }, counters: CounterState[], day: string): Promise<string[]> {
  const items = counters.flatMap((c) => c.dayItems)
  const deps: ManagerDeps = {
    db: office.db,
    clock,
    audit: office.audit,
    events: new EventBus(),
    platform: {
      current: async () => ({ client: office.platform, training: false }),
      background: async () => ({ client: office.platform, training: false }),
    } as unknown as PlatformConnection,
    settings: () => ({ ...DEFAULT_SETTINGS, trainingMode: false }),
    dataDir: '',
    reversals: new ReversalsUnderWay(),
  }
  const run = await new Reconciliation(deps, { items: () => items } as unknown as DayEvents).run(day, { id: 'M001', name: '店长', role: 'manager' } as Caller)
  if (run.status === 'agreed') return []
  return [
    ...run.totals.filter((t) => !t.agreed).map((t) => `reconciliation ${t.insutype}/${t.clrType}: ${t.platformSays}`),
    ...run.differences.map((d) => `reconciliation difference: ${d.kind} ${d.setlId}`),
  ]
}
