import { ConfirmDialog } from '../../components/ConfirmDialog'
import { isInsured, type SplitUnit } from './cart'
import type { CounterDialog } from './counter-keys'
import { DiscountApprovalDialog, PrescriptionDialog, QtyDialog } from './dialogs'
import { CredentialDialog, type CredentialInput } from '../../components/credential/CredentialDialog'
import { HeldSalesDialog } from './HeldSalesDialog'
import { useCounterMessages } from './messages'
import { MobilePayDialog } from './MobilePayDialog'
import { SalesHistory } from './SalesHistory'
import { ShiftDialog } from './ShiftDialog'
import type { Cart } from './use-cart'
import type { Checkout } from './use-checkout'

interface Props {
  cart: Cart
  checkout: Checkout
  dialog: CounterDialog
  setDialog: (d: CounterDialog) => void
  identify: (input: CredentialInput) => Promise<void>
  /** The box an item is split from (拆零), when the stock knows it. */
  packOf: (storeCode: string) => SplitUnit | undefined
}

/** The counter's dialogs: one open at a time, each closing back to the scan box. */
export function CounterDialogs({ cart, checkout, dialog, setDialog, identify, packOf }: Props) {
  const m = useCounterMessages()
  const close = () => setDialog(undefined)
  const { phase, busy, cashDue } = checkout
  const line = cart.lines[cart.selected]
  return (
    <>
      {dialog === 'member' && <CredentialDialog busy={busy === 'identify'} onDone={(input) => (input ? void identify(input) : close())} />}
      {dialog === 'qty' && line && (
        <QtyDialog
          qty={line.qty}
          split={line.split}
          pack={packOf(line.item.storeCode)}
          boxUnit={line.item.unit}
          discount={line.discount}
          insured={isInsured(line, Boolean(cart.member))}
          saleDiscount={cart.saleDiscount}
          onDone={(qty, split, discount, whole) => {
            close()
            if (!qty) return
            cart.setLines(cart.lines.map((l, i) => (i === cart.selected ? { ...l, qty, split, discount } : l)))
            cart.setSaleDiscount(whole)
          }}
        />
      )}
      {checkout.discountApproval && (
        <DiscountApprovalDialog
          message={checkout.discountApproval.message}
          busy={busy === 'presettle'}
          onDone={(approval) =>
            approval ? void checkout.presettleWith(checkout.discountApproval!.prescription, approval) : checkout.setDiscountApproval(undefined)
          }
        />
      )}
      {dialog === 'rx' && (
        <PrescriptionDialog
          value={cart.prescription}
          onDone={(p) => {
            close()
            cart.setPrescription(p)
            // Asked for by F8: pre-settle at once rather than make the cashier press F8 again (B12).
            if (p && !cart.prescription && cart.lines.some((l) => l.item.rxFlag)) void checkout.presettleWith(p)
          }}
        />
      )}
      {dialog === 'clear' && (
        <ConfirmDialog
          title={m('clearTitle')}
          onCancel={close}
          onConfirm={() => {
            close()
            checkout.newSale()
          }}
        >
          <p>
            {m('clearText', {
              lines: cart.lines.length,
              member: cart.member ? m('clearMember', { name: cart.member.nameMasked }) : '',
              rx: cart.prescription ? m('clearRx') : '',
            })}
          </p>
        </ConfirmDialog>
      )}
      {dialog === 'mobile' && phase.kind === 'review' && (
        <MobilePayDialog
          sale={phase.sale}
          amount={cashDue}
          onPaid={(sale) => {
            close()
            checkout.setPhase({ kind: 'done', sale })
          }}
          onClose={(settled) => {
            close()
            // Settled with the platform but not paid by code: the sale is done and its cash part shown as owed.
            if (settled) checkout.setPhase({ kind: 'done', sale: settled })
          }}
        />
      )}
      {dialog === 'mobile' && phase.kind === 'offline' && (
        <ConfirmDialog
          title={m('mobileTitle')}
          onCancel={close}
          onConfirm={() => {
            close()
            void checkout.settle('mobile')
          }}
        >
          <p className="total-big" data-testid="mobile-amount">
            ¥{cashDue}
          </p>
          <p>{m('mobileText', { amount: cashDue })}</p>
        </ConfirmDialog>
      )}
      {dialog === 'shift' && <ShiftDialog onClose={close} />}
      {dialog === 'held' && <HeldSalesDialog onRecall={(n) => void checkout.recall(n).then(close)} onClose={close} />}
      {dialog === 'history' && (
        <SalesHistory
          onClose={close}
          onNotice={checkout.setNotice}
          onReplacement={(replacement, refundedCash) => {
            close()
            checkout.payReplacement(replacement, refundedCash)
          }}
        />
      )}
    </>
  )
}
