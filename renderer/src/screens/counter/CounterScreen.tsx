import { useContext, useEffect, useRef, useState } from 'react'
import { classifyScan } from '../../../../shared/scan'
import { ErrorNotice, OkNotice } from '../../components/ErrorNotice'
import { ActiveContext, FunctionKeyBar } from '../../components/FunctionKeys'
import { useHeldKeys, type HeldKeyWords } from '../../components/use-held-keys'
import { useShownAfter } from '../../components/use-shown-after'
import type { WorkspaceProps } from '../../shell/workspace'
import { useUnsavedWork } from '../../shell/unsaved-work'
import { useOnHand } from '../stock/on-hand'
import { discountText } from './cart'
import { CartTable, SaleLines } from './CartTable'
import { CounterAside } from './CounterAside'
import { CounterDialogs } from './CounterDialogs'
import { counterKeys, type CounterDialog } from './counter-keys'
import { useCounterMessages } from './messages'
import { useOfflineMessages } from './offline-messages'
import { RecoveryBanner } from './RecoveryBanner'
import { ScanBox } from './ScanBox'
import { ShiftBanner } from './ShiftBanner'
import { useShiftMessages } from './shift-messages'
import { useCart } from './use-cart'
import { useCheckout } from './use-checkout'
import { useCounterLinks } from './use-counter-links'
import { useCounterScan } from './use-counter-scan'
import { TraceCheckNote } from './store-refund/TraceCheckNote'

const LOOKUP_SAID_AFTER_MS = 150

