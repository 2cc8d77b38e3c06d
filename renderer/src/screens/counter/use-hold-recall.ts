import { useCallback, useRef } from 'react'
import type { HeldSaleSummary, RecalledSale } from '../../../../shared/contract/sale/held'
import type { MemberView } from '../../../../shared/contract/sale/schemas'
import { pos } from '../../api/pos'
import type { CartLine } from './cart'
import type { Prescription } from './dialogs'

/** Recalled lines as the cart holds them: a 拆零 line gets its box back from the stock (the core refuses it if the stock no longer knows it). */
async function cartLines(sale: RecalledSale): Promise<CartLine[]> {
  const split = sale.lines.filter((l) => l.by === 'unit').map((l) => l.item.storeCode)
  const packs = split.length ? await pos.stockOnHand({ storeCodes: split }).catch(() => []) : []
  return sale.lines.map(({ by, ...l }) => {
    if (by !== 'unit') return l
    const p = packs.find((s) => s.storeCode.toUpperCase() === l.item.storeCode.toUpperCase())
    return { ...l, split: { packSize: p?.packSize ?? 1, minUnit: p?.minUnit || '个' } }
  })
}

export interface ParkedCart {
  lines: CartLine[]
  member?: MemberView
  acctUsed: boolean
  mulaidId?: string
  prescription?: Prescription
}

/**
 * 挂单 / 取单. The cart goes to the core's database (it survives a restart); the customer's insurance
 * identity stays only in this screen's memory, under the held number, and only until it expires as it
 * would at the counter — after that, or after a restart, the recalled sale asks for the QR code again.
 */
export function useHoldRecall() {
  const identities = useRef(new Map<number, MemberView>())

  const hold = useCallback(async (cart: ParkedCart): Promise<HeldSaleSummary> => {
    const parked = await pos.holdSale({
      lines: cart.lines.map((l) => ({
        storeCode: l.item.storeCode,
        qty: l.qty,
        traceCodes: l.traceCodes,
        by: l.split ? ('unit' as const) : ('pack' as const),
      })),
      customer: cart.member ? { nameMasked: cart.member.nameMasked, certNoMasked: cart.member.certNoMasked } : undefined,
      acctUsed: cart.acctUsed,
      mulaidId: cart.mulaidId,
      prescription: cart.prescription,
    })
    if (cart.member) identities.current.set(parked.number, cart.member)
    return parked
  }, [])

  /** The held sale, with the customer's identity when it is still valid (undefined: scan again). */
  const recall = useCallback(async (number: number, now = new Date()): Promise<{ sale: RecalledSale; lines: CartLine[]; member?: MemberView }> => {
    const sale = await pos.recallHeldSale({ number })
    const kept = identities.current.get(number)
    identities.current.delete(number)
    const member = kept && new Date(kept.expiresAt) > now ? kept : undefined
    return { sale, lines: await cartLines(sale), member }
  }, [])

  return { hold, recall }
}
