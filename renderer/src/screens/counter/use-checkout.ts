import { useCallback, useEffect, useState } from 'react'
import { useCallRunner } from '../../components/use-call-runner'
import type { SaleView } from '../../../../shared/contract/sale/schemas'
import { pos } from '../../api/pos'
import { toShownError } from '../../components/ErrorNotice'
import { checkoutBlock } from './cart'
import type { Prescription } from './dialogs'
import { useCounterMessages } from './messages'
import { useOfflineMessages } from './offline-messages'
import type { Phase } from './phase'
import type { Cart } from './use-cart'
import { useHoldRecall } from './use-hold-recall'

export type Busy = 'identify' | 'presettle' | 'settle' | 'lookup' | 'hold' | undefined

/** Kept on the voided draft's audit trail when the cashier goes back to change the cart. */
const BACK_TO_CART_REASON = '收银员返回修改'

/**
 * The counter's sale from F8 to the receipt: checkout (one core call that opens, pre-settles or estimates,
 * and voids on refusal), the offline mode, taking the money, holding and recalling, and what the screen
 * says while it happens.
 */
export function useCheckout(cart: Cart) {
  const m = useCounterMessages()
  const om = useOfflineMessages()
  const held = useHoldRecall()
  const [phase, setPhase] = useState<Phase>({ kind: 'cart' })
  const { busy, error, setError, run } = useCallRunner<NonNullable<Busy>>()
  const [tendered, setTendered] = useState('')
  const [notice, setNotice] = useState<string>()
  /** How far the box codes were checked when the sale opened: across the store, or only here (store node down). */
  const [traceChecked, setTraceChecked] = useState<'store' | 'counter'>()
  /** Set while the cart's discounts wait for a manager's PIN (DISCOUNT_NEEDS_APPROVAL). */
  const [discountApproval, setDiscountApproval] = useState<{ message: string; prescription: Prescription | undefined }>()

  // A saved offline sale's outcome arrives when the queue forwards it: the screen follows.
  useEffect(
    () => pos.on('offlineSaleChanged', ({ sale: view }) => setPhase((p) => (p.kind === 'offlineDone' && p.view.saleId === view.saleId ? { ...p, view } : p))),
    [],
  )

  const fail = (e: unknown) => setError(toShownError(e))

  const { clear } = cart
  const newSale = useCallback(() => {
    clear()
    setTendered('')
    setPhase({ kind: 'cart' })
    setNotice(undefined)
    setError(undefined)
    setTraceChecked(undefined)
  }, [clear, setError])

  const finished = phase.kind === 'done' || phase.kind === 'offlineDone'
  const paying = phase.kind === 'review' || phase.kind === 'offline'
  const hasSale = !finished && (cart.lines.length > 0 || Boolean(cart.member) || Boolean(cart.prescription))

  /** F8. Returns 'prescription' when the prescription dialog must come first. */
  const presettle = async (): Promise<'prescription' | undefined> => {
    if (phase.kind !== 'cart' || !cart.lines.length) return
    const block = checkoutBlock(cart.lines, Boolean(cart.member), Boolean(cart.prescription))
    if (block === 'prescription') return block
    if (block) {
      const missing = cart.lines[block.line]
      cart.setSelected(block.line)
      setError({ code: 'TRACE_CODES_MISSING', message: m('tracesMissing', { name: missing.item.name, qty: missing.qty, scanned: missing.traceCodes.length }) })
      return
    }
    await presettleWith(cart.prescription)
  }

  const presettleWith = async (prescription: Prescription | undefined, approval?: { userId: string; pin: string }) => {
    let needsApproval: string | undefined
    const done = await run('presettle', () =>
      pos.checkoutSale(cart.request(prescription, approval)).catch((e: unknown) => {
        // Above the store's threshold: the manager approves in a dialog and the same cart is checked out again.
        if ((e as { code?: string }).code === 'DISCOUNT_NEEDS_APPROVAL' && !approval) needsApproval = toShownError(e).message
        throw e
      }),
    )
    if (!done) {
      if (needsApproval) {
        setError(undefined)
        setDiscountApproval({ message: needsApproval, prescription })
      }
      return
    }
    setDiscountApproval(undefined)
    setTendered('')
    setTraceChecked(done.sale.traceCodesChecked)
    if (done.kind === 'offline') setPhase({ kind: 'offline', sale: done.sale, quote: done.quote, mode: done.mode })
    else setPhase({ kind: 'review', sale: done.sale })
  }

  const cashDue =
    phase.kind === 'review'
      ? (phase.sale.split?.cashDue ?? phase.sale.total)
      : phase.kind === 'offline'
        ? phase.mode === 'deposit'
          ? phase.quote.deposit.payNow
          : phase.quote.advance.payNow
        : '0.00'

  const toggleMode = () => {
    if (phase.kind !== 'offline') return
    if (phase.mode === 'deposit' && phase.quote.advance.refusal)
      return setError({ code: phase.quote.advance.refusal.code, message: phase.quote.advance.refusal.message })
    setError(undefined)
    setPhase({ ...phase, mode: phase.mode === 'deposit' ? 'advance' : 'deposit' })
  }

  const backToCart = (sale?: SaleView) => {
    if (sale && (sale.state === 'presettled' || sale.state === 'draft')) void pos.voidSale({ saleId: sale.id, reason: BACK_TO_CART_REASON }).catch(fail)
    setPhase({ kind: 'cart' })
  }

  const settle = async (method: 'cash' | 'mobile') => {
    if (phase.kind === 'offline') {
      const payment = method === 'mobile' ? ({ method } as const) : ({ method, tendered: tendered.trim() || cashDue } as const)
      const view = await run('settle', () => pos.settleOffline({ saleId: phase.sale.id, mode: phase.mode, payment }))
      if (view) setPhase({ kind: 'offlineDone', sale: await pos.getSale({ saleId: phase.sale.id }), view })
      return
    }
    if (phase.kind !== 'review') return
    // A partial return's replacement is paid from the cash of the sale it replaces: nothing is tendered,
    // so no change is recorded; the net was handed over or collected as one amount (B3).
    const cash = phase.refundedCash !== undefined ? cashDue : tendered.trim() || cashDue
    const payment = method === 'mobile' ? ({ method } as const) : ({ method, tendered: cash } as const)
    const sale = await run('settle', () => pos.settleSale({ saleId: phase.sale.id, payment }))
    if (sale) {
      setPhase({ kind: 'done', sale })
    } else {
      // Refused or reversed: the sale is open again; show its state from the core.
      pos.getSale({ saleId: phase.sale.id }).then(
        (s) => s.state === 'draft' && backToCart(s),
        () => undefined,
      )
    }
  }

  // The customer may still be here when the outcome arrives: they can leave with the corrected receipt.
  const printOffline = (saleId: string) =>
    pos.printOfflineReceipt({ saleId }).then((job) => setNotice(om(job.kind === 'corrected' ? 'correctedPrinted' : 'receiptReprinted', { id: job.id })), fail)

  const hold = async () => {
    if (phase.kind !== 'cart' || !cart.lines.length) return
    const { lines, member, acctUsed, mulaidId, prescription } = cart
    const parked = await run('hold', () => held.hold({ lines, member, acctUsed, mulaidId, prescription }))
    if (!parked) return
    newSale()
    setNotice(m('heldNotice', { number: parked.number }))
  }

  const recall = async (number: number) => {
    const back = await run('lookup', () => held.recall(number))
    if (!back) return
    newSale()
    cart.restore(back)
    const r = back.sale
    setNotice(r.customer && !back.member ? m('recalledReidentify', { number, name: r.customer.nameMasked }) : m('recalledNotice', { number }))
    if (r.missing.length) setError({ code: 'HELD_ITEMS_MISSING', message: m('recalledMissing', { codes: r.missing.join(m('listSep')) }) })
  }

  /** A partial return's replacement, pre-settled by the core, is paid here from the refunded sale's cash. */
  const payReplacement = (replacement: SaleView, refundedCash: string) => {
    cart.setLines([])
    setTendered('')
    setPhase({ kind: 'review', sale: replacement, refundedCash })
  }

  return {
    phase,
    setPhase,
    tendered,
    setTendered,
    busy,
    error,
    setError,
    notice,
    setNotice,
    traceChecked,
    discountApproval,
    setDiscountApproval,
    run,
    newSale,
    finished,
    paying,
    hasSale,
    cashDue,
    presettle,
    presettleWith,
    toggleMode,
    backToCart,
    settle,
    printOffline,
    hold,
    recall,
    payReplacement,
  }
}

export type Checkout = ReturnType<typeof useCheckout>
