import type { PrinterForm, ScannerForm, SerialScannerForm } from '../../../../shared/contract/devices/schemas'

/** Form fields as typed (numbers as text); the core validates and explains, so nothing is guessed here. */
export interface PrinterDraft {
  enabled: boolean
  kind: PrinterForm['connection']['kind']
  host: string
  port: string
  path: string
  printerName: string
  paper: PrinterForm['paper']
  openDrawerForCash: boolean
  statusQuery: boolean
  timeoutMs: string
  slowAfterMs: string
  feedBeforeCut: string
}

/** Digits only become a number; anything else is sent as null so the core names the field. */
export function intOf(text: string): number {
  return /^\s*\d{1,9}\s*$/.test(text) ? Number(text.trim()) : (null as unknown as number)
}

export function printerDraftOf(s: PrinterForm | null): PrinterDraft {
  const c = s?.connection
  return {
    enabled: s?.enabled ?? true,
    kind: c?.kind ?? 'tcp',
    host: c?.kind === 'tcp' ? c.host : '',
    port: c?.kind === 'tcp' ? String(c.port) : '9100',
    path: c?.kind === 'device' ? c.path : '',
    printerName: c?.kind === 'driver' ? c.printerName : '',
    paper: s?.paper ?? '80',
    openDrawerForCash: s?.openDrawerForCash ?? true,
    statusQuery: s?.statusQuery ?? true,
    timeoutMs: String(s?.timeoutMs ?? 10_000),
    slowAfterMs: String(s?.slowAfterMs ?? 3_000),
    feedBeforeCut: String(s?.feedBeforeCut ?? 4),
  }
}

export function printerFormOf(d: PrinterDraft): PrinterForm {
  const connection: PrinterForm['connection'] =
    d.kind === 'tcp'
      ? { kind: 'tcp', host: d.host.trim(), port: intOf(d.port) }
      : d.kind === 'device'
        ? { kind: 'device', path: d.path.trim() }
        : { kind: 'driver', printerName: d.printerName.trim() }
  return {
    enabled: d.enabled,
    connection,
    paper: d.paper,
    openDrawerForCash: d.openDrawerForCash,
    statusQuery: d.statusQuery,
    timeoutMs: intOf(d.timeoutMs),
    slowAfterMs: intOf(d.slowAfterMs),
    feedBeforeCut: intOf(d.feedBeforeCut),
  }
}

/** The screen edits the first serial scanner; others configured elsewhere are kept as they are. */
export interface ScannerDraft {
  serialEnabled: boolean
  path: string
  baudRate: string
  terminator: SerialScannerForm['terminator']
  interByteTimeoutMs: string
  reconnectMs: string
  wedgeEnabled: boolean
  maxGapMs: string
  minLength: string
  confirmAfter: string
  prefixes: string
}

export function scannerDraftOf(s: ScannerForm): ScannerDraft {
  const first = s.serial[0]
  return {
    serialEnabled: first?.enabled ?? false,
    path: first?.path ?? '',
    baudRate: String(first?.baudRate ?? 9600),
    terminator: first?.terminator ?? 'CR',
    interByteTimeoutMs: String(first?.interByteTimeoutMs ?? 50),
    reconnectMs: String(first?.reconnectMs ?? 500),
    wedgeEnabled: s.wedge.enabled,
    maxGapMs: String(s.wedge.maxGapMs),
    minLength: String(s.wedge.minLength),
    confirmAfter: String(s.wedge.confirmAfter),
    prefixes: s.memberQrPrefixes.join(', '),
  }
}

export function scannerFormOf(d: ScannerDraft, before: ScannerForm): ScannerForm {
  // A scanner that was never set up and is left off with no port is not stored at all.
  const first: SerialScannerForm | undefined =
    d.path.trim() || d.serialEnabled
      ? {
          enabled: d.serialEnabled,
          path: d.path.trim(),
          baudRate: intOf(d.baudRate),
          terminator: d.terminator,
          interByteTimeoutMs: intOf(d.interByteTimeoutMs),
          reconnectMs: intOf(d.reconnectMs),
        }
      : undefined
  return {
    serial: [...(first ? [first] : []), ...before.serial.slice(1)],
    wedge: { enabled: d.wedgeEnabled, maxGapMs: intOf(d.maxGapMs), minLength: intOf(d.minLength), confirmAfter: intOf(d.confirmAfter) },
    memberQrPrefixes: d.prefixes
      .split(/[,，\s]+/)
      .map((p) => p.trim())
      .filter(Boolean),
  }
}
