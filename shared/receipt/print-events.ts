import { z } from 'zod'

/** What the counter shows about the receipt printer. */
export const printerStateSchema = z.enum(['disabled', 'unknown', 'online', 'slow', 'offline', 'paper-out', 'cover-open', 'error'])
export type PrinterState = z.infer<typeof printerStateSchema>

/** Payload of the `printerStatus` event. */
export const printerStatusSchema = z.object({
  state: printerStateSchema,
  /** Chinese, for the cashier. */
  message: z.string(),
  /** Error code when the state is a failure (PRINTER_OFFLINE ...). */
  code: z.string().nullable(),
  /** Where the printer is: "tcp://192.168.1.50:9100", a device path or an OS queue name. */
  target: z.string(),
  at: z.string(),
})
export type PrinterStatus = z.infer<typeof printerStatusSchema>

export const printJobStateSchema = z.enum(['queued', 'printing', 'printed', 'failed'])
export type PrintJobState = z.infer<typeof printJobStateSchema>

export const printJobKindSchema = z.enum(['original', 'corrected', 'reprint', 'refund'])
/** Which of a sale's papers: its receipt (the original, or the corrected one) or its refund slip (退货单). */
export const slipSchema = z.enum(['sale', 'refund'])
export type Slip = z.infer<typeof slipSchema>
export type PrintJobKind = z.infer<typeof printJobKindSchema>

/** Payload of the `printJob` event and the rows of the print queue screen (no receipt body). */
export const printJobViewSchema = z.object({
  id: z.number().int(),
  saleId: z.string(),
  /** The paper's number for the sale: 0 the first, then one more for each corrected receipt or reprint. */
  copy: z.number().int().min(0),
  /** original: printed with the sale; corrected: an offline sale's receipt after the platform answered; refund: its 退货单. */
  kind: printJobKindSchema,
  state: printJobStateSchema,
  attempts: z.number().int().min(0),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type PrintJobView = z.infer<typeof printJobViewSchema>
