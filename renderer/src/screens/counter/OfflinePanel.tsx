import type { OfflineQuote, OfflineSaleView } from '../../../../shared/contract/offline/schemas'
import { yuan } from '../../../../shared/money/money'
import { ageText, useOfflineMessages } from './offline-messages'
import { StorePoolNote, StorePromisesNote } from './store-pool/StorePoolNote'

const row = (label: string, value: string, testid?: string, strong = false) => (
  <div className={strong ? 'total-big' : undefined}>
    <dt>{label}</dt>
    <dd data-testid={testid}>¥{value}</dd>
  </div>
)

/** The offline estimate and what each mode asks the customer now, clearly marked as an estimate. */
export function OfflineQuotePanel({ quote, mode }: { quote: OfflineQuote; mode: 'deposit' | 'advance' }) {
  const m = useOfflineMessages()
  const e = quote.estimate
  return (
    <section className="panel split offline" aria-label={m('quoteTitle')} data-testid="offline-quote">
      <h3>{m('quoteTitle')}</h3>
      <p className="muted">
        {e.policyRegion
          ? m('estimateNote', { region: e.policyRegion, age: ageText(m, e.snapshotSeenAt) })
          : m('estimateNoPolicy', { region: quote.estimate.policyRegion ?? '—' })}
      </p>
      <dl className="totals">
        {row(m('total'), quote.total, 'offline-total')}
        {row(m('fund'), e.fund)}
        {row(m('account'), e.account)}
        {row(m('mutualAid'), e.mutualAid, 'offline-mutual-aid')}
        {row(m('personCash'), e.personCash)}
      </dl>
      <p>
        <kbd>F7</kbd> {m('modeIs', { key: m('modeKey') })}
        <strong data-testid="offline-mode">{mode === 'deposit' ? m('modeDeposit') : m('modeAdvance')}</strong>
      </p>
      <StorePromisesNote promises={quote.storePromises} />
      {mode === 'advance' && <StorePoolNote pool={quote.storePool} />}
      {quote.advance.refusal && (
        <p className="notice notice-warn" data-error-code={quote.advance.refusal.code}>
          {m('advanceRefused', { reason: quote.advance.refusal.message })}
        </p>
      )}
      <dl className="totals">
        {mode === 'advance' && row(m('advanced'), quote.advance.advanced)}
        {row(m('payNow'), mode === 'deposit' ? quote.deposit.payNow : quote.advance.payNow, 'offline-pay-now', true)}
      </dl>
    </section>
  )
}

/** A saved offline sale: what the customer paid, what happens next, and the outcome once it is in. */
export function OfflineSalePanel({ view }: { view: OfflineSaleView }) {
  const m = useOfflineMessages()
  const o = view.outcome
  const due = o ? yuan(o.due) : null
  return (
    <section className="panel done offline" role="status" aria-label={m(o ? 'answeredTitle' : 'savedTitle')} data-testid="offline-sale" data-state={view.state}>
      <h3>{m(o ? 'answeredTitle' : 'savedTitle')}</h3>
      <p>
        {view.mode === 'deposit'
          ? m('nextDeposit', { amount: yuan(view.estimate.fund).plus(view.estimate.account).plus(view.estimate.mutualAid).toFixed(2) })
          : m('nextAdvance', { amount: view.advanced })}
      </p>
      <p>
        <strong data-testid="offline-state">{view.state === 'forwarding' ? m('state_forwarding', { n: view.attempts }) : m(`state_${view.state}`)}</strong>
      </p>
      {!o && view.lastError && <p className="muted">{m('lastError', { error: view.lastError })}</p>}
      {o && o.declineReason && <p className="notice notice-error">{m('declineReason', { reason: o.declineReason })}</p>}
      {o && due && (
        <p className={view.resolution === 'closed' ? 'notice notice-ok' : 'notice notice-warn'} data-testid="offline-outcome">
          {view.resolution === 'closed'
            ? m('closed')
            : due.gt(0)
              ? m('refundDue', { amount: due.toFixed(2) })
              : m('receivable', { amount: due.negated().toFixed(2) })}
        </p>
      )}
    </section>
  )
}
