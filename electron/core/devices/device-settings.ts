import type { z } from 'zod'
import { PrinterFormSchema, ScannerFormSchema, type PrinterForm, type ScannerForm } from '../../../shared/contract/devices/schemas'
import type { Clock } from '../../base/clock'
import type { Db } from '../../base/store/database'
import type { Logger } from '../transport'
import { settingValue, writeSettings } from '../settings'

/** Keys of the settings table this concern owns; the terminal settings service ignores them. */
export const PRINTER_KEY = 'devices.printer'
export const SCANNER_KEY = 'devices.scanner'

export const DEFAULT_SCANNER_SETTINGS: ScannerForm = {
  serial: [],
  wedge: { enabled: true, maxGapMs: 35, minLength: 8, confirmAfter: 4 },
  memberQrPrefixes: [],
}

/**
 * Printer and scanner settings as rows of the `settings` table (JSON values). A stored value that no
 * longer parses (edited by hand, an older build) is reported and replaced by "not configured" or the
 * defaults, so a bad row never stops the counter from starting.
 */
export class DeviceSettingsStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  printer(): PrinterForm | null {
    return this.read(PRINTER_KEY, PrinterFormSchema, null)
  }

  scanner(): ScannerForm {
    return this.read(SCANNER_KEY, ScannerFormSchema, DEFAULT_SCANNER_SETTINGS)
  }

  /** Call inside the transaction that also writes the audit row. */
  writePrinter(settings: PrinterForm): void {
    this.write(PRINTER_KEY, settings)
  }

  writeScanner(settings: ScannerForm): void {
    this.write(SCANNER_KEY, settings)
  }

  private read<S extends z.ZodType, F>(key: string, schema: S, fallback: F): z.output<S> | F {
    const stored = settingValue(this.db, key)
    if (stored === undefined) return fallback
    let value: unknown
    try {
      value = JSON.parse(stored)
    } catch {
      value = undefined
    }
    const parsed = schema.safeParse(value)
    if (parsed.success) return parsed.data
    this.log({ level: 'warn', msg: `stored ${key} is not valid; using ${fallback === null ? 'no printer' : 'defaults'}`, code: 'DEVICE_SETTINGS_INVALID' })
    return fallback
  }

  private write(key: string, value: unknown): void {
    writeSettings(this.db, [[key, JSON.stringify(value)]], this.clock.now().toISOString())
  }
}
