import type { JournalStatus } from '../../../../shared/contract/sale/schemas'
import { useCounterMessages } from './messages'

/** What start-up recovery found and did, in words, so the cashier knows nobody was charged twice. */
export function RecoveryBanner({ status }: { status?: JournalStatus }) {
  const m = useCounterMessages()
  if (!status) return null
  const reversed = status.recovered.filter((r) => r.outcome === 'reversed')
  return (
    <>
      {status.recovering && (
        <div className="notice notice-warn" role="status" aria-busy="true" data-testid="recovering">
          {m('recovering')}
        </div>
      )}
      {reversed.length > 0 && (
        <div className="notice notice-warn" role="status" data-testid="recovered">
          {m('recovered', { n: reversed.length, ids: reversed.map((r) => r.saleId.slice(0, 8)).join(m('listSep')) })}
        </div>
      )}
      {status.unresolved > 0 && !status.recovering && (
        <div className="notice notice-error" role="alert" data-error-code="SETTLEMENT_UNRESOLVED">
          {m('unresolved', { n: status.unresolved })}
        </div>
      )}
      {status.platform.error && (
        <div className="notice notice-error" role="alert" data-error-code="PLATFORM_UNAVAILABLE">
          {status.platform.error}
        </div>
      )}
    </>
  )
}
