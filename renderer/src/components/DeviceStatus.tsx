import { useEffect, useState } from 'react'
import type { ScannerStatusView } from '../../../shared/contract/devices/schemas'
import type { PrinterState, PrinterStatus } from '../../../shared/receipt'
import type { ScannerStatus } from '../../../shared/scan'
import { pos } from '../api/pos'
import { useCodeWords } from '../i18n/codes'
import '../screens/devices/devices.css'
import { useDeviceStatusMessages } from './messages'

type Tone = 'ok' | 'warn' | 'bad' | 'idle'
const PRINTER_TONE: Record<PrinterState, Tone> = {
  disabled: 'idle',
  unknown: 'idle',
  online: 'ok',
  slow: 'warn',
  offline: 'bad',
  'paper-out': 'bad',
  'cover-open': 'bad',
  error: 'bad',
}

/** The receipt printer's state, live from the core's events (undefined until the first answer). */
export function usePrinterStatus(): PrinterStatus | undefined {
  const [printer, setPrinter] = useState<PrinterStatus>()
  useEffect(() => {
    let live = true
    void pos.getPrinterStatus({}).then(
      (s) => live && setPrinter(s),
      () => undefined,
    )
    const off = pos.on('printerStatus', setPrinter)
    return () => {
      live = false
      off()
    }
  }, [])
  return printer
}

/** Keeps one serial scanner's latest status in the list (events come one device at a time). */
function merge(list: ScannerStatus[], s: ScannerStatus): ScannerStatus[] {
  const rest = list.filter((x) => x.device !== s.device)
  return s.state === 'stopped' ? rest : [...rest, s]
}

/**
 * The counter's top-bar view of its hardware: printer and scanner state, live from the core's events.
 * The full message (what to do) is in each chip's tooltip and its accessible name.
 */
export function DeviceStatus() {
  const m = useDeviceStatusMessages()
  const { colon } = useCodeWords()
  const printer = usePrinterStatus()
  const [scanner, setScanner] = useState<ScannerStatusView>()

  useEffect(() => {
    let live = true
    void pos.getScannerStatus({}).then(
      (s) => live && setScanner(s),
      () => undefined,
    )
    const offScanner = pos.on('scannerStatus', (s) => setScanner((v) => v && { ...v, serial: merge(v.serial, s) }))
    return () => {
      live = false
      offScanner()
    }
  }, [])

  const serial = scanner?.serial ?? []
  const scannerTone: Tone =
    serial.length === 0
      ? scanner?.wedge.enabled
        ? 'ok'
        : 'idle'
      : serial.every((s) => s.state === 'connected')
        ? 'ok'
        : serial.some((s) => s.state === 'disconnected')
          ? 'bad'
          : 'warn'
  const scannerText = serial.length > 0 ? serial.map((s) => m(`s.${s.state}`)).join(' / ') : scanner?.wedge.enabled ? m('wedge') : m('none')
  const scannerTitle = serial.length > 0 ? serial.map((s) => `${s.device}${colon}${s.message}`).join('\n') : scannerText

  return (
    <span className="device-status" data-testid="device-status">
      {printer && (
        <span
          className={`device-chip device-${PRINTER_TONE[printer.state]}`}
          title={printer.message}
          aria-label={`${m('printer')}${colon}${printer.message}`}
          data-state={printer.state}
          data-testid="printer-chip"
        >
          {m('printer')} {m(`p.${printer.state}`)}
        </span>
      )}
      {scanner && (
        <span
          className={`device-chip device-${scannerTone}`}
          title={scannerTitle}
          aria-label={`${m('scanner')}${colon}${scannerTitle}`}
          data-testid="scanner-chip"
        >
          {m('scanner')} {scannerText}
        </span>
      )}
    </span>
  )
}