/** The pharmacy checkout: scanner and function keys run a whole sale without the mouse. */
export function CounterScreen({ settings }: WorkspaceProps) {
  const m = useCounterMessages()
  const om = useOfflineMessages()
  const sm = useShiftMessages()
  const { line, journal } = useCounterLinks()
  const cart = useCart()
  const checkout = useCheckout(cart)
  const [dialog, setDialog] = useState<CounterDialog>()
  const scan = useCounterScan(cart, checkout, line, () => setDialog(undefined))
  const { lines, selected, member, prescription, saleDiscount } = cart
  const { phase, busy, error, paying } = checkout
  // The cart's items' stock: their box sizes offer 拆零 in the quantity dialog (F3).
  const onHand = useOnHand(lines.map((l) => l.item.storeCode))
  const packOf = (storeCode: string) => {
    const s = onHand.get(storeCode.toUpperCase())
    return s && s.packSize > 1 ? { packSize: s.packSize, minUnit: s.minUnit || m('minUnitDefault') } : undefined
  }
  const scanRef = useRef<HTMLInputElement>(null)
  const tenderRef = useRef<HTMLInputElement>(null)
  const active = useContext(ActiveContext)
  const heldWords: HeldKeyWords = {
    duringStep: (k) => m('keyDuringStep', { key: k.key, label: k.label }),
    unavailable: (k) => m('keyHeldUnavailable', { key: k.key, label: k.label }),
    afterFailure: (k) => m('keyHeldAfterFailure', { key: k.key, label: k.label }),
  }
  // A scan's lookup and an identification only add to the sale: a key pressed meanwhile runs after them.
  const waiting = busy === 'lookup' || busy === 'identify' ? 'lookup' : busy ? 'step' : undefined
  // A scan's lookup answers in milliseconds: its busy line is said only when it takes long enough to read.
  const slowBusy = useShownAfter(waiting === 'lookup' ? busy : undefined, LOOKUP_SAID_AFTER_MS)
  const shownBusy = waiting === 'lookup' ? slowBusy : busy
  const keys = useHeldKeys(counterKeys({ m, om, sm, cart, checkout, dialog, setDialog }), waiting, Boolean(error), heldWords)

  useUnsavedWork(checkout.hasSale || paying)

  // Keyboard first: whenever nothing else needs the keys, they go to the scan box.
  // `active` turns true again after an unlock or a tab switch: the next scan must land in the box (B6).
  const approving = Boolean(checkout.discountApproval)
  useEffect(() => {
    if (dialog || approving || busy || !active) return
    if ((phase.kind === 'review' && phase.refundedCash === undefined) || phase.kind === 'offline') tenderRef.current?.focus()
    else scanRef.current?.focus()
  }, [dialog, approving, phase, busy, error, active])

  const { setSelected } = cart
  useEffect(() => {
    const onArrow = (e: KeyboardEvent) => {
      if (dialog || phase.kind !== 'cart' || !lines.length) return
      const target = e.target as HTMLElement
      if (target.closest('.scan-hits') || (target as HTMLInputElement).value) return
      if (e.key === 'ArrowDown') setSelected((s) => Math.min(s + 1, lines.length - 1))
      else if (e.key === 'ArrowUp') setSelected((s) => Math.max(s - 1, 0))
    }
    window.addEventListener('keydown', onArrow)
    return () => window.removeEventListener('keydown', onArrow)
  }, [dialog, phase.kind, lines.length, setSelected])

  const sale = phase.kind === 'cart' ? undefined : phase.sale

  return (
    <div className="workspace counter">
      <div className="counter-main">
        <div className="counter-left">
          <RecoveryBanner status={journal} />
          <ShiftBanner tick={phase.kind} />
          <ScanBox ref={scanRef} disabled={paying || Boolean(dialog)} onSubmit={(t, h) => void scan.onScanned(classifyScan(t), h)} onPick={scan.add} />
          <ErrorNotice error={error} />
          <OkNotice text={checkout.notice} />
          <TraceCheckNote checked={checkout.traceChecked} />
          {saleDiscount && phase.kind === 'cart' && lines.length > 0 && (
            <p className="tag" data-testid="sale-discount-tag">
              {m('saleDiscountTag', { text: discountText(saleDiscount) })}
            </p>
          )}
          {shownBusy && (
            <p aria-busy="true" className="busy">
              {m(shownBusy === 'settle' ? 'settling' : shownBusy === 'presettle' ? 'presettling' : shownBusy === 'identify' ? 'identifying' : 'searching')}
            </p>
          )}
          {keys.refusal && (
            <p role="status" className="busy" data-testid="key-refused">
              {keys.refusal}
            </p>
          )}
          <div className="cart-scroll">
            {sale && !lines.length ? (
              <SaleLines sale={sale} />
            ) : (
              <CartTable
                lines={lines}
                selected={selected}
                hasMember={Boolean(member)}
                sale={sale}
                onLot={phase.kind === 'cart' ? (i, lotId) => cart.setLines(lines.map((l, j) => (j === i ? { ...l, lotId } : l))) : undefined}
              />
            )}
          </div>
          {prescription && (
            <p className="muted">
              {m('prescriptionSet', { rxno: prescription.rxno ?? '—', pharmacist: sale?.prescription?.pharmacist ?? prescription.pharmacist })}{' '}
              {phase.kind === 'cart' && (
                <button type="button" className="link" onClick={() => setDialog('rx')}>
                  {m('rxEdit')}
                </button>
              )}
            </p>
          )}
        </div>
        <CounterAside
          phase={phase}
          member={member}
          acctUsed={cart.acctUsed}
          mulaidId={cart.mulaidId}
          snapshotSeenAt={cart.snapshotSeenAt}
          lines={lines}
          practice={settings.trainingMode && !paying ? (qrCode) => void scan.identify({ qrCode }) : undefined}
          pay={{
            cashDue: checkout.cashDue,
            tendered: checkout.tendered,
            onTendered: checkout.setTendered,
            onEnter: () => void checkout.settle('cash'),
            busy: Boolean(busy),
            tenderRef,
          }}
        />
      </div>
      <FunctionKeyBar keys={keys.keys} />
      <CounterDialogs cart={cart} checkout={checkout} dialog={dialog} setDialog={setDialog} identify={scan.identify} packOf={packOf} />
    </div>
  )
}
