import { PosError } from '../../../shared/contract'
import type { Allocation } from '../../../shared/contract/stock/schemas'
import { boxesAndUnits, type ItemRow, type LotRow } from './ledger'

export interface LineNeed {
  name: string
  units: number
  /** The lot each scanned box was received in (undefined: a code never scanned at a receipt). */
  codeLots: (LotRow | undefined)[]
  /** 拆零: loose units of opened boxes, taken before any box is opened (an opened box is finished first). */
  loose?: { lot: LotRow; units: number }[]
  /** The lot the cashier confirmed or picked for the units no scanned code accounts for. */
  chosen?: LotRow
}

/**
 * How strictly to allocate. `check` and `strict` refuse expired lots and (unless allowed) a shortfall;
 * `recorded` never refuses: it runs where the platform's answer is being committed, when the money has
 * moved and the boxes have left, so it records what happened (below zero if need be) rather than lose it.
 */
export type AllocationMode = { refuse: true; allowNegative: boolean } | { refuse: false }

/**
 * The lots one counter line is taken from: each box known by its traceability code from its own lot,
 * the rest first-expiry-first-out from lots not yet expired. `taken` carries what earlier lines of the
 * same sale already took, so two lines of one item cannot both count the same units.
 */
export function allocate(item: ItemRow, lots: LotRow[], need: LineNeed, today: string, mode: AllocationMode, taken: Map<string, number>): Allocation[] {
  const out = new Map<string, Allocation>()
  const available = (lot: LotRow) => lot.on_hand_units - (taken.get(lot.id) ?? 0)
  const take = (lot: LotRow, units: number, byTraceCode: boolean) => {
    const key = `${lot.id}:${byTraceCode}`
    const a = out.get(key) ?? { lotId: lot.id, lotNo: lot.lot_no, expiryDate: lot.expiry_date, units: 0, byTraceCode }
    a.units += units
    out.set(key, a)
    taken.set(lot.id, (taken.get(lot.id) ?? 0) + units)
  }
  let remaining = need.units
  for (const open of need.loose ?? []) {
    if (remaining <= 0) break
    // An opened box of an expired lot is not sold from; it waits for the manager with the rest of its lot.
    if (open.lot.expiry_date < today) continue
    const units = Math.min(remaining, open.units, mode.refuse ? Math.max(available(open.lot), 0) : open.units)
    if (units > 0) {
      take(open.lot, units, false)
      remaining -= units
    }
  }
  for (const lot of need.codeLots) {
    if (!lot || remaining <= 0) continue
    if (mode.refuse && lot.expiry_date < today) throw expired(need.name, lot)
    const units = Math.min(item.pack_size, remaining)
    if (mode.refuse && !mode.allowNegative && available(lot) < units) {
      // The box is in the cashier's hand, so the book is wrong; the store asked never to go below zero.
      throw new PosError('STOCK_INSUFFICIENT', { why: 'lotEmptyButScanned', name: need.name, lotNo: lot.lot_no })
    }
    take(lot, units, true)
    remaining -= units
  }
  if (need.chosen && remaining > 0) {
    const lot = need.chosen
    if (mode.refuse && lot.expiry_date < today) throw expired(need.name, lot)
    if (mode.refuse && !mode.allowNegative && available(lot) < remaining) {
      throw new PosError('STOCK_INSUFFICIENT', {
        why: 'lotShort',
        name: need.name,
        lotNo: lot.lot_no,
        onHand: boxesAndUnits(Math.max(available(lot), 0), item.pack_size, item.min_unit),
        needed: boxesAndUnits(remaining, item.pack_size, item.min_unit),
      })
    }
    take(lot, remaining, false)
    remaining = 0
  }
  const fresh = lots.filter((l) => l.expiry_date >= today)
  for (const lot of fresh) {
    if (remaining <= 0) break
    const units = Math.min(remaining, Math.max(available(lot), 0))
    if (units > 0) {
      take(lot, units, false)
      remaining -= units
    }
  }
  if (remaining > 0) {
    if (mode.refuse) {
      // What is short on the good lots is most likely the box in the cashier's hand from an expired one.
      const stale = lots.find((l) => l.expiry_date < today && l.on_hand_units > 0) ?? (fresh.length === 0 ? lots[lots.length - 1] : undefined)
      if (stale) throw expired(need.name, stale)
    }
    if (mode.refuse && !mode.allowNegative) {
      const left = fresh.reduce((n, l) => n + Math.max(available(l), 0), 0) + need.units - remaining
      throw new PosError('STOCK_INSUFFICIENT', {
        why: 'itemShort',
        name: need.name,
        available: boxesAndUnits(left, item.pack_size, item.min_unit),
        needed: boxesAndUnits(need.units, item.pack_size, item.min_unit),
      })
    }
    // Below zero on the lot the next box would have come from: the shortfall shows where it will be counted.
    const lot = fresh[0] ?? lots[lots.length - 1]
    if (!lot) throw new PosError('STOCK_INSUFFICIENT', { why: 'noLots', name: need.name })
    take(lot, remaining, false)
  }
  return [...out.values()]
}

function expired(name: string, lot: LotRow): PosError {
  return new PosError('STOCK_LOT_EXPIRED', { name, lotNo: lot.lot_no, expiry: lot.expiry_date, at: 'sale' })
}
