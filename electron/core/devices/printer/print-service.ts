import { z } from 'zod'
import { PosError } from '../../../../shared/contract/errors'
import {
  layoutReceipt,
  PAPER_COLUMNS,
  previewLines,
  printableDoc,
  printerSettingsSchema,
  receiptSchema,
  testPageDoc,
  type PrinterSettings,
  type PrinterSettingsInput,
  type PrinterState,
  type PrinterStatus,
  type PrintJobState,
  type PrintJobView,
  type ReceiptDoc,
  type ReceiptInput,
  type Slip,
} from '../../../../shared/receipt'
import type { Clock } from '../../../base/clock'
import type { Db } from '../../../base/store/database'
import { cstDateTime } from '../../sale'
import { TypedEmitter } from '../typed-emitter'
import { DevicePrinterTransport } from './device-transport'
import { DriverPrinterTransport } from './driver-transport'
import { encodeDrawerKick, encodeReceipt } from './encode-receipt'
import { asPrinterError, printerError } from './errors'
import { PrintJobStore, viewOf } from './print-job-store'
import { TcpPrinterTransport } from './tcp-transport'
import { describeConnection, type OsPrinterDriver, type PrinterTransport } from './transport'

/** What the caller vouches for: the sale is in the journal, committed. Printing never precedes that. */
export const committedSaleSchema = z.object({
  saleCommitted: z.literal(true),
  receipt: receiptSchema,
})
export type CommittedSaleInput = { saleCommitted: true; receipt: ReceiptInput }

export interface PrintServiceEvents extends Record<string, unknown> {
  printerStatus: PrinterStatus
  printJob: PrintJobView
}

export interface PrintServiceDeps {
  db: Db
  clock: Clock
  /** null until the store configures a printer: jobs are still kept, and fail with PRINTER_DISABLED. */
  settings: PrinterSettingsInput | null
  /** OS print module for `driver` connections (e.g. node-printer), if the app ships one. */
  osDriver?: OsPrinterDriver
  /** Time-of-day for the test page; defaults to Beijing time, as the receipts print it (B16). */
  formatTime?: (d: Date) => string
}

const STATE_OF_CODE: Record<string, PrinterState> = {
  PRINTER_OFFLINE: 'offline',
  PRINTER_TIMEOUT: 'offline',
  PRINTER_PAPER_OUT: 'paper-out',
  PRINTER_COVER_OPEN: 'cover-open',
  PRINTER_DISABLED: 'disabled',
}

/**
 * The receipt printer at the counter. Jobs are rows in print_jobs before any byte is sent; one worker
 * prints them in order. A failed job stays failed with its reason until the cashier retries or
 * reprints: a receipt that surfaces minutes later, after the customer left, helps nobody.
 */
export class PrintService extends TypedEmitter<PrintServiceEvents> {
  private readonly store: PrintJobStore
  private settings: PrinterSettings | null
  private current: PrinterStatus
  private draining: Promise<void> | undefined
  private closed = false

  constructor(private readonly deps: PrintServiceDeps) {
    super()
    this.store = new PrintJobStore(deps.db, deps.clock)
    this.settings = deps.settings ? printerSettingsSchema.parse(deps.settings) : null
    this.current = this.statusFor(this.settings?.enabled ? 'unknown' : 'disabled', null, '尚未检测打印机')
  }

  get status(): PrinterStatus {
    return this.current
  }

  /**
   * Start-up: jobs cut off by a crash become failed (they may have half printed), queued ones print.
   * Call once, before taking sales.
   */
  start(): void {
    for (const id of this.store.failInterrupted('PRINT_INTERRUPTED', printerError('PRINT_INTERRUPTED').message)) this.emitJob(id)
    void this.kick()
  }

  configure(settings: PrinterSettingsInput | null): void {
    this.settings = settings ? printerSettingsSchema.parse(settings) : null
    this.setStatus(this.settings?.enabled ? 'unknown' : 'disabled', null, this.settings?.enabled ? '打印机设置已更新' : '未启用打印机')
    // Receipts queued while the settings changed go out with the new ones; failed ones stay failed.
    void this.kick()
  }

