import { fromFen, toWireNumber } from '../money/money'
import type { ReconRun } from '../contract/manager/schemas'
import type { TransactionInput, TransactionOutput } from '../nhsa'
import { INSUTYPES } from '../nhsa/codes'

/** 3201 is asked for every insurance type at these clearing types, so a type only the platform has still shows. */
const CLEARING_TYPES = ['41', '11'] as const

/** Net totals of one insurance type, clearing type and agency, integer fen (revokes subtract). */
export interface GroupTotals {
  insutype: string
  clrType: string
  setlOptins: string
  count: number
  medical: number
  fund: number
  account: number
  mutualAid: number
}

/** What 3201/3202 compare of a sale or refund: a settlement or revoke the platform also has. */
export interface PlatformRow {
  setlId: string
  mdtrtId: string
  psnNo: string
  insutype: string
  clrType: string
  clrOptins: string
  /** Where the person is insured: another region's or province's people are cleared across regions. */
  insuplcAdmdvs?: string
  refund: boolean
}

/** A day's sale or refund as the store side reads it (a counter's DayItem, the store node's StoreItem). */
export interface SideItem {
  saleId?: string
  parts: { medical: number; fund: number; account: number; mutualAid: number; personCash: number }
  platform: PlatformRow | null
}

export interface StoreDetailRow {
  setlId: string
  mdtrtId: string
  psnNo: string
  medical: number
  fund: number
  account: number
  refund: boolean
  saleId: string | null
  optins: string
}

const groupKey = (insutype: string, clrType: string, optins: string) => `${insutype}|${clrType}|${optins}`

/**
 * What the store says it did with the platform on a day, from one counter's items or every counter's:
 * net totals per insurance type, clearing type and clearing agency (revokes count negative, as 3201 wants),
 * and one detail row per settlement or revoke for 3202. `fingerprintParts` are the texts a fingerprint
 * hashes (the hash itself is Node's, outside shared/), so a close can see whether a reconciliation still
 * describes the day.
 */
export class StoreSideTotals {
  readonly groups = new Map<string, GroupTotals>()
  readonly rows: StoreDetailRow[] = []
  /** The people's cash (psn_cash_pay) by clearing agency, net: 3202's cash_payamt. */
  private readonly cash = new Map<string, number>()

  constructor(items: readonly SideItem[]) {
    for (const i of items) {
      const p = i.platform
      if (!p) continue
      const sign = p.refund ? -1 : 1
      const key = groupKey(p.insutype, p.clrType, p.clrOptins)
      let g = this.groups.get(key)
      if (!g)
        this.groups.set(
          key,
          (g = { insutype: p.insutype, clrType: p.clrType, setlOptins: p.clrOptins, count: 0, medical: 0, fund: 0, account: 0, mutualAid: 0 }),
        )
      g.count += sign
      g.medical += sign * i.parts.medical
      g.fund += sign * i.parts.fund
      g.account += sign * i.parts.account
      g.mutualAid += sign * i.parts.mutualAid
      this.cash.set(p.clrOptins, (this.cash.get(p.clrOptins) ?? 0) + sign * i.parts.personCash)
      this.rows.push({
        setlId: p.setlId,
        mdtrtId: p.mdtrtId,
        psnNo: p.psnNo,
        medical: sign * i.parts.medical,
        fund: sign * i.parts.fund,
        account: sign * i.parts.account,
        refund: p.refund,
        saleId: i.saleId ?? null,
        optins: p.clrOptins,
      })
    }
    this.rows.sort((a, b) => a.setlId.localeCompare(b.setlId))
  }

  group(insutype: string, clrType: string, setlOptins: string): GroupTotals {
    return (
      this.groups.get(groupKey(insutype, clrType, setlOptins)) ?? { insutype, clrType, setlOptins, count: 0, medical: 0, fund: 0, account: 0, mutualAid: 0 }
    )
  }

  /** Every group 3201 is asked about: each insurance type at both clearing types in `optins`, and every group the store has. */
  combos(optins: string): GroupTotals[] {
    const keys = new Map<string, { insutype: string; clrType: string; setlOptins: string }>()
    for (const insutype of Object.keys(INSUTYPES))
      for (const clrType of CLEARING_TYPES) keys.set(groupKey(insutype, clrType, optins), { insutype, clrType, setlOptins: optins })
    for (const [k, g] of this.groups) keys.set(k, g)
    return [...keys.values()].map((k) => this.group(k.insutype, k.clrType, k.setlOptins))
  }

  total(optins: string): { count: number; medical: number; fund: number; cash: number } {
    const t = { count: 0, medical: 0, fund: 0, cash: this.cash.get(optins) ?? 0 }
    for (const g of this.groups.values()) {
      if (g.setlOptins !== optins) continue
      t.count += g.count
      t.medical += g.medical
      t.fund += g.fund
    }
    return t
  }

  /**
   * The 3202 detail file as real gateways take it: headerless, one TAB-separated row per settlement or revoke in
   * DETAIL_RECON_COLUMNS' order; amounts signed, yuan with 2 decimals.
   */
  detailFile(optins: string): string {
    const yuan = (fen: number) => fromFen(fen).toFixed(2)
    const lines: string[] = []
    for (const r of this.rows) {
      if (r.optins !== optins) continue
      lines.push([r.setlId, r.mdtrtId, r.psnNo, yuan(r.medical), yuan(r.fund), yuan(r.account), r.refund ? '1' : '0'].join('\t'))
    }
    return lines.map((l) => l + '\n').join('')
  }

  /** In this order, hashed, they are the day's fingerprint (unchanged since the counter's first reconciliation). */
  fingerprintParts(): string[] {
    const parts = this.rows.map((r) => JSON.stringify([r.setlId, r.medical, r.fund, r.account, r.refund]))
    for (const [k, g] of [...this.groups.entries()].sort(([a], [b]) => a.localeCompare(b))) parts.push(JSON.stringify([k, g.mutualAid]))
    return parts
  }
}

/**
 * One group's 3201 input. The account figure follows the region's convention: where its acct_pay holds
 * mutual aid, the aid is in acct_pay and not sent apart as well.
 */
export function totalReconData(day: string, g: GroupTotals, includesMulaid: boolean): TransactionInput<'3201'>['data'] {
  const wire = (fen: number) => toWireNumber(fromFen(fen))
  return {
    insutype: g.insutype as never,
    clr_type: g.clrType as never,
    setl_optins: g.setlOptins,
    stmt_begndate: day,
    stmt_enddate: day,
    medfee_sumamt: wire(g.medical),
    fund_pay_sumamt: wire(g.fund),
    // In the region's convention; the real 3201 has no field of its own for mutual aid.
    acct_pay: wire(includesMulaid ? g.account + g.mutualAid : g.account),
    fixmedins_setl_cnt: g.count,
  }
}

/** A group's row of a reconciliation run: what the store sent, and whether the platform agreed. */
export function totalsRow(g: GroupTotals, answer: TransactionOutput<'3201'>['stmtinfo']): ReconRun['totals'][number] {
  const yuan = (fen: number) => fromFen(fen).toFixed(2)
  return {
    insutype: g.insutype,
    clrType: g.clrType,
    setlOptins: g.setlOptins,
    count: g.count,
    medical: yuan(g.medical),
    fund: yuan(g.fund),
    account: yuan(g.account),
    mutualAid: yuan(g.mutualAid),
    agreed: answer.stmt_rslt === '0',
    platformSays: answer.stmt_rslt_dscr,
  }
}
