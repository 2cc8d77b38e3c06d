import type { ThermalPrinter } from 'node-thermal-printer'
import { PosError } from '../../../../shared/contract/errors'
import { printerError } from './errors'
import type { OsPrinterDriver, PrinterTransport, SendTiming } from './transport'

/**
 * An OS print queue in RAW mode through node-thermal-printer's `printer:NAME` interface. We hand it
 * finished bytes via `raw()` only: its own text and table helpers would mangle GB18030 and columns.
 */
export class DriverPrinterTransport implements PrinterTransport {
  readonly target: string
  private printer: Promise<ThermalPrinter> | undefined

  constructor(
    printerName: string,
    private readonly driver: OsPrinterDriver,
  ) {
    this.target = `printer:${printerName}`
  }

  /** node-thermal-printer is loaded with the first job for a driver printer, not at start (~0.1 s, ~10 MiB). */
  private thermal(): Promise<ThermalPrinter> {
    return (this.printer ??= import('node-thermal-printer').then(
      (m) => new m.ThermalPrinter({ type: m.PrinterTypes.EPSON, interface: this.target, driver: this.driver }),
    ))
  }

  async send(bytes: Buffer, timing: SendTiming): Promise<void> {
    const printer = await this.thermal().catch((e: unknown) => {
      this.printer = undefined
      throw printerError('PRINTER_WRITE_FAILED', String(e))
    })
    const connected = await printer.isPrinterConnected().catch(() => false)
    if (!connected) throw printerError('PRINTER_OFFLINE', this.target)
    let slowTimer: NodeJS.Timeout | undefined
    let deadline: NodeJS.Timeout | undefined
    const job = printer.raw(bytes)
    try {
      await Promise.race([
        job,
        new Promise<never>((_, reject) => {
          slowTimer = setTimeout(timing.onSlow, timing.slowAfterMs)
          deadline = setTimeout(() => reject(printerError('PRINTER_TIMEOUT')), timing.timeoutMs)
        }),
      ])
    } catch (e) {
      if (e instanceof PosError) throw e
      throw printerError('PRINTER_WRITE_FAILED', String(e))
    } finally {
      clearTimeout(slowTimer)
      clearTimeout(deadline)
      job.catch(() => {})
    }
  }
}
