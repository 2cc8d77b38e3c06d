import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { CatalogItem } from '../../../../shared/catalog/schemas'
import type { CatalogOverview, ImportOutcome, ImportProgressEvent } from '../../../../shared/contract/catalog/schemas'
import { pos } from '../../api/pos'
import { ErrorNotice, toShownError, type ShownError } from '../../components/ErrorNotice'
import { FunctionKeyBar, type FunctionKey } from '../../components/FunctionKeys'
import { ItemFacts, ItemSearch } from '../../components/ItemSearch'
import { DOWNLOAD_KEY, ImportPanel, type ImportPanelHandle } from './ImportPanel'
import { useCatalogMessages } from './messages'
import { StatusPanel } from './StatusPanel'
import { PriceChangeForm } from './PriceChangeForm'
import { useMasterDataMode } from '../settings/useStoreMode'

/** The manager's catalog workspace: what is live, importing a list, and finding an item. */
export function CatalogScreen() {
  const m = useCatalogMessages()
  const mode = useMasterDataMode()
  const [overview, setOverview] = useState<CatalogOverview>()
  const [progress, setProgress] = useState<ImportProgressEvent | null>(null)
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null)
  const [cancelling, setCancelling] = useState(false)
  const [picked, setPicked] = useState<CatalogItem>()
  const [error, setError] = useState<ShownError>()
  const importPanel = useRef<ImportPanelHandle>(null)
  const searchBox = useRef<HTMLInputElement>(null)
  /** The job whose progress is shown, so a new job's first event fetches the job itself. */
  const shownJob = useRef<number | null>(null)

  const load = useCallback(
    () =>
      pos.catalogStatus({}).then(
        (o) => {
          shownJob.current = o.running?.job.id ?? shownJob.current
          setOverview(o)
          setProgress(o.running?.progress ?? null)
          setOutcome((cur) => cur ?? o.last)
          setError(undefined)
        },
        (e: unknown) => setError(toShownError(e)),
      ),
    [],
  )

  useEffect(() => {
    void load()
    const offs = [
      pos.on('catalogImportProgress', (p) => {
        setProgress(p)
        // A job this screen has not seen yet (started elsewhere, or the training import): fetch it.
        if (shownJob.current !== p.jobId) {
          shownJob.current = p.jobId
          void load()
        }
      }),
      pos.on('catalogImportEnded', (o) => {
        setOutcome(o)
        setCancelling(false)
        void load()
      }),
      pos.on('catalogChanged', ({ overview: o }) => setOverview((cur) => ({ ...o, running: cur?.running ?? o.running }))),
    ]
    return () => offs.forEach((off) => off())
  }, [load])

  const cancel = useCallback(() => {
    setCancelling(true)
    pos.cancelImport({}).then(
      ({ cancelling: accepted }) => {
        if (!accepted) setCancelling(false)
      },
      (e: unknown) => {
        setCancelling(false)
        setError(toShownError(e))
      },
    )
  }, [])

  const running = Boolean(overview?.running)
  const keys: FunctionKey[] = useMemo(
    () => [
      { key: 'F2', label: m('keySearch'), action: () => searchBox.current?.focus() },
      { key: 'F5', label: m('keyImport'), action: () => importPanel.current?.start(), disabled: running },
      { key: DOWNLOAD_KEY['1301'], label: m('keyDownload1301'), action: () => importPanel.current?.download('1301'), disabled: running },
      { key: DOWNLOAD_KEY['1306'], label: m('keyDownload1306'), action: () => importPanel.current?.download('1306'), disabled: running },
      { key: 'F8', label: m('keyCancel'), action: cancel, disabled: !running || cancelling },
      { key: 'F9', label: m('keyRefresh'), action: () => void load() },
    ],
    [m, running, cancelling, cancel, load],
  )

  return (
    <div className="workspace">
      <div className="workspace-body" style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', alignItems: 'start' }}>
        <div style={{ display: 'flex', flexDirection: 'column', gap: '1rem', minWidth: 0 }}>
          <ErrorNotice error={error} />
          <StatusPanel overview={overview} />
          <ImportPanel
            overview={overview}
            progress={progress}
            outcome={outcome}
            handle={importPanel}
            cancelling={cancelling}
            onCancel={cancel}
            onApplied={() => void load()}
          />
        </div>
        <section className="card" aria-labelledby="catalog-search-title" style={{ maxWidth: 'none', minWidth: 0 }}>
          <h2 id="catalog-search-title">
            {m('searchTitle')} <kbd>F2</kbd>
          </h2>
          <ItemSearch inputRef={searchBox} onPick={setPicked} clearOnPick={false} catalogEmpty={overview ? overview.lists.store === null : false} rows={10} />
          {picked && (
            <div
              className="notice"
              role="status"
              data-picked={picked.storeCode}
              style={{ marginTop: '0.75rem', background: '#f4f6f8', flexDirection: 'column' }}
            >
              <strong>
                {picked.name} ¥{picked.price}
              </strong>
              <span>{picked.nationalCode ? m('picked', { name: picked.storeCode, code: picked.nationalCode }) : m('noCode')}</span>
              <ItemFacts item={picked} />
            </div>
          )}
          {picked && mode === 'publish' && (
            <PriceChangeForm
              key={picked.storeCode}
              item={picked}
              onApplied={() => void pos.lookupStoreCode({ storeCode: picked.storeCode }).then(setPicked, () => undefined)}
            />
          )}
        </section>
      </div>
      <FunctionKeyBar keys={keys} />
    </div>
  )
}
