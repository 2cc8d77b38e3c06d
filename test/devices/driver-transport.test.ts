import { describe, expect, it } from 'vitest'
import { DriverPrinterTransport } from '../../electron/core/devices/printer/driver-transport'
import type { OsPrinterDriver } from '../../electron/core/devices/printer/transport'

/**
 * No OS print queue exists here (the driver module is Windows' and CUPS'), so the driver is a stand-in
 * that keeps what it was handed; node-thermal-printer between them is the real one.
 */
function queue(name: string, online = true) {
  const jobs: { printer: string; data: Buffer; type: string }[] = []
  const driver: OsPrinterDriver = {
    getPrinter: (n) => (n === name && online ? { status: [] } : undefined),
    getPrinters: () => [{ name, attributes: [] }],
    printDirect: (o) => {
      jobs.push({ printer: o.printer, data: o.data, type: o.type })
      o.success(jobs.length)
    },
  }
  return { driver, jobs }
}

const timing = { slowAfterMs: 1000, timeoutMs: 5000, onSlow: () => {}, statusQuery: true }

describe('the OS print queue transport', () => {
  it('hands the finished bytes to the queue in RAW mode, node-thermal-printer loaded with the first job', async () => {
    const q = queue('XP-80C')
    const t = new DriverPrinterTransport('XP-80C', q.driver)
    const bytes = Buffer.from([0x1b, 0x40, 0xc4, 0xe3, 0x0a, 0x1d, 0x56, 0x00])
    await t.send(bytes, timing)
    await t.send(bytes, timing)
    expect(q.jobs).toEqual([
      { printer: 'XP-80C', data: bytes, type: 'RAW' },
      { printer: 'XP-80C', data: bytes, type: 'RAW' },
    ])
  })

  it('says the printer is offline when its queue is not there, sending nothing', async () => {
    const q = queue('XP-80C', false)
    const t = new DriverPrinterTransport('XP-80C', q.driver)
    await expect(t.send(Buffer.from('x'), timing)).rejects.toMatchObject({ code: 'PRINTER_OFFLINE' })
    expect(q.jobs).toEqual([])
  })
})
