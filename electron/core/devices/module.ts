import { PosError } from '../../../shared/contract/errors'
import type { DEVICES_CALLS } from '../../../shared/contract/devices/names'
import type { PrinterForm, ScannerForm, ScannerStatusView } from '../../../shared/contract/devices/schemas'
import type { ScannerStatus } from '../../../shared/scan'
import type { CoreContext, CoreModule } from '../module'
import { DeviceSettingsStore } from './device-settings'
import { printerError } from './printer/errors'
import type { OsPrinterDriver } from './printer/transport'
import { loadSerialPort, SerialScannerService } from './scanner/serial-scanner'
import { WedgeScannerService } from './scanner/wedge-scanner'

type DevicesCall = (typeof DEVICES_CALLS)[number]

/** What the Electron main process needs to feed key-downs of a window to the wedge scanner. */
export type WedgeKeyboard = Pick<WedgeScannerService, 'feedKey' | 'on' | 'timing'>

export interface SerialPortListing {
  path: string
  manufacturer?: string
  serialNumber?: string
  vendorId?: string
  productId?: string
}

export interface DevicesModuleDeps {
  /** The OS print module for `driver` connections; none ships yet, so those are refused. */
  osDriver?: OsPrinterDriver
  listPorts?: () => Promise<SerialPortListing[]>
}

export interface DevicesModule extends CoreModule<DevicesCall> {
  keyboard: WedgeKeyboard
}

/**
 * The counter's hardware: configures the shared print service and the scanners from the stored
 * settings, keeps them running, and puts their events on the core's bus. Printing a sale is the sale
 * module's business (ctx.printer.printCommittedSale); this concern answers the settings, queue and
 * scanner calls.
 */