  /** Queues the receipt of a committed sale. Idempotent per sale: a repeated call returns the same job. */
  printCommittedSale(input: CommittedSaleInput): PrintJobView {
    const { receipt } = committedSaleSchema.parse(input)
    const openDrawer = receipt.payment.method === 'cash' && (this.settings?.openDrawerForCash ?? false)
    const { job, created } = this.store.addOriginal(receipt.saleId, receipt, openDrawer)
    if (created) this.emit('printJob', viewOf(job))
    void this.kick()
    return viewOf(job)
  }

  /**
   * Prints an offline sale's corrected receipt. Every call prints one more paper (the resolution may have
   * changed since the last one); the sale's first receipt must exist, since a correction corrects it.
   */
  printCorrected(input: CommittedSaleInput): PrintJobView {
    const { receipt } = committedSaleSchema.parse(input)
    const job = this.store.addCorrected(receipt.saleId, receipt)
    if (!job) throw printerError('PRINT_NOTHING_TO_REPRINT')
    this.emit('printJob', viewOf(job))
    void this.kick()
    return viewOf(job)
  }

  /** Queues the refund slip (退货单) of a refunded sale. Idempotent per sale; never opens the drawer. */
  printRefundSlip(input: CommittedSaleInput): PrintJobView {
    const { receipt } = committedSaleSchema.parse(input)
    const { job, created } = this.store.addRefundSlip(receipt.saleId, receipt)
    if (created) this.emit('printJob', viewOf(job))
    void this.kick()
    return viewOf(job)
  }

  /** Prints another copy of a sale's receipt or its refund slip, marked as a reprint, from the stored paper. */
  reprint(saleId: string, slip: Slip = 'sale'): PrintJobView {
    const job = this.store.addReprint(saleId, slip)
    if (!job) throw printerError('PRINT_NOTHING_TO_REPRINT')
    this.emit('printJob', viewOf(job))
    void this.kick()
    return viewOf(job)
  }

  /** Tries a failed job again (same copy number: the first paper never came out). */
  retry(jobId: number): PrintJobView {
    const job = this.store.get(jobId)
    if (!job) throw printerError('PRINT_JOB_NOT_FOUND')
    if (this.store.requeue(jobId)) this.emitJob(jobId)
    void this.kick()
    return viewOf(this.store.get(jobId)!)
  }

  jobs(filter: { states?: PrintJobState[]; saleId?: string; limit?: number } = {}): PrintJobView[] {
    return this.store.list(filter)
  }

  job(id: number): PrintJobView | undefined {
    const job = this.store.get(id)
    return job && viewOf(job)
  }

  /** The exact lines a job prints, for the on-screen preview. */
  previewJob(id: number): string[] {
    const job = this.store.get(id)
    if (!job) throw printerError('PRINT_JOB_NOT_FOUND')
    return previewLines(layoutReceipt(job.receipt, { paper: this.settings?.paper ?? '80', copy: job.reprint }))
  }

  /** Resolves when no job is waiting or printing. */
  async whenIdle(): Promise<void> {
    while (this.draining) await this.draining
  }

  async close(): Promise<void> {
    this.closed = true
    await this.whenIdle()
  }

  /** The cashier's drawer button. */
  async openDrawer(): Promise<void> {
    const settings = this.requireSettings()
    await this.send(settings, encodeDrawerKick(), false)
  }

  /** Prints the test page with the given settings (the form's unsaved values) or the current ones. */
  /**
   * Prints a report that is not a sale (the Z report): laid out for the configured paper, sent at once
   * rather than queued, because the report it prints stays on disk and can be printed again.
   */
  async printDocument(build: (columns: number) => ReceiptDoc): Promise<string[]> {
    const settings = this.requireSettings()
    // Its text (a store or a cashier's name) may carry control characters: they never reach the printer.
    const doc = printableDoc(build(PAPER_COLUMNS[settings.paper]))
    await this.send(settings, encodeReceipt(doc, { feedBeforeCut: settings.feedBeforeCut }), true)
    return previewLines(doc)
  }

