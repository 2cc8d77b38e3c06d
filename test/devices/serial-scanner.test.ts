import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ScanEvent, ScannerStatus } from '../../shared/scan'
import { SerialScannerService } from '../../electron/core/devices/scanner/serial-scanner'
import { SocatCable, until } from './socat'

const clock = { now: () => new Date() }
let cable: SocatCable
let dir: string
const services: SerialScannerService[] = []

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gongji-scan-'))
  cable = new SocatCable(dir)
  await cable.plug()
})

afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.stop()))
  await cable.unplug()
  rmSync(dir, { recursive: true, force: true })
})

function scanner(settings: Partial<{ terminator: 'CR' | 'none' | 'TAB'; interByteTimeoutMs: number; reconnectMs: number }> = {}) {
  const s = new SerialScannerService({
    settings: { enabled: true, path: cable.scannerPath, baudRate: 9600, interByteTimeoutMs: 80, reconnectMs: 100, ...settings },
    clock,
  })
  services.push(s)
  const scans: ScanEvent[] = []
  const statuses: ScannerStatus[] = []
  s.on('scan', (e) => scans.push(e))
  s.on('scannerStatus', (e) => statuses.push(e))
  return { s, scans, statuses }
}

describe('serial scanner over real pseudo-terminals', () => {
  it('reports scans as they arrive, classified, even several in one read', async () => {
    const { s, scans, statuses } = scanner()
    s.start()
    await until(() => s.status.state === 'connected')
    cable.type('4006381333931\r')
    await until(() => scans.length === 1)
    cable.type('81234567890123456789\r\n96385074\r')
    await until(() => scans.length === 3)
    expect(scans.map((e) => e.result.kind)).toEqual(['barcode', 'traceability', 'barcode'])
    expect(scans[0]).toMatchObject({ source: 'serial', device: cable.scannerPath })
    expect(statuses.map((x) => x.state)).toEqual(['connecting', 'connected'])
  })

  it('joins a code that arrives in pieces, and reports a fragment that never ends as incomplete', async () => {
    const { s, scans } = scanner()
    s.start()
    await until(() => s.status.state === 'connected')
    cable.type('400638')
    await new Promise((r) => setTimeout(r, 20))
    cable.type('1333931\r')
    await until(() => scans.length === 1)
    expect(scans[0].result).toMatchObject({ kind: 'barcode', digits: '4006381333931' })

    cable.type('6901234')
    await until(() => scans.length === 2)
    expect(scans[1].result).toMatchObject({ kind: 'unknown', raw: '6901234' })
    expect(scans[1].result.kind === 'unknown' && scans[1].result.reason).toContain('不完整')
  })

  it('reports garbage bytes as unknown and keeps working', async () => {
    const { s, scans } = scanner()
    s.start()
    await until(() => s.status.state === 'connected')
    cable.type(Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x0d]))
    cable.type('96385074\r')
    await until(() => scans.length === 2)
    expect(scans[0].result.kind).toBe('unknown')
    expect(scans[1].result.kind).toBe('barcode')
  })

  it('ends a code by silence when the scanner sends no terminator', async () => {
    const { s, scans } = scanner({ terminator: 'none', interByteTimeoutMs: 60 })
    s.start()
    await until(() => s.status.state === 'connected')
    cable.type('0106901234567892')
    cable.type('17271231')
    await until(() => scans.length === 1)
    expect(scans[0].result).toMatchObject({ kind: 'gs1', gtin14: '06901234567892', expiry: '2027-12-31' })
  })

  it('survives unplug and replug: shows disconnected, reconnects by itself, and scans again', async () => {
    const { s, scans, statuses } = scanner()
    s.start()
    await until(() => s.status.state === 'connected')
    await cable.unplug()
    // Noticing the hang-up waits on the event loop; a loaded 2-core CI machine has taken over 5 s.
    await until(() => s.status.state === 'disconnected', 15_000)
    expect(s.status.message).toContain('自动重新连接')
    await new Promise((r) => setTimeout(r, 400)) // a few failed retries while unplugged
    await cable.plug()
    await until(() => s.status.state === 'connected', 15_000)
    cable.type('4006381333931\r')
    await until(() => scans.length === 1)
    expect(scans[0].result.kind).toBe('barcode')
    expect(statuses.map((x) => x.state)).toEqual(['connecting', 'connected', 'disconnected', 'connected'])
  })

  it('starts without the scanner plugged in and connects when it appears', async () => {
    await cable.unplug()
    const { s } = scanner()
    s.start()
    await until(() => s.status.state === 'disconnected')
    await cable.plug()
    await until(() => s.status.state === 'connected')
    await s.stop()
    expect(s.status.state).toBe('stopped')
  })
})
