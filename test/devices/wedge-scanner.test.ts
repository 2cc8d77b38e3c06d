import { describe, expect, it } from 'vitest'
import type { ScanEvent } from '../../shared/scan'
import { WedgeScannerService } from '../../electron/core/devices/scanner/wedge-scanner'

const clock = { now: () => new Date('2026-03-01T02:00:00Z') }

describe('WedgeScannerService', () => {
  it('turns key-downs from the Electron hook into classified scan events, ending by its own timer', async () => {
    let t = 0
    const svc = new WedgeScannerService(clock, { holdLeadIn: true }, undefined, () => t)
    const scans: ScanEvent[] = []
    svc.on('scan', (e) => scans.push(e))
    const swallowed = [...'81234567890123456789'].map((key) => {
      t += 3
      return svc.feedKey('window-1', { key, at: t }).swallow
    })
    expect(swallowed.every(Boolean)).toBe(true)
    t += 100 // the timer reads the monotonic clock when it fires
    await new Promise((r) => setTimeout(r, 80))
    expect(scans).toEqual([
      {
        source: 'wedge',
        device: 'window-1',
        at: '2026-03-01T02:00:00.000Z',
        result: { kind: 'traceability', raw: '81234567890123456789', code: '81234567890123456789', productCode: '8123456' },
      },
    ])
    svc.dispose()
  })

  it('asks the host to type back keys it held for a person typing', async () => {
    let t = 0
    const svc = new WedgeScannerService(clock, { holdLeadIn: true }, undefined, () => t)
    const replays: string[][] = []
    svc.on('replay', (r) => replays.push(r.keys))
    expect(svc.feedKey('w', { key: '张', at: 0 }).swallow).toBe(true)
    t = 500
    await new Promise((r) => setTimeout(r, 60))
    expect(replays).toEqual([['张']])
    svc.configure({ enabled: false })
    expect(svc.feedKey('w', { key: 'a', at: 600 }).swallow).toBe(false)
  })

  it('classifies text the page detected', () => {
    const svc = new WedgeScannerService(clock)
    expect(svc.submitText('4006381333931', 'page', 'browser').result.kind).toBe('barcode')
  })
})
