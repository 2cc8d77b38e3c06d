import { useImperativeHandle, useRef, useState, type Ref } from 'react'
import {
  UPLOAD_TOO_LARGE,
  uploadFits,
  type CatalogOverview,
  type ImportList,
  type ImportOutcome,
  type ImportProgressEvent,
  type ImportSource,
  type NationalList,
} from '../../../../shared/contract/catalog/schemas'
import { pos } from '../../api/pos'
import { ErrorNotice, toShownError, type ShownError } from '../../components/ErrorNotice'
import { PublishedNotice } from '../settings/PublishedNotice'
import { useMasterDataMode, usePublish } from '../settings/useStoreMode'
import { useCatalogMessages, type CatalogMessages } from './messages'
import { usePunctuation } from '../../i18n/punctuation'

const LIST_LABEL = { '1301': 'list1301', '1306': 'list1306', store: 'listStore' } as const

/** The screen's function keys for downloading each national list. */
export const DOWNLOAD_KEY = { '1301': 'F6', '1306': 'F7' } as const

export function listLabel(m: CatalogMessages, list: ImportList): string {
  return m(LIST_LABEL[list])
}

interface Upload {
  name: string
  size: number
  content: string
}

export interface ImportPanelHandle {
  start(): void
  /** Downloads a national list from the platform, then imports it like a file. */
  download(list: NationalList): void
  focus(): void
}

export interface ImportPanelProps {
  overview: CatalogOverview | undefined
  progress: ImportProgressEvent | null
  outcome: ImportOutcome | null
  /** What the screen's F-keys do here. */
  handle: Ref<ImportPanelHandle>
  cancelling: boolean
  onCancel: () => void
  /** Store mode: this counter's pull applied the generation the manager published here. */
  onApplied: () => void
}

