import { PosError } from '../../../../shared/contract/errors'
import type { ErrorCode } from '../../../../shared/contract/error-registry'

/** Every printer failure a cashier can meet; their words (what to do about it) are the error words'. The receipt is never lost. */
export const PRINTER_ERROR_CODES = [
  'PRINTER_DISABLED',
  'PRINTER_OFFLINE',
  'PRINTER_PAPER_OUT',
  'PRINTER_COVER_OPEN',
  'PRINTER_TIMEOUT',
  'PRINTER_WRITE_FAILED',
  'PRINTER_DRIVER_MISSING',
  'PRINT_INTERRUPTED',
  'PRINT_JOB_NOT_FOUND',
  'PRINT_NOTHING_TO_REPRINT',
] as const satisfies readonly ErrorCode[]
export type PrinterErrorCode = (typeof PRINTER_ERROR_CODES)[number]

export function printerError(code: PrinterErrorCode, detail?: string): PosError {
  // The detail (socket error text) is for support; it never holds personal data.
  return new PosError(code, detail ? { detail } : {})
}

export function asPrinterError(e: unknown): PosError {
  if (e instanceof PosError) return e
  return printerError('PRINTER_WRITE_FAILED', e instanceof Error ? e.message : String(e))
}
