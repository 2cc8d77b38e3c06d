import { useEffect, useState, type MutableRefObject } from 'react'
import type { CallOutput } from '../../../../shared/contract'
import { pos } from '../../api/pos'
import { ErrorNotice, toShownError, type ShownError } from '../../components/ErrorNotice'
import { useManagerMessages } from './messages'
import { ZReportView } from './ZReportView'

/** The day close: what still blocks it, the close itself, and afterwards the frozen Z report to print. */
export function ClosePanel({
  day,
  pending,
  history,
  z,
  closeRef,
  onClosed,
}: {
  day: string
  pending: CallOutput<'pendingItems'> | undefined
  history: CallOutput<'reconciliationOf'> | undefined
  z: CallOutput<'zReport'> | undefined
  /** Set to this panel's close, for the screen's F5. */
  closeRef: MutableRefObject<(() => void) | null>
  onClosed: () => void
}) {
  const m = useManagerMessages()
  const [ack, setAck] = useState(false)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ShownError>()
  const [printed, setPrinted] = useState(false)
  useEffect(() => {
    closeRef.current = () => void close()
    return () => {
      closeRef.current = null
    }
  })
  if (z) {
    return (
      <>
        <div className="notice notice-ok" role="status">
          {m('closeDone', { day })}
        </div>
        <div className="actions">
          <button type="button" onClick={() => window.print()}>
            {m('printA4')} <kbd>F9</kbd>
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => {
              setBusy(true)
              setError(undefined)
              pos
                .printZReport({ day })
                .then(
                  () => setPrinted(true),
                  (e: unknown) => setError(toShownError(e)),
                )
                .finally(() => setBusy(false))
            }}
          >
            {m('printReceipt')}
          </button>
        </div>
        {printed && <p className="muted small">{m('receiptPrinted')}</p>}
        <ErrorNotice error={error} />
        <ZReportView z={z} />
      </>
    )
  }
  const queue = pending ? pending.inBetween.length + (pending.offline?.queued ?? 0) : 0
  const run = history?.latest
  // Refused as stale, the reconciliation no longer covers the day: the checklist must not still tick it (B13).
  const stale = error?.code === 'RECON_STALE'
  async function close() {
    setBusy(true)
    setError(undefined)
    try {
      await pos.closeDay({ day, acknowledgeQueue: ack, note: note.trim() || undefined })
      onClosed()
    } catch (e) {
      setError(toShownError(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <section className="card" aria-labelledby="close-title">
      <h2 id="close-title">
        {m('closeTitle')} {day}
      </h2>
      <ul className="checklist">
        <li className={queue === 0 ? 'ok' : ''}>{queue === 0 ? m('checkQueueOk') : m('checkQueue', { n: queue })}</li>
        <li className={run && run.status !== 'differences' && !stale ? 'ok' : ''} data-testid="check-recon">
          {m('checkRecon', {
            status: !run
              ? m('checkReconNone')
              : stale
                ? m('reconStale')
                : run.status === 'agreed'
                  ? m('reconAgreed')
                  : run.status === 'explained'
                    ? m('reconExplained')
                    : m('reconDifferences', { n: run.differences.filter((d) => d.resolution !== 'explained').length }),
          })}
        </li>
      </ul>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault()
          void close()
        }}
      >
        {queue > 0 && (
          <label>
            <input type="checkbox" checked={ack} onChange={(e) => setAck(e.target.checked)} /> <span>{m('ackQueue')}</span>
          </label>
        )}
        <label>
          <span>{m('note')}</span>
          <input name="close-note" value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} />
        </label>
        <ErrorNotice error={error} />
        <div className="actions">
          <button type="submit" disabled={busy} aria-busy={busy}>
            {m('closeDay')} <kbd>F5</kbd>
          </button>
        </div>
      </form>
    </section>
  )
}
