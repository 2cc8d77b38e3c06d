import { useCallback, useEffect, useMemo, useState } from 'react'
import type { CallOutput } from '../../../../shared/contract'
import type { ScannerForm, ScannerStatusView } from '../../../../shared/contract/devices/schemas'
import type { PrinterStatus } from '../../../../shared/receipt'
import type { ScanEvent } from '../../../../shared/scan'
import { pos } from '../../api/pos'
import { toShownError, type ShownError, OkNotice } from '../../components/ErrorNotice'
import { FunctionKeyBar, type FunctionKey } from '../../components/FunctionKeys'
import { reconfigurePageCapture, useScanner } from '../../components/use-scanner'
import './devices.css'
import { printerDraftOf, printerFormOf, scannerDraftOf, scannerFormOf, type PrinterDraft, type ScannerDraft } from './drafts'
import { JobsPanel } from './JobsPanel'
import { useDevicesMessages } from './messages'
import { PrinterPanel } from './PrinterPanel'
import { ScannerPanel } from './ScannerPanel'

const LAST_SCANS = 10

/** The manager's 设备 workspace: receipt printer, its queue, and the scanners. */
export function DevicesScreen() {
  const m = useDevicesMessages()
  const [printerView, setPrinterView] = useState<CallOutput<'getPrinterSettings'>>()
  const [printerDraft, setPrinterDraft] = useState<PrinterDraft>(printerDraftOf(null))
  const [printerStatus, setPrinterStatus] = useState<PrinterStatus>()
  const [preview, setPreview] = useState<{ target: string; lines: string[] }>()
  const [printerError, setPrinterError] = useState<ShownError>()
  const [scannerStored, setScannerStored] = useState<ScannerForm>()
  const [scannerDraft, setScannerDraft] = useState<ScannerDraft>()
  const [scannerStatus, setScannerStatus] = useState<ScannerStatusView>()
  const [scannerError, setScannerError] = useState<ShownError>()
  const [scans, setScans] = useState<ScanEvent[]>([])
  const [notice, setNotice] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [jobsKey, setJobsKey] = useState(0)

  const loadScannerStatus = useCallback(() => pos.getScannerStatus({}).then(setScannerStatus, () => undefined), [])
  useEffect(() => {
    void pos.getPrinterSettings({}).then(
      (v) => {
        setPrinterView(v)
        setPrinterDraft(printerDraftOf(v.settings))
      },
      (e: unknown) => setPrinterError(toShownError(e)),
    )
    void pos.getScannerSettings({}).then(
      (s) => {
        setScannerStored(s)
        setScannerDraft(scannerDraftOf(s))
      },
      (e: unknown) => setScannerError(toShownError(e)),
    )
    void pos.getPrinterStatus({ refresh: true }).then(setPrinterStatus, () => undefined)
    void loadScannerStatus()
    const offPrinter = pos.on('printerStatus', setPrinterStatus)
    const offScanner = pos.on('scannerStatus', () => void loadScannerStatus())
    return () => {
      offPrinter()
      offScanner()
    }
  }, [loadScannerStatus])

  useScanner(useCallback((e: ScanEvent) => setScans((list) => [e, ...list].slice(0, LAST_SCANS)), []))

  const run = useCallback(async (fn: () => Promise<string | undefined>, onError: (e: ShownError | undefined) => void) => {
    setBusy(true)
    setNotice(undefined)
    onError(undefined)
    try {
      const done = await fn()
      if (done) setNotice(done)
    } catch (e) {
      onError(toShownError(e))
    } finally {
      setBusy(false)
    }
  }, [])

  const savePrinter = useCallback(
    () =>
      run(async () => {
        const v = await pos.savePrinterSettings(printerFormOf(printerDraft))
        setPrinterView(v)
        setPrinterDraft(printerDraftOf(v.settings))
        return m('printerSaved')
      }, setPrinterError),
    [run, printerDraft, m],
  )
  const testPrint = useCallback(
    () =>
      run(async () => {
        setPreview(undefined)
        const result = await pos.testPrint({ settings: printerFormOf(printerDraft) })
        setPreview(result)
        return m('testPrinted', { target: result.target })
      }, setPrinterError),
    [run, printerDraft, m],
  )
  const openDrawer = useCallback(() => run(async () => (await pos.openCashDrawer({}), m('drawerOpened')), setPrinterError), [run, m])
  const refresh = useCallback(() => {
    void pos.getPrinterStatus({ refresh: true }).then(setPrinterStatus, () => undefined)
    void loadScannerStatus()
    setJobsKey((k) => k + 1)
  }, [loadScannerStatus])
  const saveScanner = useCallback(
    () =>
      run(async () => {
        if (!scannerDraft || !scannerStored) return undefined
        const saved = await pos.saveScannerSettings(scannerFormOf(scannerDraft, scannerStored))
        setScannerStored(saved)
        setScannerDraft(scannerDraftOf(saved))
        reconfigurePageCapture(saved.wedge)
        await loadScannerStatus()
        return m('scannerSaved')
      }, setScannerError),
    [run, scannerDraft, scannerStored, loadScannerStatus, m],
  )

  const keys: FunctionKey[] = useMemo(
    () => [
      { key: 'F2', label: m('testPrint'), action: () => void testPrint(), disabled: busy },
      { key: 'F3', label: m('openDrawerNow'), action: () => void openDrawer(), disabled: busy },
      { key: 'F5', label: m('refresh'), action: refresh },
      { key: 'F9', label: m('savePrinter'), action: () => void savePrinter(), disabled: busy || !printerView },
      { key: 'F10', label: m('saveScanner'), action: () => void saveScanner(), disabled: busy || !scannerDraft },
    ],
    [m, testPrint, openDrawer, refresh, savePrinter, saveScanner, busy, scannerDraft, printerView],
  )

  return (
    <div className="workspace">
      <div className="workspace-body">
        <OkNotice text={notice} testId="devices-notice" />
        <div className="devices-grid">
          <div className="devices-column">
            <PrinterPanel
              m={m}
              draft={printerDraft}
              onDraft={setPrinterDraft}
              view={printerView}
              status={printerStatus}
              preview={preview}
              busy={busy}
              error={printerError}
              onSave={() => void savePrinter()}
              onTest={() => void testPrint()}
              onDrawer={() => void openDrawer()}
              onRefresh={refresh}
            />
            <JobsPanel m={m} reloadKey={jobsKey} />
          </div>
          {scannerDraft && (
            <ScannerPanel
              m={m}
              draft={scannerDraft}
              onDraft={setScannerDraft}
              status={scannerStatus}
              scans={scans}
              busy={busy}
              error={scannerError}
              onSave={() => void saveScanner()}
            />
          )}
        </div>
      </div>
      <FunctionKeyBar keys={keys} />
    </div>
  )
}
