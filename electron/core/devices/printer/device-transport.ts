import { existsSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { PosError } from '../../../../shared/contract/errors'
import { printerError } from './errors'
import type { PrinterTransport, SendTiming } from './transport'

/**
 * A device file: USB printer class (/dev/usb/lp0), a serial port, or a Windows share. One-way: the
 * printer cannot be asked for its state, so a missing device is the only "offline" we can see, and a
 * write that never completes (printer off on a USB link) becomes a timeout.
 */
export class DevicePrinterTransport implements PrinterTransport {
  constructor(readonly target: string) {}

  async send(bytes: Buffer, timing: SendTiming): Promise<void> {
    if (!existsSync(this.target)) throw printerError('PRINTER_OFFLINE', `${this.target} 不存在`)
    let slowTimer: NodeJS.Timeout | undefined
    let deadline: NodeJS.Timeout | undefined
    const write = (async () => {
      const handle = await open(this.target, 'a')
      try {
        await handle.write(bytes)
      } finally {
        await handle.close()
      }
    })()
    const timeout = new Promise<never>((_, reject) => {
      slowTimer = setTimeout(timing.onSlow, timing.slowAfterMs)
      deadline = setTimeout(() => reject(printerError('PRINTER_TIMEOUT')), timing.timeoutMs)
    })
    try {
      await Promise.race([write, timeout])
    } catch (e) {
      if (e instanceof PosError) throw e
      const code = (e as NodeJS.ErrnoException).code ?? String(e)
      if (code === 'ENOENT' || code === 'ENODEV' || code === 'ENXIO') throw printerError('PRINTER_OFFLINE', code)
      throw printerError('PRINTER_WRITE_FAILED', code)
    } finally {
      clearTimeout(slowTimer)
      clearTimeout(deadline)
      // A write abandoned by the timeout may still fail later; it must not crash the process.
      write.catch(() => {})
    }
  }
}
