import { createHash } from 'node:crypto'
import type { StoreFigures, StoreReport } from '../../../shared/contract/sync/store-day'
import { fromFen } from '../../../shared/money/money'
import { StoreSideTotals } from '../../../shared/recon/store-side'
import type { ItemParts, StoreItem } from './items'

const yuan = (fen: number) => fromFen(fen).toFixed(2)

/** The whole store's side of a day (shared/recon/store-side.ts), with the fingerprint the store close checks. */
export class StoreSideOf extends StoreSideTotals {
  fingerprint(): string {
    const h = createHash('sha256')
    for (const part of this.fingerprintParts()) h.update(part)
    return h.digest('hex')
  }
}

const PART_NAMES = ['medical', 'fund', 'account', 'mutualAid', 'hospital', 'goods', 'cash', 'mobile'] as const

/** A day's running figures, net (a refund subtracts); also what HQ adds store days with. */
export class Tally {
  sales = 0
  refunds = 0
  insuredCount = 0
  readonly fen: Record<(typeof PART_NAMES)[number], number> = { medical: 0, fund: 0, account: 0, mutualAid: 0, hospital: 0, goods: 0, cash: 0, mobile: 0 }

  add(i: StoreItem): void {
    const sign = i.kind === 'refund' ? -1 : 1
    if (i.kind === 'refund') this.refunds += 1
    else this.sales += 1
    if (i.platform) this.insuredCount += sign
    for (const k of PART_NAMES) this.fen[k] += sign * (i.parts as ItemParts)[k]
  }

  figures(): StoreFigures {
    const f = this.fen
    return {
      sales: this.sales,
      refunds: this.refunds,
      insuredCount: this.insuredCount,
      medical: yuan(f.medical),
      fund: yuan(f.fund),
      account: yuan(f.account),
      mutualAid: yuan(f.mutualAid),
      hospital: yuan(f.hospital),
      goods: yuan(f.goods),
      cash: yuan(f.cash),
      mobile: yuan(f.mobile),
    }
  }
}

function tallied<K>(items: readonly StoreItem[], keyOf: (i: StoreItem) => K | null, id: (k: K) => string): Map<string, { key: K; tally: Tally }> {
  const out = new Map<string, { key: K; tally: Tally }>()
  for (const i of items) {
    const k = keyOf(i)
    if (k === null) continue
    let e = out.get(id(k))
    if (!e) out.set(id(k), (e = { key: k, tally: new Tally() }))
    e.tally.add(i)
  }
  return out
}

/**
 * The store's figures for a set of items with sections per counter (every registered counter, a quiet one
 * at zero), per cashier and, once the counters' sales carry shift ids, per shift.
 */
export function storeReport(storeId: string, day: string, items: readonly StoreItem[], labels: ReadonlyMap<number, string>): StoreReport {
  const all = new Tally()
  for (const i of items) all.add(i)
  const counters = tallied(items, (i) => i.terminalNo, String)
  for (const no of labels.keys()) if (!counters.has(String(no))) counters.set(String(no), { key: no, tally: new Tally() })
  const cashiers = tallied(
    items,
    (i) => ({ terminalNo: i.terminalNo, cashier: i.cashier }),
    (k) => `${k.terminalNo}|${k.cashier}`,
  )
  const shifts = tallied(
    items,
    (i) => (i.shiftId ? { terminalNo: i.terminalNo, shiftId: i.shiftId } : null),
    (k) => `${k.terminalNo}|${k.shiftId}`,
  )
  const byNo = <T extends { terminalNo: number }>(a: T, b: T) => a.terminalNo - b.terminalNo
  return {
    storeId,
    day,
    figures: all.figures(),
    byCounter: [...counters.values()]
      .map(({ key, tally }) => ({ terminalNo: key, label: labels.get(key) ?? '门店服务器', figures: tally.figures() }))
      .sort(byNo),
    byCashier: [...cashiers.values()]
      .map(({ key, tally }) => ({ ...key, figures: tally.figures() }))
      .sort((a, b) => byNo(a, b) || a.cashier.localeCompare(b.cashier)),
    byShift: [...shifts.values()]
      .map(({ key, tally }) => ({ ...key, figures: tally.figures() }))
      .sort((a, b) => byNo(a, b) || a.shiftId.localeCompare(b.shiftId)),
  }
}
