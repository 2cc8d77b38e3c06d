import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { CallResult, EventName } from '../../shared/contract'
import type { PrinterForm, ScannerForm } from '../../shared/contract/devices/schemas'
import type { ReceiptInput } from '../../shared/receipt'
import { createCore, DATABASE_FILE, type Core } from '../../electron/core/core'
import { trainingPlatform } from '../../electron/sandbox/training'
import { PrintJobStore } from '../../electron/core/devices/printer/print-job-store'
import { VirtualPrinter } from '../../dev-tools/virtual-printer/server'
import { openDatabase } from '../../electron/base/store/database'
import { coreMigrations } from '../../electron/core/store/migrations'
import { receiptSchema } from '../../shared/receipt'
import { signIn } from '../support/core-session'
import { useTempDir } from '../support/temp-dir'
import { mutualAidReceipt } from './fixtures'
import { SocatCable, until } from './socat'

const tempDir = useTempDir('gongji-devices-')
const cores: Core[] = []
const printers: VirtualPrinter[] = []
const cables: SocatCable[] = []

afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()))
  await Promise.all(printers.splice(0).map((p) => p.stop()))
  await Promise.all(cables.splice(0).map((c) => c.unplug()))
})

async function open(dataDir: string) {
  const logged: string[] = []
  const core = await createCore({ dataDir, shell: 'web', version: 'test' }, { training: trainingPlatform(), log: (e) => logged.push(e.msg) })
  cores.push(core)
  const seen: Array<{ event: EventName; payload: unknown }> = []
  core.events.subscribe((event, payload) => seen.push({ event, payload }))
  return { core, seen, logged }
}

