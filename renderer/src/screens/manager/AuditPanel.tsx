import { useDetailWords } from './detail-words'
import { useCallback, useEffect, useState } from 'react'
import type { CallOutput } from '../../../../shared/contract'
import { pos } from '../../api/pos'
import { ErrorNotice, toShownError, type ShownError } from '../../components/ErrorNotice'
import { cstDateTime } from './format'
import { useManagerMessages } from './messages'

/** Verifies the audit trail's hash chain and lists its latest rows. */
export function AuditPanel({ active, tick }: { active: boolean; tick: number }) {
  const m = useManagerMessages()
  const words = useDetailWords()
  const [check, setCheck] = useState<CallOutput<'verifyAudit'>>()
  const [rows, setRows] = useState<CallOutput<'auditEntries'>>([])
  const [error, setError] = useState<ShownError>()
  const verify = useCallback(() => {
    pos.verifyAudit({}).then(
      (c) => {
        setError(undefined)
        setCheck(c)
      },
      (e: unknown) => setError(toShownError(e)),
    )
    pos.auditEntries({ limit: 100 }).then(setRows, (e: unknown) => setError(toShownError(e)))
  }, [])
  useEffect(() => {
    if (active) verify()
  }, [active, verify, tick])
  const older = () => {
    const last = rows[rows.length - 1]
    if (last)
      pos.auditEntries({ limit: 100, before: last.seq }).then(
        (more) => setRows([...rows, ...more]),
        (e: unknown) => setError(toShownError(e)),
      )
  }
  return (
    <>
      <div className="actions">
        <button type="button" onClick={verify}>
          {m('auditVerify')} <kbd>F5</kbd>
        </button>
      </div>
      <ErrorNotice error={error} />
      {check &&
        (check.ok ? (
          <div className="notice notice-ok" role="status" data-testid="audit-result" data-ok="true">
            {m('auditOk', { n: check.entries })} <small className="hash">{check.head}</small>
          </div>
        ) : (
          <div className="notice notice-error" role="alert" data-testid="audit-result" data-ok="false">
            {m('auditBroken', { reason: check.reason ?? '' })}
          </div>
        ))}
      <section className="card" style={{ maxWidth: 'none' }}>
        <h2>{m('auditEntries')}</h2>
        <div className="scroll-table">
          <table className="grid">
            <thead>
              <tr>
                <th>{m('seq')}</th>
                <th>{m('time')}</th>
                <th>{m('actor')}</th>
                <th>{m('action')}</th>
                <th>{m('subject')}</th>
                <th>{m('detail')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.seq}>
                  <td>{r.seq}</td>
                  <td>{cstDateTime(r.at)}</td>
                  <td>{r.actor}</td>
                  <td>{r.action}</td>
                  <td title={r.subject}>{r.subject.slice(0, 24)}</td>
                  <td className="small" title={r.detail}>
                    {words(r.detail).slice(0, 160)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {rows.length > 0 && rows[rows.length - 1].seq > 1 && (
          <button type="button" onClick={older}>
            {m('older')}
          </button>
        )}
      </section>
    </>
  )
}