export function devicesModule(ctx: CoreContext, deps: DevicesModuleDeps = {}): DevicesModule {
  const { db, clock, events, audit, printer, log } = ctx
  const store = new DeviceSettingsStore(db, clock, log)
  let scannerSettings: ScannerForm = store.scanner()
  // Electron's hook holds the first keys of every burst and types them back when they turn out to be
  // typing, so nothing of a scan reaches the field; the hook itself lets IME keys through.
  const wedge = new WedgeScannerService(clock, { ...scannerSettings.wedge, holdLeadIn: true }, memberQr(scannerSettings))
  let serial: Array<{ service: SerialScannerService; off: () => void }> = []
  const offs: Array<() => void> = []
  let statusCheck: Promise<unknown> | undefined

  function memberQr(s: ScannerForm) {
    return { prefixes: s.memberQrPrefixes, minLength: 16, maxLength: 512 }
  }

  function requireDriver(settings: PrinterForm): void {
    if (settings.connection.kind === 'driver' && !deps.osDriver) throw printerError('PRINTER_DRIVER_MISSING')
  }

  function printerView() {
    return { settings: store.printer(), codePage: 'GB18030' as const, driverAvailable: Boolean(deps.osDriver) }
  }

  function checkPrinter(): Promise<unknown> {
    const check = printer.checkStatus().finally(() => {
      if (statusCheck === check) statusCheck = undefined
    })
    statusCheck = check
    return check
  }

  async function startSerial(settings: ScannerForm): Promise<void> {
    const old = serial
    serial = []
    // Stopped scanners still say so (scannerStatus "stopped") before they are let go.
    for (const s of old) await s.service.stop()
    for (const s of old) s.off()
    for (const entry of settings.serial.filter((s) => s.enabled)) {
      const service = new SerialScannerService({ settings: entry, clock, memberQr: memberQr(settings) })
      const offScan = service.on('scan', (e) => events.emit('scan', e))
      const offStatus = service.on('scannerStatus', (s) => events.emit('scannerStatus', s))
      serial.push({ service, off: () => (offScan(), offStatus()) })
      service.start()
    }
  }

  function scannerStatus(): ScannerStatusView {
    return { serial: serial.map((s): ScannerStatus => s.service.status), wedge: scannerSettings.wedge }
  }

  const listPorts =
    deps.listPorts ??
    (async (): Promise<SerialPortListing[]> =>
      (await (await loadSerialPort()).SerialPort.list()).map((p) => ({
        path: p.path,
        manufacturer: p.manufacturer,
        serialNumber: p.serialNumber,
        vendorId: p.vendorId,
        productId: p.productId,
      })))

  return {
    keyboard: wedge,
    handlers: {
      getPrinterSettings: () => printerView(),
      savePrinterSettings: (settings, caller) => {
        requireDriver(settings)
        db.transaction(() => {
          store.writePrinter(settings)
          audit.append({ actor: caller.id, action: 'devices.printer.saved', subject: 'printer', detail: { ...settings } })
        })()
        printer.configure(settings)
        if (settings.enabled) void checkPrinter()
        return printerView()
      },
      testPrint: async ({ settings }) => {
        if (settings) requireDriver(settings)
        return printer.testPrint(settings)
      },
      getPrinterStatus: async ({ refresh }) => {
        if (refresh) await checkPrinter()
        return printer.status
      },
      listPrintJobs: (filter) => printer.jobs(filter),
      reprintSale: ({ saleId, slip }, caller) =>
        // The new copy and its audit row commit together: every paper that leaves the counter is accounted for.
        db.transaction(() => {
          const job = printer.reprint(saleId, slip)
          audit.append({ actor: caller.id, action: 'receipt.reprinted', subject: saleId, detail: { jobId: job.id, copy: job.copy, slip } })
          return job
        })(),
      retryPrintJob: ({ jobId }) => printer.retry(jobId),
      previewPrintJob: ({ jobId }) => {
        const lines = printer.previewJob(jobId)
        return { job: printer.job(jobId)!, lines }
      },
      openCashDrawer: async (_input, caller) => {
        await printer.openDrawer()
        audit.append({ actor: caller.id, action: 'drawer.opened', subject: 'drawer', detail: { reason: 'no-sale' } })
        return { opened: true as const }
      },
      getScannerSettings: () => scannerSettings,
      saveScannerSettings: async (settings, caller) => {
        db.transaction(() => {
          store.writeScanner(settings)
          audit.append({ actor: caller.id, action: 'devices.scanner.saved', subject: 'scanner', detail: { ...settings } })
        })()
        scannerSettings = settings
        wedge.configure({ ...settings.wedge, holdLeadIn: true }, memberQr(settings))
        await startSerial(settings)
        return scannerSettings
      },
      getScannerStatus: () => scannerStatus(),
      listSerialPorts: async () => {
        try {
          const ports = await listPorts()
          return ports.map((p) => ({
            path: p.path,
            manufacturer: p.manufacturer ?? null,
            serialNumber: p.serialNumber ?? null,
            vendorId: p.vendorId ?? null,
            productId: p.productId ?? null,
          }))
        } catch (e) {
          throw new PosError('SERIAL_LIST_FAILED', { detail: e instanceof Error ? e.message : String(e) })
        }
      },
      submitScan: ({ text, device }) => {
        if (!scannerSettings.wedge.enabled) throw new PosError('SCANNER_WEDGE_OFF')
        return wedge.submitText(text, 'page', device)
      },
    },
    async start() {
      offs.push(
        printer.on('printerStatus', (s) => events.emit('printerStatus', s)),
        printer.on('printJob', (j) => events.emit('printJob', j)),
        wedge.on('scan', (e) => events.emit('scan', e)),
      )
      const stored = store.printer()
      if (stored) printer.configure(stored)
      printer.start()
      if (stored?.enabled) void checkPrinter()
      await startSerial(scannerSettings)
    },
    async close() {
      for (const s of serial) await s.service.stop()
      for (const s of serial) s.off()
      serial = []
      wedge.dispose()
      await statusCheck?.catch(() => undefined)
      for (const off of offs.splice(0)) off()
    },
  }
}
