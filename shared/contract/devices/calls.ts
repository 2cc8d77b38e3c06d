import { z } from 'zod'
import { printJobViewSchema, printerStatusSchema, slipSchema } from '../../receipt'
import { scanEventSchema } from '../../scan'
import { ANY_STAFF, COUNTER, defineCall, MANAGER, NoInput, type CallDef } from '../define'
import type { DEVICES_CALLS } from './names'
import {
  PrinterFormSchema,
  PrinterSettingsViewSchema,
  PrintJobFilterSchema,
  ScannerFormSchema,
  ScannerStatusViewSchema,
  SerialPortInfoSchema,
  SubmitScanSchema,
} from './schemas'

const PRINTER_FAILURES = [
  'PRINTER_DISABLED',
  'PRINTER_OFFLINE',
  'PRINTER_PAPER_OUT',
  'PRINTER_COVER_OPEN',
  'PRINTER_TIMEOUT',
  'PRINTER_WRITE_FAILED',
  'PRINTER_DRIVER_MISSING',
] as const
const JobId = z.object({ jobId: z.number().int().positive() }).strict()

export const devicesCalls = {
  getPrinterSettings: defineCall({
    summary: "The receipt printer's settings (null until configured), the fixed Chinese code page, and whether OS print queues can be used.",
    access: MANAGER,
    input: NoInput,
    output: PrinterSettingsViewSchema,
    errors: [],
  }),
  savePrinterSettings: defineCall({
    summary: 'Stores the printer settings and applies them at once (queued receipts then print). Emits printerStatus.',
    access: MANAGER,
    input: PrinterFormSchema,
    output: PrinterSettingsViewSchema,
    errors: ['PRINTER_DRIVER_MISSING'],
  }),
  testPrint: defineCall({
    summary: "Prints the test page with the form's unsaved settings (or the stored ones) and answers the lines printed, for the on-screen preview.",
    access: MANAGER,
    input: z.object({ settings: PrinterFormSchema.optional() }).strict(),
    output: z.object({ target: z.string(), lines: z.array(z.string()) }),
    errors: [...PRINTER_FAILURES],
  }),
  getPrinterStatus: defineCall({
    summary: "The printer's last known state; with refresh, asks the printer first (DLE EOT where it answers). Emits printerStatus on change.",
    access: ANY_STAFF,
    input: z.object({ refresh: z.boolean().default(false) }).strict(),
    output: printerStatusSchema,
    errors: [],
  }),
  listPrintJobs: defineCall({
    summary: 'Print jobs, newest first (no receipt bodies); filter by state (failed and queued ones for the counter) or sale.',
    access: COUNTER,
    input: PrintJobFilterSchema,
    output: z.array(printJobViewSchema),
    errors: [],
  }),
  reprintSale: defineCall({
    summary:
      "Prints another copy of a sale's receipt (slip 'sale') or of its refund slip 退货单 ('refund'), marked as a reprint, never opening the drawer. Audited. Emits printJob.",
    access: COUNTER,
    input: z.object({ saleId: z.string().min(1).max(64), slip: slipSchema.default('sale') }).strict(),
    output: printJobViewSchema,
    errors: ['PRINT_NOTHING_TO_REPRINT'],
  }),
  retryPrintJob: defineCall({
    summary: 'Tries a failed job again (same copy: its paper never came out). A printed job stays printed. Emits printJob.',
    access: COUNTER,
    input: JobId,
    output: printJobViewSchema,
    errors: ['PRINT_JOB_NOT_FOUND'],
  }),
  previewPrintJob: defineCall({
    summary: "A job's lines exactly as the printer gets them (paper width of the current settings).",
    access: COUNTER,
    input: JobId,
    output: z.object({ job: printJobViewSchema, lines: z.array(z.string()) }),
    errors: ['PRINT_JOB_NOT_FOUND'],
  }),
  openCashDrawer: defineCall({
    summary: 'Pulses the cash drawer through the receipt printer. Audited.',
    access: COUNTER,
    input: NoInput,
    output: z.object({ opened: z.literal(true) }),
    errors: [...PRINTER_FAILURES],
  }),
  getScannerSettings: defineCall({
    summary: 'Serial scanners (port, baud rate, terminator, timing), keyboard-wedge capture and member QR prefixes.',
    access: MANAGER,
    input: NoInput,
    output: ScannerFormSchema,
    errors: [],
  }),
  saveScannerSettings: defineCall({
    summary: 'Stores the scanner settings and restarts the scanners with them. Emits scannerStatus.',
    access: MANAGER,
    input: ScannerFormSchema,
    output: ScannerFormSchema,
    errors: [],
  }),
  getScannerStatus: defineCall({
    summary: "Each serial scanner's connection state, and whether keyboard-wedge capture is on.",
    access: ANY_STAFF,
    input: NoInput,
    output: ScannerStatusViewSchema,
    errors: [],
  }),
  listSerialPorts: defineCall({
    summary: "The machine's serial ports (USB-COM scanners show up here), for the scanner form.",
    access: MANAGER,
    input: NoInput,
    output: z.array(SerialPortInfoSchema),
    errors: ['SERIAL_LIST_FAILED'],
  }),
  submitScan: defineCall({
    summary: "A keyboard-wedge burst the browser shell's page recognised: classified here and emitted as a scan event (source 'page').",
    access: ANY_STAFF,
    input: SubmitScanSchema,
    output: scanEventSchema,
    errors: ['SCANNER_WEDGE_OFF'],
  }),
} satisfies Record<(typeof DEVICES_CALLS)[number], CallDef>
