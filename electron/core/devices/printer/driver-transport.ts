import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer'
import { PosError } from '../../../../shared/contract/errors'
import { printerError } from './errors'
import type { OsPrinterDriver, PrinterTransport, SendTiming } from './transport'

/**
 * An OS print queue in RAW mode through node-thermal-printer's `printer:NAME` interface. We hand it
 * finished bytes via `raw()` only: its own text and table helpers would mangle GB18030 and columns.
 */
export class DriverPrinterTransport implements PrinterTransport {
  readonly target: string
  private readonly printer: ThermalPrinter

  constructor(printerName: string, driver: OsPrinterDriver) {
    this.target = `printer:${printerName}`
    this.printer = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: this.target, driver })
  }

  async send(bytes: Buffer, timing: SendTiming): Promise<void> {
    const connected = await this.printer.isPrinterConnected().catch(() => false)
    if (!connected) throw printerError('PRINTER_OFFLINE', this.target)
    let slowTimer: NodeJS.Timeout | undefined
    let deadline: NodeJS.Timeout | undefined
    const job = this.printer.raw(bytes)
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
