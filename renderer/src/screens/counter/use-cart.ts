import { useCallback, useState } from 'react'
import type { CatalogItem } from '../../../../shared/catalog/schemas'
import type { Discount } from '../../../../shared/contract/sale/discount'
import type { RecalledSale } from '../../../../shared/contract/sale/held'
import type { MemberView } from '../../../../shared/contract/sale/schemas'
import type { CallInput } from '../../../../shared/contract'
import { yuan } from '../../../../shared/money/money'
import { addItem, type CartLine } from './cart'
import type { Prescription } from './dialogs'

/** The cart as the cashier builds it before checkout: lines, the customer, how they pay, the prescription. */
export function useCart() {
  const [lines, setLines] = useState<CartLine[]>([])
  const [selected, setSelected] = useState(0)
  const [member, setMember] = useState<MemberView>()
  /** When the customer identified offline was last seen online (the snapshot's age is shown). */
  const [snapshotSeenAt, setSnapshotSeenAt] = useState<string>()
  const [acctUsed, setAcctUsed] = useState(true)
  const [mulaidId, setMulaidId] = useState<string>()
  const [prescription, setPrescription] = useState<Prescription>()
  const [saleDiscount, setSaleDiscount] = useState<Discount>()

  const clear = useCallback(() => {
    setLines([])
    setSelected(0)
    setMember(undefined)
    setMulaidId(undefined)
    setAcctUsed(true)
    setPrescription(undefined)
    setSaleDiscount(undefined)
    setSnapshotSeenAt(undefined)
  }, [])

  const identified = useCallback((view: MemberView, seenAt: string | undefined) => {
    setSnapshotSeenAt(seenAt)
    setMember(view)
    // acct_used_flag also lets the platform draw relatives' quotas, so it is on without an own account too (F6 declines).
    setAcctUsed(true)
    // A relative's quota is offered first when there is one; the cashier changes it with F7.
    setMulaidId(view.quotas.find((q) => yuan(q.remaining).gt(0))?.mulaidId)
  }, [])

  /** Adds the item (a finished sale's lines are gone first); the added line is selected. */
  const add = useCallback((item: CatalogItem, fresh: boolean) => {
    setLines((prev) => {
      const next = addItem(fresh ? [] : prev, item)
      setSelected(next.index)
      return next.lines
    })
  }, [])

  const removeSelected = () => {
    if (!lines.length) return
    setLines(lines.filter((_, i) => i !== selected))
    setSelected(Math.max(0, Math.min(selected, lines.length - 2)))
  }

  const cycleQuota = () => {
    if (!member) return
    const ids = [undefined, ...member.quotas.map((q) => q.mulaidId)]
    setMulaidId(ids[(ids.indexOf(mulaidId) + 1) % ids.length])
  }

  /** A held sale back on the counter, with its customer when their identity is still valid. */
  const restore = (back: { sale: RecalledSale; lines: CartLine[]; member?: MemberView }) => {
    setLines(back.lines)
    setPrescription(back.sale.prescription ?? undefined)
    setAcctUsed(back.sale.acctUsed)
    if (back.member) {
      setMember(back.member)
      setMulaidId(back.sale.mulaidId ?? undefined)
    }
  }

  /** The cart as checkoutSale takes it: store codes and quantities only, the core prices everything. */
  const request = (rx: Prescription | undefined, discountApproval?: { userId: string; pin: string }): CallInput<'checkoutSale'> => ({
    memberRef: member?.ref,
    lines: lines.map((l) => ({
      storeCode: l.item.storeCode,
      qty: l.qty,
      traceCodes: l.traceCodes,
      by: l.split ? ('unit' as const) : ('pack' as const),
      lotId: l.lotId,
      discount: l.discount,
    })),
    acctUsed,
    mulaidId,
    prescription: rx,
    saleDiscount,
    discountApproval,
  })

  return {
    lines,
    setLines,
    selected,
    setSelected,
    member,
    snapshotSeenAt,
    acctUsed,
    setAcctUsed,
    mulaidId,
    prescription,
    setPrescription,
    saleDiscount,
    setSaleDiscount,
    clear,
    identified,
    add,
    removeSelected,
    cycleQuota,
    restore,
    request,
  }
}

export type Cart = ReturnType<typeof useCart>
