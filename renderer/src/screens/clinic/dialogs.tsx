import { useEffect, useState, type ReactNode } from 'react'
import type { CallOutput } from '../../../../shared/contract'
import { pos } from '../../api/pos'
import { Dialog } from '../../components/Dialog'
import { useLocale } from '../../i18n'
import { STAGE_LABELS, useClinicMessages } from './messages'

/** The app's dialog (Enter submits, Esc closes) with the front desk's confirm and close buttons. */
function ClinicDialog({
  title,
  children,
  onSubmit,
  onClose,
  busy,
}: {
  title: string
  children: ReactNode
  onSubmit?: () => void
  onClose: () => void
  busy?: boolean
}) {
  const m = useClinicMessages()
  return (
    <Dialog title={title} busy={busy} onClose={onClose} onSubmit={() => onSubmit?.()}>
      {children}
      <div className="actions">
        {onSubmit && (
          <button type="submit" disabled={busy}>
            {m('confirm')} <kbd>Enter</kbd>
          </button>
        )}
        <button type="button" onClick={onClose}>
          {m('close')} <kbd>Esc</kbd>
        </button>
      </div>
    </Dialog>
  )
}

export function ApprovalDialog({
  busy,
  onClose,
  onSubmit,
}: {
  busy: boolean
  onClose: () => void
  onSubmit: (approval: { userId: string; pin: string }, reason: string) => void
}) {
  const m = useClinicMessages()
  const [userId, setUserId] = useState('')
  const [pin, setPin] = useState('')
  const [reason, setReason] = useState('')
  return (
    <ClinicDialog title={m('refundTitle')} busy={busy} onClose={onClose} onSubmit={() => onSubmit({ userId, pin }, reason)}>
      <label>
        <span>{m('managerId')}</span>
        <input autoFocus aria-label={m('managerId')} value={userId} onChange={(e) => setUserId(e.target.value)} />
      </label>
      <label>
        <span>{m('managerPin')}</span>
        <input type="password" aria-label={m('managerPin')} value={pin} onChange={(e) => setPin(e.target.value)} />
      </label>
      <label>
        <span>{m('reason')}</span>
        <input aria-label={m('reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
    </ClinicDialog>
  )
}

export function ReasonDialog({ busy, onClose, onSubmit }: { busy: boolean; onClose: () => void; onSubmit: (reason: string) => void }) {
  const m = useClinicMessages()
  const [reason, setReason] = useState('')
  return (
    <ClinicDialog title={m('cancelTitle')} busy={busy} onClose={onClose} onSubmit={() => onSubmit(reason)}>
      <label>
        <span>{m('reason')}</span>
        <input autoFocus aria-label={m('reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
    </ClinicDialog>
  )
}

/** The day's visits; ↑↓ and Enter open one, so an unfinished visit is picked up where it stopped. */
export function VisitListDialog({ onClose, onOpen }: { onClose: () => void; onOpen: (id: string) => void }) {
  const m = useClinicMessages()
  const locale = useLocale()
  const [rows, setRows] = useState<CallOutput<'clinicListVisits'>>([])
  const [sel, setSel] = useState(0)
  useEffect(() => {
    pos.clinicListVisits({}).then(setRows, () => setRows([]))
  }, [])
  return (
    <ClinicDialog title={m('listTitle')} onClose={onClose}>
      <table
        className="grid"
        tabIndex={0}
        autoFocus
        aria-label={m('list')}
        ref={(el) => el?.focus()}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setSel((s) => Math.min(s + 1, rows.length - 1))
          else if (e.key === 'ArrowUp') setSel((s) => Math.max(s - 1, 0))
          else if (e.key === 'Enter' && rows[sel]) {
            e.preventDefault()
            onOpen(rows[sel].id)
          }
        }}
      >
        <thead>
          <tr>
            <th>{m('colTime')}</th>
            <th>{m('colPatient')}</th>
            <th>{m('colType')}</th>
            <th>{m('colDept')}</th>
            <th className="num">{m('colTotal')}</th>
            <th>{m('colStage')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                {m('listEmpty')}
              </td>
            </tr>
          )}
          {rows.map((r, i) => (
            <tr key={r.id} className={i === sel ? 'selected' : undefined} onClick={() => onOpen(r.id)} data-visit={r.id} data-stage={r.stage}>
              <td>{new Date(r.createdAt).toLocaleTimeString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' })}</td>
              <td>{r.nameMasked}</td>
              <td>{r.medTypeName}</td>
              <td>
                {r.department} · {r.doctor}
              </td>
              <td className="num">{r.total}</td>
              <td>
                {STAGE_LABELS[locale][r.stage]}
                {r.open && <span className="tag tag-warn"> {m('resumable')}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ClinicDialog>
  )
}
