import { useState } from 'react'
import type { CallOutput } from '../../../../shared/contract'
import { pos } from '../../api/pos'
import { ErrorNotice, toShownError, type ShownError, OkNotice } from '../../components/ErrorNotice'
import { cstDateTime } from './format'
import { OfflineSettingsForm } from './OfflineSettingsForm'
import { RegionPolicyEditor } from './region-policy/RegionPolicyEditor'
import { useManagerMessages } from './messages'

type Pending = CallOutput<'pendingItems'>
type Item = Pending['inBetween'][number]

type Row = Item & { owed?: string; amount?: string }

function Sales({ items, extra, actions }: { items: Row[]; extra?: 'owed' | 'amount'; actions?: (item: Row) => React.ReactNode }) {
  const m = useManagerMessages()
  if (items.length === 0) return <p className="muted">{m('nothing')}</p>
  return (
    <table className="grid">
      <thead>
        <tr>
          <th>{m('saleId')}</th>
          <th>{m('kind')}</th>
          <th>{m('time')}</th>
          <th>{m('cashier')}</th>
          <th>{m('member')}</th>
          <th className="num">{m('total')}</th>
          {extra && <th className="num">{m(extra === 'owed' ? 'owed' : 'total')}</th>}
          {actions && <th />}
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr key={i.saleId}>
            <td title={i.saleId}>{i.saleId.slice(0, 8)}</td>
            <td>
              {i.state}
              {i.infno ? ` · ${i.infno}` : ''}
            </td>
            <td>{cstDateTime(i.since)}</td>
            <td>{i.cashier}</td>
            <td>{i.memberNameMasked ?? ''}</td>
            <td className="num">{i.total}</td>
            {extra && <td className="num">{extra === 'owed' ? i.owed : i.amount}</td>}
            {actions && <td>{actions(i)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** What is still open: in-between sales, unpaid balances, failed receipts, and the offline queue (when this build has one). */
export function PendingPanel({ pending, onChanged }: { pending: Pending | undefined; onChanged: () => void }) {
  const m = useManagerMessages()
  const [error, setError] = useState<ShownError>()
  const [notice, setNotice] = useState<string>()
  if (!pending) return null
  /** One manager action: the call, then what to say once it succeeded. */
  async function act(call: () => Promise<unknown>, done: string) {
    setError(undefined)
    try {
      await call()
      setNotice(done)
      onChanged()
    } catch (e) {
      setError(toShownError(e))
    }
  }
  const resolve = (saleId: string, action: 'refunded' | 'collected' | 'written_off') => act(() => pos.resolveOffline({ saleId, action }), m('offlineResolved'))
  const reissue = (saleId: string) => act(() => pos.reissueHeldOffline({ saleId }), m('reissued'))
  const retry = (jobId: number) => act(() => pos.retryPrintJob({ jobId }), m('retried'))
  return (
    <div className="manager-grid">
      <section className="card">
        <h2>{m('inBetween')}</h2>
        <p className="muted small">{m('inBetweenHint')}</p>
        <Sales items={pending.inBetween} />
      </section>
      <section className="card">
        <h2>{m('unpaid')}</h2>
        <Sales items={pending.unpaid} extra="owed" />
      </section>
      <section className="card">
        <h2>{m('failedPrints')}</h2>
        <ErrorNotice error={error} />
        <OkNotice text={notice} />
        {pending.failedPrints.length === 0 ? (
          <p className="muted">{m('nothing')}</p>
        ) : (
          <table className="grid">
            <tbody>
              {pending.failedPrints.map((j) => (
                <tr key={j.jobId}>
                  <td>{j.saleId.slice(0, 8)}</td>
                  <td>{cstDateTime(j.at)}</td>
                  <td className="small">{j.error}</td>
                  <td>
                    <button type="button" onClick={() => void retry(j.jobId)}>
                      {m('retry')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card">
        <h2>{m('offline')}</h2>
        {pending.offline === null ? (
          <p className="muted" data-testid="offline-missing">
            {m('offlineMissing')}
          </p>
        ) : (
          <>
            <p data-testid="offline-queued">{m('offlineQueued', { n: pending.offline.queued })}</p>
            {pending.offline.held.length > 0 && (
              <div className="notice notice-error" role="alert" data-testid="offline-held">
                <strong>{m('heldTitle', { n: pending.offline.held.length })}</strong>
                <p>{m('heldHint')}</p>
                <ul>
                  {pending.offline.held.map((h) => (
                    <li key={h.msgid}>
                      {h.saleId.slice(0, 8)} · {h.infno} · {h.msgid} · {cstDateTime(h.since)} · {h.total}{' '}
                      <button type="button" onClick={() => void reissue(h.saleId)}>
                        {m('reissue')}
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <h3>{m('receivables')}</h3>
            <Sales
              items={pending.offline.receivables}
              extra="amount"
              actions={(i) => (
                <>
                  <button type="button" onClick={() => void resolve(i.saleId, 'collected')}>
                    {m('collected')}
                  </button>{' '}
                  <button type="button" onClick={() => void resolve(i.saleId, 'written_off')}>
                    {m('writtenOff')}
                  </button>
                </>
              )}
            />
            <h3>{m('refundsOwed')}</h3>
            <Sales
              items={pending.offline.refundsOwed}
              extra="amount"
              actions={(i) => (
                <button type="button" onClick={() => void resolve(i.saleId, 'refunded')}>
                  {m('handedBack')}
                </button>
              )}
            />
          </>
        )}
      </section>
      <OfflineSettingsForm />
      <RegionPolicyEditor />
    </div>
  )
}