  async testPrint(candidate?: PrinterSettingsInput): Promise<{ target: string; lines: string[] }> {
    const settings = candidate ? printerSettingsSchema.parse({ ...candidate, enabled: true }) : this.requireSettings()
    const target = describeConnection(settings.connection)
    const at = (this.deps.formatTime ?? ((d: Date) => cstDateTime(d.toISOString())))(this.deps.clock.now())
    const doc = testPageDoc(settings.paper, at, target)
    await this.send(settings, encodeReceipt(doc, { feedBeforeCut: settings.feedBeforeCut }), settings === this.settings)
    return { target, lines: previewLines(doc) }
  }

  /** Asks the printer how it is (connect + DLE EOT where possible) and publishes the answer. */
  async checkStatus(): Promise<PrinterStatus> {
    if (!this.settings?.enabled) return this.setStatus('disabled', 'PRINTER_DISABLED', printerError('PRINTER_DISABLED').message)
    try {
      await this.send(this.settings, Buffer.alloc(0), true)
    } catch {
      // send() already published the failure.
    }
    return this.current
  }

  private requireSettings(): PrinterSettings {
    if (!this.settings?.enabled) throw printerError('PRINTER_DISABLED')
    return this.settings
  }

  private transportFor(settings: PrinterSettings): PrinterTransport {
    const c = settings.connection
    switch (c.kind) {
      case 'tcp':
        return new TcpPrinterTransport(c.host, c.port)
      case 'device':
        return new DevicePrinterTransport(c.path)
      case 'driver':
        if (!this.deps.osDriver) throw printerError('PRINTER_DRIVER_MISSING')
        return new DriverPrinterTransport(c.printerName, this.deps.osDriver)
    }
  }

  /** Sends bytes; when `publish`, the outcome becomes the printer status the counter shows. */
  private async send(settings: PrinterSettings, bytes: Buffer, publish: boolean): Promise<void> {
    const transport = this.transportFor(settings)
    try {
      await transport.send(bytes, {
        timeoutMs: settings.timeoutMs,
        slowAfterMs: settings.slowAfterMs,
        statusQuery: settings.statusQuery,
        onSlow: () => publish && this.setStatus('slow', null, '打印机响应缓慢，正在等待……'),
      })
      if (publish) this.setStatus('online', null, '打印机正常')
    } catch (e) {
      const error = asPrinterError(e)
      if (publish) this.setStatus(STATE_OF_CODE[error.code] ?? 'error', error.code, error.message)
      throw error
    }
  }

  /** Single worker: starts draining unless it already runs. */
  private kick(): Promise<void> {
    this.draining ??= (async () => {
      // Yield first, so `draining` is assigned before the body can finish and clear it.
      await null
      try {
        await this.drain()
      } finally {
        this.draining = undefined
      }
    })()
    return this.draining
  }

  private async drain(): Promise<void> {
    for (let job = this.store.nextQueued(); job && !this.closed; job = this.store.nextQueued()) {
      this.store.markPrinting(job.id)
      this.emitJob(job.id)
      try {
        const settings = this.requireSettings()
        const doc = layoutReceipt(job.receipt, { paper: settings.paper, copy: job.reprint })
        await this.send(settings, encodeReceipt(doc, { openDrawer: job.openDrawer, feedBeforeCut: settings.feedBeforeCut }), true)
        this.store.markPrinted(job.id)
      } catch (e) {
        const error = e instanceof PosError ? e : asPrinterError(e)
        if (error.code === 'PRINTER_DISABLED') this.setStatus('disabled', error.code, error.message)
        this.store.markFailed(job.id, error.code, error.message)
      }
      this.emitJob(job.id)
    }
  }

  private emitJob(id: number): void {
    const job = this.store.get(id)
    if (job) this.emit('printJob', viewOf(job))
  }

  private statusFor(state: PrinterState, code: string | null, message: string): PrinterStatus {
    const target = this.settings ? describeConnection(this.settings.connection) : ''
    return { state, code, message, target, at: this.deps.clock.now().toISOString() }
  }

  private setStatus(state: PrinterState, code: string | null, message: string): PrinterStatus {
    const next = this.statusFor(state, code, message)
    const changed = next.state !== this.current.state || next.code !== this.current.code || next.target !== this.current.target
    this.current = next
    if (changed) this.emit('printerStatus', next)
    return next
  }
}
