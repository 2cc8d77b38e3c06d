import { useCallback, useRef } from 'react'
import type { HeldSaleSummary, RecalledSale } from '../../../../shared/contract/sale/held'
import type { MemberView } from '../../../../shared/contract/sale/schemas'
import { pos } from '../../api/pos'
import type { CartLine } from './cart'
import type { Prescription } from './dialogs'

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
      lines: cart.lines.map((l) => ({ storeCode: l.item.storeCode, qty: l.qty, traceCodes: l.traceCodes })),
      customer: cart.member ? { nameMasked: cart.member.nameMasked, certNoMasked: cart.member.certNoMasked } : undefined,
      acctUsed: cart.acctUsed,
      mulaidId: cart.mulaidId,
      prescription: cart.prescription,
    })
    if (cart.member) identities.current.set(parked.number, cart.member)
    return parked
  }, [])

  /** The held sale, with the customer's identity when it is still valid (undefined: scan again). */
  const recall = useCallback(async (number: number, now = new Date()): Promise<{ sale: RecalledSale; member?: MemberView }> => {
    const sale = await pos.recallHeldSale({ number })
    const kept = identities.current.get(number)
    identities.current.delete(number)
    const member = kept && new Date(kept.expiresAt) > now ? kept : undefined
    return { sale, member }
  }, [])

  return { hold, recall }
}
