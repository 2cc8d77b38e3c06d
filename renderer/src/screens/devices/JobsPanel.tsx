import { useCallback, useEffect, useState } from 'react'
import type { PrintJobView } from '../../../../shared/receipt'
import { pos } from '../../api/pos'
import { ErrorNotice, toShownError, type ShownError, OkNotice } from '../../components/ErrorNotice'
import type { DevicesM } from './messages'
import { cstTime } from '../../i18n/beijing-time'

/**
 * Receipts that did not come out (failed, still queued or printing): retry prints the same copy,
 * reprint a new one marked as such; the preview is the job's text exactly as it goes to paper.
 */
export function JobsPanel({ m, reloadKey }: { m: DevicesM; reloadKey: number }) {
  const [jobs, setJobs] = useState<PrintJobView[]>([])
  const [preview, setPreview] = useState<{ job: PrintJobView; lines: string[] }>()
  const [error, setError] = useState<ShownError>()
  const [notice, setNotice] = useState<string>()

  const load = useCallback(
    () => pos.listPrintJobs({ states: ['failed', 'queued', 'printing'], limit: 50 }).then(setJobs, (e: unknown) => setError(toShownError(e))),
    [],
  )
  useEffect(() => {
    void load()
  }, [load, reloadKey])
  useEffect(() => pos.on('printJob', () => void load()), [load])

  async function act(fn: () => Promise<string>) {
    setError(undefined)
    setNotice(undefined)
    try {
      setNotice(await fn())
    } catch (e) {
      setError(toShownError(e))
    }
  }

  return (
    <section className="card" aria-labelledby="jobs-title">
      <h2 id="jobs-title">{m('jobsTitle')}</h2>
      <OkNotice text={notice} />
      <ErrorNotice error={error} />
      {jobs.length === 0 ? (
        <p className="devices-hint" data-testid="jobs-empty">
          {m('jobsEmpty')}
        </p>
      ) : (
        <table className="grid" data-testid="print-jobs">
          <thead>
            <tr>
              <th>{m('saleId')}</th>
              <th>{m('copy')}</th>
              <th>{m('state')}</th>
              <th>{m('reason')}</th>
              <th>{m('time')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => (
              <tr key={j.id} data-job-id={j.id}>
                <td>{j.saleId}</td>
                <td>
                  {j.kind === 'original'
                    ? m('copyOriginal')
                    : j.kind === 'corrected'
                      ? m('copyCorrected')
                      : j.kind === 'refund'
                        ? m('copyRefund')
                        : m('copyReprint', { n: j.copy })}
                </td>
                <td>
                  <span className={j.state === 'failed' ? 'tag tag-warn' : 'tag'}>{m(`state.${j.state}`)}</span>
                </td>
                <td>{j.lastError?.message ?? ''}</td>
                <td>{cstTime(j.updatedAt)}</td>
                <td className="devices-row">
                  {j.state === 'failed' && (
                    <button type="button" onClick={() => void act(async () => (await pos.retryPrintJob({ jobId: j.id }), m('retried', { id: j.id })))}>
                      {m('retry')}
                    </button>
                  )}
                  <button type="button" onClick={() => void act(async () => (await pos.reprintSale({ saleId: j.saleId }), m('reprinted', { sale: j.saleId })))}>
                    {m('reprint')}
                  </button>
                  <button type="button" onClick={() => void act(async () => (setPreview(await pos.previewPrintJob({ jobId: j.id })), ''))}>
                    {m('show')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {preview && (
        <>
          <h3>
            {m('preview')} · {preview.job.saleId}
          </h3>
          <pre className="receipt-preview" data-testid="job-preview">
            {preview.lines.join('\n')}
          </pre>
        </>
      )}
    </section>
  )
}
