import { createHash } from 'node:crypto'
import { DETAIL_RECON_HEADER } from '../../../shared/nhsa/transactions'
import type { DayItem } from './day-events'
import { yuanText } from './totals'

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

export interface StoreDetailRow {
  setlId: string
  mdtrtId: string
  psnNo: string
  medical: number
  fund: number
  account: number
  refund: boolean
  saleId: string
  optins: string
}

/**
 * What the store says it did with the platform on a day: net totals per insurance type, clearing type
 * and clearing agency (revokes count negative, as 3201 wants), and one detail row per settlement or
 * revoke for 3202. The fingerprint lets a day close see whether a reconciliation still describes the day.
 */
export class StoreSide {
  readonly groups = new Map<string, GroupTotals>()
  readonly rows: StoreDetailRow[] = []

  constructor(items: DayItem[]) {
    for (const i of items) {
      const p = i.platform
      if (!p) continue
      const sign = p.refund ? -1 : 1
      const key = groupKey(p.insutype, p.clrType, p.clrOptins)
      let g = this.groups.get(key)
      if (!g) {
        g = { insutype: p.insutype, clrType: p.clrType, setlOptins: p.clrOptins, count: 0, medical: 0, fund: 0, account: 0, mutualAid: 0 }
        this.groups.set(key, g)
      }
      g.count += sign
      g.medical += sign * i.parts.medical
      g.fund += sign * i.parts.fund
      g.account += sign * i.parts.account
      g.mutualAid += sign * i.parts.mutualAid
      this.rows.push({
        setlId: p.setlId,
        mdtrtId: p.mdtrtId,
        psnNo: p.psnNo,
        medical: sign * i.parts.medical,
        fund: sign * i.parts.fund,
        account: sign * i.parts.account,
        refund: p.refund,
        saleId: i.saleId,
        optins: p.clrOptins,
      })
    }
    this.rows.sort((a, b) => a.setlId.localeCompare(b.setlId))
  }

  group(insutype: string, clrType: string, setlOptins: string): GroupTotals {
    return this.groups.get(groupKey(insutype, clrType, setlOptins)) ?? { insutype, clrType, setlOptins, count: 0, medical: 0, fund: 0, account: 0, mutualAid: 0 }
  }

  total(optins: string): { count: number; medical: number; fund: number } {
    let count = 0
    let medical = 0
    let fund = 0
    for (const g of this.groups.values()) {
      if (g.setlOptins !== optins) continue
      count += g.count
      medical += g.medical
      fund += g.fund
    }
    return { count, medical, fund }
  }

  /** The 3202 detail file: header line, then TAB-separated rows; amounts signed, yuan with 2 decimals. */
  detailFile(optins: string): string {
    const lines = [DETAIL_RECON_HEADER.join('\t')]
    for (const r of this.rows) {
      if (r.optins !== optins) continue
      lines.push([r.setlId, r.mdtrtId, r.psnNo, yuanText(r.medical), yuanText(r.fund), yuanText(r.account), r.refund ? '1' : '0'].join('\t'))
    }
    return lines.join('\n') + '\n'
  }

  fingerprint(): string {
    const h = createHash('sha256')
    for (const r of this.rows) h.update(JSON.stringify([r.setlId, r.medical, r.fund, r.account, r.refund]))
    for (const [k, g] of [...this.groups.entries()].sort(([a], [b]) => a.localeCompare(b))) h.update(JSON.stringify([k, g.mutualAid]))
    return h.digest('hex')
  }
}

function groupKey(insutype: string, clrType: string, optins: string) {
  return `${insutype}|${clrType}|${optins}`
}

