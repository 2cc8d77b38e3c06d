import { useState } from 'react'
import type { StoreDifference, StoreReconRun } from '../../../../../shared/contract/sync/store-day'
import { pos } from '../../../api/pos'
import { toShownError, type ShownError } from '../../../components/ErrorNotice'
import { usePunctuation } from '../../../i18n/punctuation'
import { DifferenceActionButtons } from '../DifferenceActions'
import { cstDateTime } from '../format'
import { useStoreMessages } from './messages'

/** One difference: who owns it, why only these actions, and the explanation or the two-manager revoke. */
function DifferenceRow({ run, d, onChanged }: { run: StoreReconRun; d: StoreDifference; onChanged: () => void }) {
  const m = useStoreMessages()
  const [note, setNote] = useState('')
  const [approver, setApprover] = useState({ userId: '', pin: '' })
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ShownError>()
  async function act(action: StoreDifference['actions'][number]) {
    setBusy(true)
    setError(undefined)
    try {
      if (action === 'explain') await pos.explainStoreDifference({ runId: run.id, seq: d.seq, note: note.trim() })
      else await pos.reverseStoreOrphan({ day: run.day, runId: run.id, seq: d.seq, approval: approver, note: note.trim() || undefined })
      onChanged()
    } catch (e) {
      setError(toShownError(e))
    } finally {
      setBusy(false)
    }
  }
  const side = (s: StoreDifference['store']) => (s ? `${s.medical} / ${s.fund} / ${s.account}` : '—')
  return (
    <tr className={d.resolution ? '' : 'diff-open'} data-testid={`store-difference-${d.seq}`}>
      <td>{d.seq}</td>
      <td>{m(d.kind)}</td>
      <td title={d.setlId}>{d.setlId}</td>
      <td className="num">{side(d.store)}</td>
      <td className="num">{side(d.platform)}</td>
      <td>{d.owner ? `T${String(d.owner.terminalNo).padStart(2, '0')} ${d.owner.label}` : '—'}</td>
      <td>
        <small>{d.why}</small>
        {d.resolution ? (
          <div>
            <span className="tag tag-ok">{m(d.resolution)}</span> {d.note} <small className="muted">{d.resolvedBy}</small>
            {d.approvedBy && <small className="muted"> {m('approvedBy', { who: d.approvedBy })}</small>}
          </div>
        ) : (
          <div className="form" style={{ gap: '0.3rem' }}>
            <input
              aria-label={`${m('explainPrompt')} ${d.seq}`}
              placeholder={m('explainPrompt')}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              maxLength={200}
            />
            {d.actions.includes('reverse_orphan') && (
              <>
                <input
                  aria-label={m('approverId')}
                  placeholder={m('approverId')}
                  value={approver.userId}
                  onChange={(e) => setApprover({ ...approver, userId: e.target.value })}
                />
                <input
                  aria-label={m('approverPin')}
                  placeholder={m('approverPin')}
                  type="password"
                  value={approver.pin}
                  onChange={(e) => setApprover({ ...approver, pin: e.target.value })}
                />
              </>
            )}
            <DifferenceActionButtons actions={d.actions} busy={busy} label={(a) => m(a)} onAct={(a) => void act(a)} error={error} />
          </div>
        )}
      </td>
    </tr>
  )
}

/** The latest store reconciliation: its status, who it waited for, and every difference. */
export function StoreReconView({ run, onChanged }: { run: StoreReconRun | null; onChanged: () => void }) {
  const m = useStoreMessages()
  const p = usePunctuation()
  if (!run) return <p className="muted">{m('noRun')}</p>
  return (
    <section data-testid="store-recon">
      <p>
        <span className={run.status === 'differences' ? 'tag tag-warn' : 'tag tag-ok'} data-testid="store-recon-status">
          {m(run.status)}
        </span>{' '}
        {cstDateTime(run.at)} · {run.actor}{' '}
        {!run.complete && <span className="tag tag-warn">{m('incomplete', { who: run.waitingFor.join(p.semicolon) })}</span>}
      </p>
      {run.differences.length > 0 && (
        <table className="grid">
          <thead>
            <tr>
              <th>#</th>
              <th />
              <th>setl_id</th>
              <th>{m('medical')}</th>
              <th>{m('medical')}</th>
              <th>{m('owner')}</th>
              <th>{m('why')}</th>
            </tr>
          </thead>
          <tbody>
            {run.differences.map((d) => (
              <DifferenceRow key={d.seq} run={run} d={d} onChanged={onChanged} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
