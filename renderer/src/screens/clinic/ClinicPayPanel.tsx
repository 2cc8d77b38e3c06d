import type { Ref } from 'react'
import type { VisitView } from '../../../../shared/contract/clinic/schemas'
import { useClinicMessages } from './messages'

export interface ClinicPay {
  acctUsed: boolean
  mulaidId: string | null
}

/** The visit's payment: own account (F6) and a relative's quota (F7), the split, cash and the keys that take it. */
export function ClinicPayPanel({
  visit,
  canFees,
  pay,
  onPay,
  tendered,
  onTendered,
  onSettle,
  busy,
  tenderRef,
}: {
  visit: VisitView
  canFees: boolean
  pay: ClinicPay
  onPay: (pay: ClinicPay) => void
  tendered: string
  onTendered: (v: string) => void
  onSettle: (mobile: boolean) => void
  busy: boolean
  tenderRef: Ref<HTMLInputElement>
}) {
  const m = useClinicMessages()
  return (
    <section className="clinic-panel" aria-label={m('payTitle')}>
      <h3>{m('payTitle')}</h3>
      {canFees && (
        <div className="form">
          <label className="clinic-row">
            <input type="checkbox" checked={pay.acctUsed} onChange={(e) => onPay({ ...pay, acctUsed: e.target.checked })} />
            <kbd>F6</kbd> {m('withNote', { text: m('useAccount'), note: visit.patient.accountBalance })}
          </label>
          {/* The picker only under the provincial extension (quotas listed); nationally the platform draws them. */}
          {visit.patient.quotas.length > 0 && (
            <label className="clinic-row">
              <kbd>F7</kbd> {m('quotas')}
              <select aria-label={m('quotas')} value={pay.mulaidId ?? ''} onChange={(e) => onPay({ ...pay, mulaidId: e.target.value || null })}>
                <option value="">{m('quotaNone')}</option>
                {visit.patient.quotas.map((q) => (
                  <option key={q.mulaidId} value={q.mulaidId}>
                    {m('withNote', { text: q.payerNameMasked, note: q.relationName })}
                    {m('remaining', { n: q.remaining })}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
      )}
      {visit.split && (
        <dl className="clinic-split" data-testid="split">
          <dt>{m('medical')}</dt>
          <dd data-testid="split-medical">{visit.split.medical}</dd>
          <dt>{m('fund')}</dt>
          <dd data-testid="split-fund">{visit.split.fund}</dd>
          <dt>{m('account')}</dt>
          <dd data-testid="split-account">{visit.split.account}</dd>
          <dt>{m('mutualAid')}</dt>
          <dd data-testid="split-mutual-aid">{visit.split.mutualAid}</dd>
          {visit.split.quotaLeft !== null && visit.stage !== 'refunded' && (
            <>
              <dt>{m('quotaLeft')}</dt>
              <dd>{visit.split.quotaLeft}</dd>
            </>
          )}
          <dt>{m('cash')}</dt>
          <dd className="due" data-testid="split-cash">
            {visit.split.cashDue}
          </dd>
        </dl>
      )}
      {visit.stage === 'presettled' && (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault()
            onSettle(false)
          }}
        >
          <label>
            <span>{m('tendered')}</span>
            <input ref={tenderRef} aria-label={m('tendered')} value={tendered} inputMode="decimal" onChange={(e) => onTendered(e.target.value)} />
          </label>
          <div className="actions">
            <button type="submit" disabled={busy}>
              {m('settle')} <kbd>F10</kbd>
            </button>
            <button type="button" disabled={busy} onClick={() => onSettle(true)}>
              {m('mobile')} <kbd>F9</kbd>
            </button>
          </div>
        </form>
      )}
      {visit.settlementId && (
        <p className="muted small">
          {m('settlementNo')} {visit.settlementId}
        </p>
      )}
    </section>
  )
}
