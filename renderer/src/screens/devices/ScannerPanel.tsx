import { useState } from 'react'
import type { ScannerStatusView, SerialPortInfoSchema } from '../../../../shared/contract/devices/schemas'
import type { ScanEvent } from '../../../../shared/scan'
import type { z } from 'zod'
import { pos } from '../../api/pos'
import { ErrorNotice, toShownError, type ShownError } from '../../components/ErrorNotice'
import type { ScannerDraft } from './drafts'
import { shownScanText } from '../../../../shared/contract/devices/shown-scan'
import type { DevicesM } from './messages'
import { cstTime } from '../../i18n/beijing-time'

type Port = z.infer<typeof SerialPortInfoSchema>
const BAUD_RATES = ['9600', '19200', '38400', '57600', '115200']

export interface ScannerPanelProps {
  m: DevicesM
  draft: ScannerDraft
  onDraft: (d: ScannerDraft) => void
  status: ScannerStatusView | undefined
  scans: ScanEvent[]
  busy: boolean
  error: ShownError | undefined
  onSave: () => void
}

/** Scanner settings, their live state, a field to try a scanner in, and the last scans (masked). */
export function ScannerPanel({ m, draft, onDraft, status, scans, busy, error, onSave }: ScannerPanelProps) {
  const [ports, setPorts] = useState<Port[]>()
  const [portError, setPortError] = useState<ShownError>()
  const [trial, setTrial] = useState('')
  const set = <K extends keyof ScannerDraft>(key: K, value: ScannerDraft[K]) => onDraft({ ...draft, [key]: value })
  const text = (key: 'interByteTimeoutMs' | 'reconnectMs' | 'maxGapMs' | 'minLength' | 'confirmAfter' | 'prefixes', label: string, placeholder?: string) => (
    <label>
      <span>{label}</span>
      <input name={key} value={draft[key]} placeholder={placeholder} onChange={(e) => set(key, e.target.value)} />
    </label>
  )
  const check = (key: 'serialEnabled' | 'wedgeEnabled', label: string) => (
    <label>
      <span>{label}</span>
      <input type="checkbox" name={key} checked={draft[key]} onChange={(e) => set(key, e.target.checked)} />
    </label>
  )

  return (
    <section className="card" aria-labelledby="scanner-title">
      <h2 id="scanner-title">{m('scannerTitle')}</h2>
      <div role="status" aria-live="polite" data-testid="scanner-status">
        {status?.serial.length ? (
          status.serial.map((s) => (
            <p key={s.device} className="devices-row" data-state={s.state}>
              <code>{s.device}</code> <strong>{s.message}</strong>
            </p>
          ))
        ) : (
          <p className="devices-hint">{m('noSerial')}</p>
        )}
        <p className="devices-hint">{status?.wedge.enabled ? m('wedgeOn') : m('wedgeOff')}</p>
      </div>
      <form
        className="form"
        aria-label={m('scannerTitle')}
        onSubmit={(e) => {
          e.preventDefault()
          onSave()
        }}
      >
        {check('serialEnabled', m('serialEnabled'))}
        <label>
          <span>{m('serialPath')}</span>
          <span className="devices-row">
            <input name="path" list="serial-ports" value={draft.path} placeholder="COM3 / /dev/ttyACM0" onChange={(e) => set('path', e.target.value)} />
            <button
              type="button"
              onClick={() =>
                void pos.listSerialPorts({}).then(
                  (p) => (setPorts(p), setPortError(undefined)),
                  (e: unknown) => setPortError(toShownError(e)),
                )
              }
            >
              {m('findPorts')}
            </button>
          </span>
        </label>
        <datalist id="serial-ports">
          {ports?.map((p) => (
            <option key={p.path} value={p.path}>
              {[p.manufacturer, p.vendorId && `${p.vendorId}:${p.productId ?? ''}`].filter(Boolean).join(' ')}
            </option>
          ))}
        </datalist>
        {ports && <p className="devices-hint">{m('portsFound', { n: ports.length })}</p>}
        <ErrorNotice error={portError} />
        <label>
          <span>{m('baudRate')}</span>
          <select name="baudRate" value={draft.baudRate} onChange={(e) => set('baudRate', e.target.value)}>
            {(BAUD_RATES.includes(draft.baudRate) ? BAUD_RATES : [draft.baudRate, ...BAUD_RATES]).map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{m('terminator')}</span>
          <select name="terminator" value={draft.terminator} onChange={(e) => set('terminator', e.target.value as ScannerDraft['terminator'])}>
            {(['CR', 'LF', 'CRLF', 'TAB', 'none'] as const).map((t) => (
              <option key={t} value={t}>
                {m(`term.${t}`)}
              </option>
            ))}
          </select>
        </label>
        {text('interByteTimeoutMs', m('interByte'))}
        {text('reconnectMs', m('reconnect'))}
        {check('wedgeEnabled', m('wedgeEnabled'))}
        {text('maxGapMs', m('maxGap'))}
        {text('minLength', m('minLength'))}
        {text('confirmAfter', m('confirmAfter'))}
        {text('prefixes', m('prefixes'), m('prefixesHint'))}
        <ErrorNotice error={error} />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {m('saveScanner')} <kbd>F10</kbd>
          </button>
        </div>
      </form>
      <h3>{m('scanTest')}</h3>
      <label className="form">
        <span className="devices-hint">{m('scanTestHint')}</span>
        <input name="scan-test" aria-label={m('scanTest')} value={trial} onChange={(e) => setTrial(e.target.value)} />
      </label>
      <h3>{m('lastScans')}</h3>
      {scans.length === 0 ? (
        <p className="devices-hint">{m('noScans')}</p>
      ) : (
        <ul className="scan-list" data-testid="last-scans">
          {scans.map((s, i) => (
            <li key={`${s.at}-${i}`} data-kind={s.result.kind}>
              <span>{cstTime(s.at)}</span>
              <span className="tag">{m(`source.${s.source}`)}</span>
              <strong>{m(`scan.${s.result.kind}`)}</strong>
              <code>{shownScanText(s.result)}</code>
              {s.result.kind === 'unknown' && <span className="devices-hint">{s.result.reason}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
