import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { pos } from '../../api/pos'
import { ErrorNotice, OkNotice, toShownError, type ShownError } from '../../components/ErrorNotice'
import { download } from '../manager/format'
import { ChartsPanel } from './ChartsPanel'
import { FunctionKeyBar, type FunctionKey } from '../../components/FunctionKeys'
import { AlertsPanel } from './AlertsPanel'
import { LedgerPanel, LotsPanel } from './LotsPanel'
import { useStockMessages } from './messages'
import { ReceivePanel } from './ReceivePanel'
import { StocktakePanel } from './StocktakePanel'
import { UploadsPanel } from './UploadsPanel'

const TABS = [
  { id: 'alerts', key: 'F2', label: 'tabAlerts' },
  { id: 'lots', key: 'F3', label: 'tabLots' },
  { id: 'receive', key: 'F4', label: 'tabReceive' },
  { id: 'uploads', key: 'F5', label: 'tabUploads' },
  { id: 'count', key: 'F6', label: 'tabCount' },
  { id: 'ledger', key: 'F7', label: 'tabLedger' },
] as const
type Tab = (typeof TABS)[number]['id']

/** The manager's stock workspace (库存): expiry and alerts, lots on hand, receiving, stocktake, the ledger. */
export function StockScreen() {
  const m = useStockMessages()
  const [tab, setTab] = useState<Tab>('alerts')
  const [error, setError] = useState<ShownError>()
  /** Bumped when stock moved (here or at a counter), so the panels shown reload. */
  const [version, setVersion] = useState(0)
  const submit = useRef<(() => void) | null>(null)
  const refresh = useCallback(() => setVersion((v) => v + 1), [])
  const onError = useCallback((e: ShownError) => setError(e), [])

  useEffect(() => pos.on('stockChanged', refresh), [refresh])
  const show = useCallback((t: Tab) => {
    setTab(t)
    setError(undefined)
  }, [])

  const [notice, setNotice] = useState<string>()
  const exportXlsx = useCallback(() => {
    setError(undefined)
    pos.exportStock({}).then(
      (f) => {
        download(f.fileName, f.mime, f.base64)
        setNotice(m('exported', { file: f.fileName, kb: Math.max(1, Math.round(f.bytes / 1024)), path: f.path }))
      },
      (e: unknown) => setError(toShownError(e)),
    )
  }, [m])

  const canSubmit = tab === 'receive' || tab === 'count'
  const keys: FunctionKey[] = useMemo(
    () => [
      ...TABS.map((t) => ({ key: t.key, label: m(t.label), action: () => show(t.id) })),
      { key: 'F8', label: m('keyExport'), action: exportXlsx },
      { key: 'F9', label: m('keyRefresh'), action: refresh },
      { key: 'F10', label: m('keyPost'), action: () => submit.current?.(), disabled: !canSubmit },
    ],
    [m, refresh, canSubmit, show, exportXlsx],
  )

  return (
    <div className="workspace">
      <div className="workspace-body" style={{ display: 'flex', flexDirection: 'column', gap: '0.75rem', minWidth: 0 }}>
        <nav role="tablist" style={{ display: 'flex', gap: '0.25rem' }}>
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              aria-selected={tab === t.id}
              data-tab={t.id}
              style={tab === t.id ? { background: 'var(--accent)', color: '#fff', borderColor: 'var(--accent)' } : undefined}
              onClick={() => show(t.id)}
            >
              {m(t.label)} <kbd>{t.key}</kbd>
            </button>
          ))}
        </nav>
        <ErrorNotice error={error} />
        <OkNotice text={notice} />
        {tab === 'alerts' && <ChartsPanel m={m} version={version} onError={onError} />}
        {tab === 'alerts' && <AlertsPanel m={m} version={version} onError={onError} />}
        {tab === 'lots' && <LotsPanel m={m} version={version} onError={onError} />}
        {tab === 'receive' && <ReceivePanel m={m} submitRef={submit} onError={onError} onDone={refresh} />}
        {tab === 'count' && <StocktakePanel m={m} submitRef={submit} onError={onError} onDone={refresh} />}
        {tab === 'ledger' && <LedgerPanel m={m} version={version} onError={onError} />}
        {tab === 'uploads' && <UploadsPanel version={version} onError={onError} />}
      </div>
      <FunctionKeyBar keys={keys} />
    </div>
  )
}
