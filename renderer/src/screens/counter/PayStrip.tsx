import type { Ref } from 'react'
import type { SaleView } from '../../../../shared/contract/sale/schemas'
import { yuan } from '../../../../shared/money/money'
import { usePrinterStatus } from '../../components/DeviceStatus'
import { useCounterMessages } from './messages'

/**
 * The amounts a cashier reads aloud — due, tendered, change — pinned at the foot of the right column,
 * outside its scrolling part, so a tall customer card or split can never push them out of sight (B1).
 */
export function PayStrip({
  cashDue,
  tendered,
  onTendered,
  onEnter,
  busy,
  tenderRef,
  refundedCash,
}: {
  cashDue: string
  tendered: string
  onTendered: (v: string) => void
  onEnter: () => void
  busy: boolean
  tenderRef: Ref<HTMLInputElement>
  /** A partial return's replacement: the customer's earlier cash pays it, so only the net moves. */
  refundedCash?: string
}) {
  const m = useCounterMessages()
  const change = tendered && /^\d+(\.\d{1,2})?$/.test(tendered) ? yuan(tendered).minus(cashDue) : undefined
  return (
    <section className="panel pay-strip tender" aria-label={m('payTitle')}>
      <dl className="totals">
        <div className="total-big">
          <dt>{m('cashDue')}</dt>
          <dd data-testid="cash-due">¥{cashDue}</dd>
        </div>
      </dl>
      {refundedCash !== undefined ? (
        <ReturnNet cashDue={cashDue} refundedCash={refundedCash} />
      ) : (
        <>
          <label>
            <span>{m('tendered')}</span>
            <input
              ref={tenderRef}
              name="tendered"
              inputMode="decimal"
              placeholder={cashDue}
              value={tendered}
              disabled={busy}
              onChange={(e) => onTendered(e.target.value.trim())}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault()
                  onEnter()
                }
              }}
            />
          </label>
          <p className="total-big">
            {m('change')} <strong data-testid={change?.gte(0) ? 'change-preview' : undefined}>{change?.gte(0) ? `¥${change.toFixed(2)}` : '—'}</strong>
          </p>
        </>
      )}
    </section>
  )
}

/** One amount to hand over or collect: the refund's cash against what the kept goods cost in cash (B3). */
function ReturnNet({ cashDue, refundedCash }: { cashDue: string; refundedCash: string }) {
  const m = useCounterMessages()
  const net = yuan(cashDue).minus(refundedCash)
  const text = net.gt(0) ? m('netCollect', { amount: net.toFixed(2) }) : net.lt(0) ? m('netGiveBack', { amount: net.negated().toFixed(2) }) : m('netNone')
  return (
    <p className="total-big" data-testid="return-net">
      {text}
      <br />
      <small className="muted">{m('netHint', { refunded: refundedCash, due: cashDue })}</small>
    </p>
  )
}

/** After F10: what was paid and handed back, big, where the due amount was. */
export function PaidStrip({ sale }: { sale: SaleView }) {
  const m = useCounterMessages()
  const p = sale.payment
  return (
    <section className="panel pay-strip done" role="status" aria-label={m('settledTitle')}>
      <h3>{m('settledTitle')}</h3>
      {p && (
        <dl className="totals">
          <div>
            <dt>{m('cashDue')}</dt>
            <dd data-testid="cash-due">¥{p.cashDue}</dd>
          </div>
          {p.method === 'mobile' ? (
            <div className="total-big">
              <dt>{m('payMobile')}</dt>
              <dd data-testid="paid-mobile">¥{p.cashDue}</dd>
            </div>
          ) : (
            <>
              <div>
                <dt>{m('tendered')}</dt>
                <dd data-testid="paid-tendered">¥{p.tendered ?? '0.00'}</dd>
              </div>
              <div className="total-big">
                <dt>{m('change')}</dt>
                <dd data-testid="change">¥{p.change ?? '0.00'}</dd>
              </div>
            </>
          )}
        </dl>
      )}
      {p && p.owed !== '0.00' && <p className="notice notice-error">{m('owed', { amount: p.owed })}</p>}
      {sale.receiptJobId !== null && <ReceiptLine jobId={sale.receiptJobId} />}
      <p className="muted small">{m('nextSale')}</p>
    </section>
  )
}

/**
 * What became of the receipt, honestly: "sent to the printer" only when there is one that can print; a
 * receipt kept for later is said to be kept (B11).
 */
function ReceiptLine({ jobId }: { jobId: number }) {
  const m = useCounterMessages()
  const printer = usePrinterStatus()
  const state = printer?.state
  const text =
    state === 'disabled'
      ? m('receiptNoPrinter')
      : state && !['online', 'slow', 'unknown'].includes(state)
        ? m('receiptNotPrinted', { why: printer.message })
        : m('receiptQueued', { id: jobId })
  return (
    <p className="small" data-testid="receipt-line" data-printer={state}>
      {text}
    </p>
  )
}