async function call<T = unknown>(core: Core, name: string, input: unknown = {}): Promise<T> {
  const r = await core.dispatch(name, input)
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`)
  return r.value as T
}

async function refused(core: Core, name: string, input: unknown = {}): Promise<Extract<CallResult, { ok: false }>['error']> {
  const r = await core.dispatch(name, input)
  if (r.ok) throw new Error(`${name} should have been refused`)
  return r.error
}

async function virtualPrinter(columns = 48) {
  const p = await new VirtualPrinter({ columns }).start()
  printers.push(p)
  return p
}

function printerForm(p: VirtualPrinter, overrides: Partial<PrinterForm> = {}): PrinterForm {
  return {
    enabled: true,
    connection: { kind: 'tcp', host: '127.0.0.1', port: p.address.port },
    paper: '80',
    openDrawerForCash: true,
    statusQuery: true,
    timeoutMs: 2000,
    slowAfterMs: 1000,
    feedBeforeCut: 4,
    ...overrides,
  }
}

/**
 * A sale's receipt left in the queue by an earlier run (the app closed before it printed): the print
 * service takes it up at start, as it will the sale module's receipts.
 */
function queueFromEarlierRun(dataDir: string, receipt: ReceiptInput) {
  const db = openDatabase(join(dataDir, DATABASE_FILE), coreMigrations)
  try {
    return new PrintJobStore(db, { now: () => new Date() }).addOriginal(receipt.saleId, receiptSchema.parse(receipt), true).job
  } finally {
    db.close()
  }
}

describe('devices concern through the contract', () => {
  it('keeps printer and scanner settings across a restart, and applies them at start', async () => {
    const dir = tempDir()
    const p = await virtualPrinter()
    const first = await open(dir)
    await signIn(first.core, 'manager')
    expect(await call(first.core, 'getPrinterSettings')).toEqual({ settings: null, codePage: 'GB18030', driverAvailable: false })
    const form = printerForm(p, { paper: '58' })
    await call(first.core, 'savePrinterSettings', form)
    const scanner: ScannerForm = {
      serial: [{ enabled: true, path: '/dev/ttyGONGJI-none', baudRate: 115200, terminator: 'CRLF', interByteTimeoutMs: 80, reconnectMs: 1000 }],
      wedge: { enabled: false, maxGapMs: 40, minLength: 10, confirmAfter: 5 },
      memberQrPrefixes: ['GJ'],
    }
    await call(first.core, 'saveScannerSettings', scanner)
    await first.core.close()

    const second = await open(dir)
    await signIn(second.core, 'manager')
    expect(await call(second.core, 'getPrinterSettings')).toMatchObject({ settings: form })
    expect(await call(second.core, 'getScannerSettings')).toEqual(scanner)
    // Applied at start: the printer was asked how it is, the absent serial port is being retried.
    await until(() => second.seen.some((e) => e.event === 'printerStatus' && (e.payload as { state: string }).state === 'online'))
    const status = await call<{ serial: Array<{ device: string; state: string }>; wedge: { enabled: boolean } }>(second.core, 'getScannerStatus')
    expect(status.wedge.enabled).toBe(false)
    expect(status.serial).toHaveLength(1)
    expect(status.serial[0].device).toBe('/dev/ttyGONGJI-none')
    expect(await refused(second.core, 'submitScan', { text: '4006381333931' })).toMatchObject({ code: 'SCANNER_WEDGE_OFF' })
  })

  it('refuses settings to cashiers and receptionists, and bad settings with a Chinese reason, changing nothing', async () => {
    const { core } = await open(tempDir())
    const p = await virtualPrinter()
    await signIn(core, 'cashier')
    expect(await refused(core, 'savePrinterSettings', printerForm(p))).toMatchObject({ code: 'FORBIDDEN_ROLE' })
    expect(await refused(core, 'getScannerSettings')).toMatchObject({ code: 'FORBIDDEN_ROLE' })
    expect(await refused(core, 'listSerialPorts')).toMatchObject({ code: 'FORBIDDEN_ROLE' })
    expect(await refused(core, 'testPrint', {})).toMatchObject({ code: 'FORBIDDEN_ROLE' })
    // The counter may see the queue and the state, and scan.
    expect(await call(core, 'listPrintJobs', { states: ['failed', 'queued'] })).toEqual([])
    expect(await call(core, 'getPrinterStatus', {})).toMatchObject({ state: 'disabled' })
    expect(await call(core, 'submitScan', { text: '4006381333931' })).toMatchObject({ source: 'page', result: { kind: 'barcode' } })

    await signIn(core, 'receptionist')
    expect(await refused(core, 'openCashDrawer')).toMatchObject({ code: 'FORBIDDEN_ROLE' })
    expect(await refused(core, 'reprintSale', { saleId: 'S1' })).toMatchObject({ code: 'FORBIDDEN_ROLE' })
    expect(await call(core, 'submitScan', { text: '4006381333931' })).toMatchObject({ result: { kind: 'barcode' } })

    await signIn(core, 'manager')
    const bad = await refused(core, 'savePrinterSettings', printerForm(p, { connection: { kind: 'tcp', host: 'bad host!', port: 70000 } }))
    expect(bad.code).toBe('INVALID_INPUT')
    expect(bad.message).toContain('打印机地址应为 IP 地址或主机名')
    expect(bad.message).toContain('端口应在 1-65535 之间')
    const driver = await refused(core, 'savePrinterSettings', printerForm(p, { connection: { kind: 'driver', printerName: 'XP-80C' } }))
    expect(driver.code).toBe('PRINTER_DRIVER_MISSING')
    const dup = await refused(core, 'saveScannerSettings', {
      serial: [
        { enabled: true, path: 'COM3', baudRate: 9600, terminator: 'CR', interByteTimeoutMs: 50, reconnectMs: 500 },
        { enabled: true, path: 'COM3', baudRate: 9600, terminator: 'CR', interByteTimeoutMs: 50, reconnectMs: 500 },
      ],
      wedge: { enabled: true, maxGapMs: 35, minLength: 8, confirmAfter: 4 },
      memberQrPrefixes: [],
    })
    expect(dup.message).toContain('同一个串口不能配置两次')
    expect(await call(core, 'getPrinterSettings')).toMatchObject({ settings: null })
    expect(await refused(core, 'submitScan', { text: 'ab\u0007cd' })).toMatchObject({ code: 'INVALID_INPUT' })
  })

  it('prints the test page with unsaved settings; the paper reads exactly as the preview', async () => {
    const { core } = await open(tempDir())
    const p = await virtualPrinter(32)
    await signIn(core, 'manager')
    const { target, lines } = await call<{ target: string; lines: string[] }>(core, 'testPrint', { settings: printerForm(p, { paper: '58' }) })
    expect(target).toBe(p.uri)
    await until(() => p.receipts.length === 1)
    expect(p.receipts[0].lines.map((l) => l.text)).toEqual(lines)
    expect(lines.join('\n')).toContain('打印测试')
    // Nothing was saved by a test print.
    expect(await call(core, 'getPrinterSettings')).toMatchObject({ settings: null })
    // A printer that is not there: a clear reason, not a hang.
    await p.stop()
    expect(await refused(core, 'testPrint', { settings: printerForm(p) })).toMatchObject({ code: 'PRINTER_OFFLINE' })
  })

  it('keeps a receipt the printer could not take as failed, then retry and reprint print it, audited', async () => {
    const dir = tempDir()
    const p = await virtualPrinter()
    const setup = await open(dir)
    await signIn(setup.core, 'manager')
    await call(setup.core, 'savePrinterSettings', printerForm(p))
    await setup.core.close()

    await p.stop()
    const queued = queueFromEarlierRun(dir, mutualAidReceipt())
    const { core, seen } = await open(dir)
    await signIn(core, 'cashier')
    await until(() => seen.some((e) => e.event === 'printJob' && (e.payload as { state: string }).state === 'failed'))
    const failed = await call<Array<{ id: number; state: string; lastError: { code: string } | null }>>(core, 'listPrintJobs', { states: ['failed'] })
    expect(failed).toMatchObject([{ id: queued.id, state: 'failed', lastError: { code: 'PRINTER_OFFLINE' } }])
    expect(await call(core, 'getPrinterStatus', {})).toMatchObject({ state: 'offline', code: 'PRINTER_OFFLINE' })
    expect(seen.some((e) => e.event === 'printerStatus' && (e.payload as { state: string }).state === 'offline')).toBe(true)

    // The preview is there while the printer is down, and it is what will be printed.
    const preview = await call<{ lines: string[] }>(core, 'previewPrintJob', { jobId: queued.id })
    expect(preview.lines.join('\n')).toContain('共济大药房')

    await p.start()
    await call(core, 'retryPrintJob', { jobId: queued.id })
    await until(() => p.receipts.length === 1)
    expect(p.receipts[0].lines.map((l) => l.text)).toEqual(preview.lines)
    expect(p.receipts[0].drawerKicks).toBe(1)
    await until(() =>
      seen.some(
        (e) => e.event === 'printJob' && (e.payload as { id: number; state: string }).id === queued.id && (e.payload as { state: string }).state === 'printed',
      ),
    )

    const reprint = await call<{ id: number; copy: number }>(core, 'reprintSale', { saleId: queued.saleId })
    expect(reprint.copy).toBe(1)
    await until(() => p.receipts.length === 2)
    expect(p.receipts[1].lines.map((l) => l.text).join('\n')).toContain('【重打小票 第1次】')
    expect(p.receipts[1].drawerKicks).toBe(0)
    expect(await refused(core, 'reprintSale', { saleId: 'S-NOT-THERE' })).toMatchObject({ code: 'PRINT_NOTHING_TO_REPRINT' })
    expect(await refused(core, 'retryPrintJob', { jobId: 9999 })).toMatchObject({ code: 'PRINT_JOB_NOT_FOUND' })

    await call(core, 'openCashDrawer')
    await until(() => p.pendingDrawerKicks === 1)
    const audit = core.db.prepare("SELECT actor, action, subject FROM audit_log WHERE action IN ('receipt.reprinted', 'drawer.opened') ORDER BY seq").all()
    expect(audit).toEqual([
      { actor: 'demo-cashier', action: 'receipt.reprinted', subject: queued.saleId },
      { actor: 'demo-cashier', action: 'drawer.opened', subject: 'drawer' },
    ])
  })

  it('without a printer the drawer button says what to do', async () => {
    const { core } = await open(tempDir())
    await signIn(core, 'cashier')
    expect(await refused(core, 'openCashDrawer')).toMatchObject({ code: 'PRINTER_DISABLED' })
  })

  it('turns codes from a serial scanner on a pseudo-terminal into contract scan events, and follows unplugging', async () => {
    const dir = tempDir()
    const cable = new SocatCable(dir)
    cables.push(cable)
    await cable.plug()
    const { core, seen } = await open(dir)
    await signIn(core, 'manager')
    await call(core, 'saveScannerSettings', {
      serial: [{ enabled: true, path: cable.scannerPath, baudRate: 9600, terminator: 'CR', interByteTimeoutMs: 80, reconnectMs: 100 }],
      wedge: { enabled: true, maxGapMs: 35, minLength: 8, confirmAfter: 4 },
      memberQrPrefixes: [],
    })
    const statuses = () => seen.filter((e) => e.event === 'scannerStatus').map((e) => (e.payload as { state: string }).state)
    await until(() => statuses().includes('connected'))
    cable.type('4006381333931\r')
    cable.type('81234567890123456789\r')
    await until(() => seen.filter((e) => e.event === 'scan').length === 2)
    const scans = seen.filter((e) => e.event === 'scan').map((e) => e.payload as { source: string; device: string; result: { kind: string } })
    expect(scans.map((s) => [s.source, s.device, s.result.kind])).toEqual([
      ['serial', cable.scannerPath, 'barcode'],
      ['serial', cable.scannerPath, 'traceability'],
    ])

    await cable.unplug()
    await until(() => statuses().includes('disconnected'))
    await cable.plug()
    // The retries back off (doubling from 100 ms) while unplugged; under load the next one may be seconds away.
    await until(() => statuses().lastIndexOf('connected') > statuses().indexOf('disconnected'), 15_000)
    cable.type('96385074\r')
    await until(() => seen.filter((e) => e.event === 'scan').length === 3)

    // Removing the scanner from the settings stops it, and says so.
    await call(core, 'saveScannerSettings', { serial: [], wedge: { enabled: true, maxGapMs: 35, minLength: 8, confirmAfter: 4 }, memberQrPrefixes: [] })
    expect(statuses().at(-1)).toBe('stopped')
    expect(await call(core, 'getScannerStatus')).toMatchObject({ serial: [] })
  })
})
