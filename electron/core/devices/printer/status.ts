import type { PrinterErrorCode } from './errors'

/**
 * Reads the one-byte answers to DLE EOT 1 (printer), 2 (offline cause) and 4 (paper roll). Bits 1 and
 * 4 are fixed to 1 and bits 0 and 7 to 0 on every Epson-compatible printer: a byte that breaks this is
 * not a status answer (some printers echo garbage), and is ignored rather than trusted.
 */
export function isStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12
}

export interface StatusAnswers {
  printer: number
  offlineCause?: number
  paper?: number
}

/** The failure the answers show, or undefined when the printer can print. */
export function problemOf(s: StatusAnswers): PrinterErrorCode | undefined {
  if (s.paper !== undefined && (s.paper & 0x60) === 0x60) return 'PRINTER_PAPER_OUT'
  if (s.offlineCause !== undefined) {
    if (s.offlineCause & 0x20) return 'PRINTER_PAPER_OUT'
    if (s.offlineCause & 0x04) return 'PRINTER_COVER_OPEN'
  }
  if (s.printer & 0x08) return 'PRINTER_OFFLINE'
  return undefined
}
