import { useDetailWords } from './detail-words'
import { useState } from 'react'
import type { CallOutput } from '../../../../shared/contract'
import { pos } from '../../api/pos'
import { ErrorNotice, toShownError, type ShownError } from '../../components/ErrorNotice'
import { DifferenceActionButtons } from './DifferenceActions'
import { cstDateTime } from './format'
import { useManagerMessages } from './messages'

type History = CallOutput<'reconciliationOf'>
type Run = NonNullable<History['latest']>
type Diff = Run['differences'][number]

function DifferenceRow({ run, d, onChanged }: { run: Run; d: Diff; onChanged: () => void }) {
  const m = useManagerMessages()
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ShownError>()
  async function act(action: Diff['actions'][number]) {
    setBusy(true)
    setError(undefined)
    try {
      await pos.resolveDifference({ runId: run.id, seq: d.seq, action, note: note.trim() || undefined })
      onChanged()
    } catch (e) {
      setError(toShownError(e))
    } finally {
      setBusy(false)
    }
  }
  const side = (s: Diff['store']) => (s ? `${s.medical} / ${s.fund} / ${s.account}` : '—')
  return (
    <tr className={d.resolution ? '' : 'diff-open'} data-testid={`difference-${d.seq}`}>
      <td>{d.seq}</td>
      <td>
        {m(d.kind)}
        {d.refund ? ` · ${m('refunds')}` : ''}
        {d.fields.length > 0 && <small className="muted"> {d.fields.join(', ')}</small>}
        {d.kind === 'only_platform' && (
          <small className="muted" data-testid={`other-counter-${d.seq}`}>
            <br />
            {m(d.actions.includes('reverse_orphan') ? 'otherCounterDeclaredSole' : 'otherCounterMaybe')}
          </small>
        )}
      </td>
      <td title={d.setlId}>
        {d.setlId}
        {d.saleId && <small className="muted"> {d.saleId.slice(0, 8)}</small>}
      </td>
      <td className="num">{side(d.store)}</td>
      <td className="num">{side(d.platform)}</td>
      <td>
        {d.resolution ? (
          <span>
            <span className="tag tag-ok">{m(d.resolution)}</span> {d.note && <span>{d.note}</span>} <small className="muted">{d.resolvedBy}</small>
          </span>
        ) : (
          <div className="form" style={{ gap: '0.3rem' }}>
            <input
              aria-label={`${m('explainPrompt')} ${d.seq}`}
              placeholder={m('explainPrompt')}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              maxLength={200}
            />
            <DifferenceActionButtons actions={d.actions} busy={busy} label={(a) => m(a)} onAct={(a) => void act(a)} error={error} />
          </div>
        )}
      </td>
    </tr>
  )
}

/** Reconciliation with the platform: 3201 totals, then every difference with what can be done about it. */
export function ReconPanel({
  history,
  running,
  error,
  onChanged,
}: {
  history: History | undefined
  running: boolean
  error: ShownError | undefined
  onChanged: () => void
}) {
  const m = useManagerMessages()
  const words = useDetailWords()
  const run = history?.latest
  return (
    <>
      <ErrorNotice error={error} />
      {running && <p className="busy">{m('reconRunning')}</p>}
      {!run && !running && <p className="muted">{m('reconNone')}</p>}
      {run && (
        <section className="card" style={{ maxWidth: 'none' }} aria-label={m('secRecon')}>
          <h2>
            <span data-testid="recon-status" data-status={run.status}>
              {run.status === 'agreed'
                ? m('reconAgreed')
                : run.status === 'explained'
                  ? m('reconExplained')
                  : m('reconDifferences', { n: run.differences.filter((d) => !d.resolution).length })}
            </span>{' '}
            <small className="muted">{m('reconAt', { id: run.id, at: cstDateTime(run.at), by: run.actor })}</small>
          </h2>
          <table className="grid">
            <thead>
              <tr>
                <th>{m('insurance')}</th>
                <th>{m('clrType')}</th>
                <th className="num">{m('count')}</th>
                <th className="num">{m('medical')}</th>
                <th className="num">{m('fund')}</th>
                <th className="num">{m('account')}</th>
                <th className="num">{m('mutualAid')}</th>
                <th>{m('platformSays')}</th>
              </tr>
            </thead>
            <tbody>
              {run.totals.map((t) => (
                <tr key={`${t.insutype}-${t.clrType}-${t.setlOptins}`}>
                  <td>{t.insutype}</td>
                  <td>{t.clrType}</td>
                  <td className="num">{t.count}</td>
                  <td className="num">{t.medical}</td>
                  <td className="num">{t.fund}</td>
                  <td className="num">{t.account}</td>
                  <td className="num">{t.mutualAid}</td>
                  <td>
                    <span className={t.agreed ? 'tag tag-ok' : 'tag tag-warn'}>{t.agreed ? m('agreed') : m('disagreed')}</span> {t.platformSays}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {run.differences.length > 0 && (
            <>
              <h2>{m('differences')}</h2>
              {run.detail && <p className="muted">{run.detail.says}</p>}
              <table className="grid" data-testid="differences">
                <thead>
                  <tr>
                    <th>#</th>
                    <th>{m('diffKind')}</th>
                    <th>setl_id</th>
                    <th className="num">
                      {m('storeSide')} <small>{`${m('medical')}/${m('fund')}/${m('account')}`}</small>
                    </th>
                    <th className="num">{m('platformSide')}</th>
                    <th>{m('action')}</th>
                  </tr>
                </thead>
                <tbody>
                  {run.differences.map((d) => (
                    <DifferenceRow key={`${run.id}-${d.seq}`} run={run} d={d} onChanged={onChanged} />
                  ))}
                </tbody>
              </table>
              {run.differences.some((d) => d.resolution === 'resolved' || d.resolution === 'reversed') && <p className="notice notice-warn">{m('rerun')}</p>}
            </>
          )}
        </section>
      )}
      {history && history.actions.length > 0 && (
        <section className="card" style={{ maxWidth: 'none' }}>
          <h2>{m('actions')}</h2>
          <table className="grid">
            <tbody>
              {history.actions.map((a, i) => (
                <tr key={i}>
                  <td>{cstDateTime(a.at)}</td>
                  <td>{a.actor}</td>
                  <td>{a.action}</td>
                  <td className="small">{words(a.detail)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  )
}
