import { useEffect, useRef, useState } from 'react'
import type { MobilePaymentView } from '../../../../shared/contract/sale/mobile'
import type { SaleView } from '../../../../shared/contract/sale/schemas'
import { pos } from '../../api/pos'
import { Dialog } from '../../components/Dialog'
import { ErrorNotice, toShownError, type ShownError } from '../../components/ErrorNotice'
import { useMobilePayMessages } from './mobile-pay-messages'

/**
 * 付款码: the cash part paid by the customer's WeChat Pay or Alipay code, scanned here. Nothing is taken as
 * paid until the provider confirms it (B10); while the customer enters a password the dialog says so and
 * Esc cancels (撤销) instead of closing. An insured sale is settled with the platform first, so its cash
 * part is what the platform says, and a failed code leaves it owed: another code, or F10 for cash.
 */
export function MobilePayDialog({
  sale,
  amount,
  onPaid,
  onClose,
}: {
  sale: SaleView
  amount: string
  onPaid: (sale: SaleView) => void
  onClose: (sale?: SaleView) => void
}) {
  const m = useMobilePayMessages()
  const [current, setCurrent] = useState(sale)
  const [code, setCode] = useState('')
  const [payment, setPayment] = useState<MobilePaymentView>()
  const [busy, setBusy] = useState<'paying' | 'cash'>()
  const [error, setError] = useState<ShownError>()
  const codeBox = useRef<HTMLInputElement>(null)
  const owedNow = current.state === 'settled' ? (current.payment?.owed ?? '0.00') : amount

  useEffect(() => pos.on('mobilePayChanged', ({ payment: p }) => p.saleId === sale.id && setPayment(p)), [sale.id])
  // Training mode pays into the sandbox provider: a trainee without a phone practises with a made-up code.
  const [practice, setPractice] = useState<string>()
  useEffect(() => {
    pos.journalStatus({}).then(
      (s) => s.platform.paymentsUrl && setPractice(practiceCode()),
      () => undefined,
    )
  }, [])

  const pay = async () => {
    const authCode = code.trim()
    if (busy || !authCode) return
    setCode('')
    setError(undefined)
    setPayment(undefined)
    setBusy('paying')
    try {
      let s = current
      if (s.state === 'presettled') {
        s = await pos.settleSale({ saleId: s.id, payment: { method: 'mobile' } })
        setCurrent(s)
        // The funds and accounts paid it all: nothing is left for the code.
        if (s.payment?.owed === '0.00') return onPaid(s)
      }
      const p = await pos.payMobile({ saleId: s.id, authCode })
      setPayment(p)
      if (p.state === 'paid') onPaid(await pos.getSale({ saleId: s.id }))
    } catch (e) {
      setError(toShownError(e))
    } finally {
      setBusy(undefined)
      // The next scan lands in the code box again (a disabled or blurred box would swallow it, B6).
      codeBox.current?.focus()
    }
  }

  const takeCash = async () => {
    if (busy || current.state !== 'settled') return
    setBusy('cash')
    try {
      onPaid(await pos.collectCash({ saleId: current.id, tendered: owedNow }))
    } catch (e) {
      setError(toShownError(e))
    } finally {
      setBusy(undefined)
    }
  }

  const escape = () => {
    if (busy === 'paying') void pos.cancelMobilePay({ saleId: current.id }).catch((e: unknown) => setError(toShownError(e)))
    else if (!busy) onClose(current.state === 'settled' ? current : undefined)
  }

  const waiting = busy === 'paying'
  const status = waiting ? (payment?.state === 'paying' ? m('paying') : m('sending')) : statusText(payment, m)
  return (
    <Dialog
      title={m('title')}
      onSubmit={() => void pay()}
      onClose={escape}
      busy={Boolean(busy)}
      keys={[{ key: 'F10', action: () => void takeCash(), disabled: Boolean(busy) || current.state !== 'settled' }]}
    >
      <p className="total-big">
        {m('amount')} <strong data-testid="mobile-amount">¥{owedNow}</strong>
      </p>
      {current.state === 'presettled' && <p className="muted small">{m('insuredFirst')}</p>}
      <label>
        <span>{m('codeLabel')}</span>
        <input
          ref={codeBox}
          name="pay-code"
          autoFocus
          autoComplete="off"
          inputMode="numeric"
          maxLength={64}
          value={code}
          readOnly={waiting}
          onChange={(e) => setCode(e.target.value)}
        />
      </label>
      <p className="muted small">{m('codeHint')}</p>
      {practice && (
        <p className="small">
          <button
            type="button"
            data-testid="practice-pay-code"
            data-code={practice}
            onClick={() => {
              setCode(practice)
              setPractice(practiceCode())
              codeBox.current?.focus()
            }}
          >
            {m('practice')}
          </button>
        </p>
      )}
      {status && (
        <p
          className={payment?.state === 'declined' || payment?.state === 'cancelled' ? 'notice notice-error' : 'notice'}
          role="status"
          data-testid="mobile-status"
          data-state={waiting ? (payment?.state ?? 'sending') : payment?.state}
        >
          <span>
            {payment && `${m(payment.wallet)} · `}
            {status}
          </span>
        </p>
      )}
      <ErrorNotice error={error} />
      <div className="actions">
        <button type="submit" disabled={Boolean(busy) || !code.trim()}>
          {m('pay')} <kbd>Enter</kbd>
        </button>
        {current.state === 'settled' && (
          <button type="button" disabled={Boolean(busy)} onClick={() => void takeCash()}>
            {m('cash')} <kbd>F10</kbd>
          </button>
        )}
        <button type="button" onClick={escape}>
          {waiting ? m('cancelWait') : m('close')} <kbd>Esc</kbd>
        </button>
      </div>
    </Dialog>
  )
}

function statusText(p: MobilePaymentView | undefined, m: ReturnType<typeof useMobilePayMessages>): string | undefined {
  if (!p) return undefined
  switch (p.state) {
    case 'paid':
      return m('paid', { amount: p.amount })
    case 'declined':
      return m('declined', { reason: p.reason ?? '' })
    case 'cancelled':
      return m('cancelled', { reason: p.reason ?? '' })
    case 'cancelling':
      return m('cancelling')
    default:
      return m('paying')
  }
}

/** A made-up WeChat Pay code (18 digits from 13) for training: the sandbox provider takes any code once. */
function practiceCode(): string {
  const digits = crypto.getRandomValues(new Uint32Array(4)).reduce((acc, n) => acc + String(n).padStart(10, '0'), '')
  return `13${digits.slice(0, 16)}`
}