/** Choose a list and a file, start; the bar follows the worker; a refusal names its line and reason. */
export function ImportPanel({ overview, progress, outcome, handle, cancelling, onCancel, onApplied }: ImportPanelProps) {
  const m = useCatalogMessages()
  const [list, setList] = useState<ImportList>('store')
  const [path, setPath] = useState('')
  const [upload, setUpload] = useState<Upload | null>(null)
  const [error, setError] = useState<ShownError>()
  /** The list being fetched from the platform: the call answers once the file is down and its import started. */
  const [downloading, setDownloading] = useState<NationalList | null>(null)
  const running = overview?.running ?? null
  // Store mode: the store's catalog arrives by its change log. A manager's import here is published as the
  // store's next generation (every counter, this one included, imports it at its pull); nothing is downloaded
  // from the platform into one counter alone.
  const mode = useMasterDataMode()
  const storeMode = mode !== 'local'
  const { published, publish } = usePublish(onApplied)
  const [publishing, setPublishing] = useState(false)
  const busy = Boolean(running) || downloading !== null || storeMode
  const importLocked = Boolean(running) || mode === 'read-only' || publishing
  const pathInput = useRef<HTMLInputElement>(null)

  async function start() {
    setError(undefined)
    let source: ImportSource
    if (path.trim()) source = { kind: 'path', path: path.trim() }
    else if (upload) source = { kind: 'upload', name: upload.name, content: upload.content }
    else {
      setError({ code: 'INVALID_INPUT', message: m('pathHint') })
      return
    }
    if (mode !== 'publish') {
      try {
        await pos.importCatalog({ list, source })
      } catch (e) {
        setError(toShownError(e))
      }
      return
    }
    setPublishing(true)
    try {
      await publish({ kind: 'catalog', list, source })
    } catch (e) {
      setError(toShownError(e))
    } finally {
      setPublishing(false)
    }
  }
  async function download(l: NationalList) {
    if (busy) return
    setError(undefined)
    setDownloading(l)
    try {
      await pos.downloadNationalCatalog({ list: l })
    } catch (e) {
      setError(toShownError(e))
    } finally {
      setDownloading(null)
    }
  }
  useImperativeHandle(handle, () => ({
    start: () => void start(),
    download: (l) => void download(l),
    focus: () => pathInput.current?.focus(),
  }))

  async function choose(file: File | undefined) {
    setError(undefined)
    setUpload(null)
    if (!file) return
    // Checked before reading: a 50 MB file is not read into the page only to be refused.
    if (file.size > 1_000_000) {
      setError({ code: 'INVALID_INPUT', message: UPLOAD_TOO_LARGE })
      return
    }
    const content = await file.text()
    if (!uploadFits(content)) {
      setError({ code: 'INVALID_INPUT', message: UPLOAD_TOO_LARGE })
      return
    }
    setUpload({ name: file.name.replace(/[\\/:*?"<>|]/g, '_'), size: file.size, content })
    setPath('')
  }

  const shownProgress = running && progress && progress.jobId === running.job.id ? progress : null
  return (
    <section className="card" aria-labelledby="catalog-import-title" style={{ maxWidth: 'none' }}>
      <h2 id="catalog-import-title">{m('importTitle')}</h2>
      <ErrorNotice error={error} />
      {downloading && !running && (
        <div
          role="status"
          aria-live="polite"
          style={{ display: 'flex', flexDirection: 'column', gap: '0.3rem', marginBottom: '0.75rem' }}
          data-testid="download-progress"
        >
          <progress style={{ width: '100%', height: '1.1rem' }} aria-label={m('downloadTitle')} />
          <span>{m('downloading', { list: listLabel(m, downloading) })}</span>
        </div>
      )}
      {running && (
        <div
          role="status"
          aria-live="polite"
          style={{ display: 'flex', flexDirection: 'column', gap: '0.3rem', marginBottom: '0.75rem' }}
          data-testid="import-progress"
        >
          {running.job.by === 'system' && <span>{m('seeding')}</span>}
          <progress max={100} value={shownProgress?.percent ?? 0} style={{ width: '100%', height: '1.1rem' }} aria-label={m('importTitle')} />
          <span>
            {m('progress', {
              list: listLabel(m, shownProgress?.list ?? running.job.lists[0]),
              phase: m(`phase_${shownProgress?.phase ?? 'starting'}`),
              lines: (shownProgress?.linesDone ?? 0).toLocaleString(),
              percent: shownProgress?.percent ?? 0,
            })}
          </span>
        </div>
      )}
      {!busy && outcome && <Outcome outcome={outcome} />}
      {storeMode && (
        <p className="notice" data-testid={mode === 'publish' ? 'master-publish' : 'master-read-only'}>
          {m(mode === 'publish' ? 'storeModePublish' : 'storeModeReadOnly')}
        </p>
      )}
      <PublishedNotice published={published} />
      <div className="actions" style={{ alignItems: 'center', marginBottom: '0.75rem' }} data-testid="catalog-download">
        <span style={{ color: '#5b6675' }}>{m('downloadTitle')}</span>
        {(['1301', '1306'] as const).map((l) => (
          <button key={l} type="button" disabled={busy} onClick={() => void download(l)} data-download={l}>
            <kbd>{DOWNLOAD_KEY[l]}</kbd> {m('downloadList', { list: listLabel(m, l) })}
          </button>
        ))}
      </div>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault()
          void start()
        }}
      >
        <fieldset style={{ border: 'none', padding: 0, margin: 0, display: 'flex', gap: '1.25rem', alignItems: 'center' }} disabled={importLocked}>
          <legend style={{ float: 'left', color: '#5b6675', marginRight: '0.5rem' }}>{m('which')}</legend>
          {(['store', '1301', '1306'] as const).map((l) => (
            <label key={l} style={{ display: 'flex', gap: '0.35rem', alignItems: 'center' }}>
              <input type="radio" name="catalog-list" value={l} checked={list === l} onChange={() => setList(l)} />
              {listLabel(m, l)}
            </label>
          ))}
        </fieldset>
        <label>
          <span>{m('path')}</span>
          <input
            ref={pathInput}
            name="catalog-path"
            value={path}
            placeholder={m('pathHint')}
            disabled={importLocked}
            onChange={(e) => {
              setPath(e.target.value)
              if (e.target.value) setUpload(null)
            }}
          />
        </label>
        <label>
          <span>{m('upload')}</span>
          <span style={{ display: 'flex', gap: '0.75rem', alignItems: 'center' }}>
            <input
              type="file"
              name="catalog-file"
              accept=".csv,.txt,text/csv,text/plain"
              disabled={importLocked}
              onChange={(e) => void choose(e.target.files?.[0])}
            />
            <small style={{ color: '#5b6675' }}>
              {upload ? m('uploadChosen', { name: upload.name, size: Math.ceil(upload.size / 1024) }) : m('uploadHint')}
            </small>
          </span>
        </label>
        <div className="actions">
          <button type="submit" disabled={importLocked} aria-busy={publishing}>
            <kbd>F5</kbd> {mode === 'publish' ? m('publish') : m('start')}
          </button>
          {running && (
            <button type="button" onClick={onCancel} disabled={cancelling}>
              <kbd>F8</kbd> {cancelling ? m('cancelling') : m('cancel')}
            </button>
          )}
        </div>
      </form>
    </section>
  )
}

function Outcome({ outcome }: { outcome: ImportOutcome }) {
  const m = useCatalogMessages()
  const p = usePunctuation()
  if (outcome.outcome === 'done') {
    return (
      <div
        className="notice notice-ok"
        role="status"
        data-outcome="done"
        style={{ marginBottom: '0.75rem', flexDirection: 'column', gap: '0.25rem', maxWidth: 'none' }}
      >
        {outcome.summaries.map((s) => {
          const list: ImportList = s.catalog === 'store' ? 'store' : s.catalog === 'national_1301' ? '1301' : '1306'
          return (
            <span key={s.generation}>
              {m('done', { list: listLabel(m, list), items: s.items.toLocaleString(), generation: s.generation })}
              {s.catalog === 'store' && `${p.semicolon}${m('matched', { matched: s.nationalMatched, unmatched: s.nationalUnmatched })}`}
            </span>
          )
        })}
      </div>
    )
  }
  const e = outcome.error
  if (outcome.outcome === 'cancelled' || !e) {
    return (
      <div className="notice" role="status" data-outcome="cancelled" style={{ marginBottom: '0.75rem', background: '#eceff1' }}>
        {m('cancelled')}
      </div>
    )
  }
  return (
    <div
      className="notice notice-error"
      role="alert"
      data-outcome="failed"
      data-error-code={e.code}
      style={{ marginBottom: '0.75rem', flexDirection: 'column', gap: '0.25rem', maxWidth: 'none' }}
    >
      <strong>{m('refused', { list: listLabel(m, e.list) })}</strong>
      <span>
        {e.line !== null && <b data-line={e.line}>{m('refusedLine', { line: e.line })}</b>}
        {e.field && <span data-field={e.field}>{p.paren(m('refusedField', { field: e.field }))}</span>}
        {e.line !== null && p.colon}
        <span data-reason>{e.reason}</span>
      </span>
      <small>
        {outcome.job.sourceName} · {e.code}
      </small>
    </div>
  )
}
