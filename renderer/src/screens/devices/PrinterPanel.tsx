import type { CallOutput } from '../../../../shared/contract'
import type { PrinterStatus } from '../../../../shared/receipt'
import { ErrorNotice, type ShownError } from '../../components/ErrorNotice'
import { usePunctuation } from '../../i18n/punctuation'
import type { PrinterDraft } from './drafts'
import type { DevicesM } from './messages'

export interface PrinterPanelProps {
  m: DevicesM
  draft: PrinterDraft
  onDraft: (d: PrinterDraft) => void
  view: CallOutput<'getPrinterSettings'> | undefined
  status: PrinterStatus | undefined
  preview: { target: string; lines: string[] } | undefined
  busy: boolean
  error: ShownError | undefined
  onSave: () => void
  onTest: () => void
  onDrawer: () => void
  onRefresh: () => void
}

/** The printer form: where the printer is, the paper, the drawer; test page with its preview. */
export function PrinterPanel({ m, draft, onDraft, view, status, preview, busy, error, onSave, onTest, onDrawer, onRefresh }: PrinterPanelProps) {
  const p = usePunctuation()
  const set = <K extends keyof PrinterDraft>(key: K, value: PrinterDraft[K]) => onDraft({ ...draft, [key]: value })
  const text = (key: 'host' | 'port' | 'path' | 'printerName' | 'timeoutMs' | 'slowAfterMs' | 'feedBeforeCut', label: string, placeholder?: string) => (
    <label>
      <span>{label}</span>
      <input
        name={key}
        value={draft[key]}
        placeholder={placeholder}
        inputMode={/Ms|port|feed/.test(key) ? 'numeric' : undefined}
        onChange={(e) => set(key, e.target.value)}
      />
    </label>
  )
  const check = (key: 'enabled' | 'openDrawerForCash' | 'statusQuery', label: string) => (
    <label>
      <span>{label}</span>
      <input type="checkbox" name={key} checked={draft[key]} onChange={(e) => set(key, e.target.checked)} />
    </label>
  )

  return (
    <section className="card" aria-labelledby="printer-title">
      <h2 id="printer-title">{m('printerTitle')}</h2>
      <p className="devices-row" role="status" aria-live="polite" data-testid="printer-status" data-state={status?.state}>
        <span>
          {m('status')}
          {p.colon}
        </span>
        <strong>{status?.message ?? '…'}</strong>
        {status?.target && <code>{status.target}</code>}
      </p>
      <form
        className="form"
        aria-label={m('printerTitle')}
        onSubmit={(e) => {
          e.preventDefault()
          onSave()
        }}
      >
        {/* Nothing can be typed before the stored settings arrive: they would overwrite it (B18). */}
        <fieldset className="plain" disabled={!view} aria-busy={!view}>
          {check('enabled', m('enabled'))}
          <label>
            <span>{m('connection')}</span>
            <select name="kind" value={draft.kind} onChange={(e) => set('kind', e.target.value as PrinterDraft['kind'])}>
              <option value="tcp">{m('kind.tcp')}</option>
              <option value="device">{m('kind.device')}</option>
              <option value="driver">{m('kind.driver')}</option>
            </select>
          </label>
          {draft.kind === 'tcp' && (
            <>
              {text('host', m('host'), '192.168.1.50')}
              {text('port', m('port'), '9100')}
            </>
          )}
          {draft.kind === 'device' && text('path', m('path'), m('pathHint'))}
          {draft.kind === 'driver' && (
            <>
              {text('printerName', m('printerName'))}
              {view && !view.driverAvailable && <p className="devices-hint">{m('driverMissing')}</p>}
            </>
          )}
          <label>
            <span>{m('paper')}</span>
            <select name="paper" value={draft.paper} onChange={(e) => set('paper', e.target.value as PrinterDraft['paper'])}>
              <option value="58">{m('paper.58')}</option>
              <option value="80">{m('paper.80')}</option>
            </select>
          </label>
          <label>
            <span>{m('codePage')}</span>
            <span>
              <strong>{view?.codePage ?? 'GB18030'}</strong> <span className="devices-hint">{m('codePageHint')}</span>
            </span>
          </label>
          {check('openDrawerForCash', m('openDrawer'))}
          {check('statusQuery', m('statusQuery'))}
          {text('timeoutMs', m('timeoutMs'))}
          {text('slowAfterMs', m('slowAfterMs'))}
          {text('feedBeforeCut', m('feedBeforeCut'))}
        </fieldset>
        <ErrorNotice error={error} />
        <div className="actions">
          <button type="submit" disabled={busy || !view}>
            {m('savePrinter')} <kbd>F9</kbd>
          </button>
          <button type="button" disabled={busy} onClick={onTest}>
            {m('testPrint')} <kbd>F2</kbd>
          </button>
          <button type="button" disabled={busy} onClick={onDrawer}>
            {m('openDrawerNow')} <kbd>F3</kbd>
          </button>
          <button type="button" onClick={onRefresh}>
            {m('refresh')} <kbd>F5</kbd>
          </button>
        </div>
      </form>
      {preview && (
        <>
          <h3>
            {m('preview')} <code>{preview.target}</code>
          </h3>
          <pre className="receipt-preview" data-testid="print-preview">
            {preview.lines.join('\n')}
          </pre>
        </>
      )}
    </section>
  )
}
