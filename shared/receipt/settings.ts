import { z } from 'zod'
import { paperWidthSchema } from './schema'

/** Where the receipt printer is: raw TCP (port 9100), a device file, or an OS print queue. */
export const printerConnectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tcp'), host: z.string().min(1), port: z.number().int().min(1).max(65535).default(9100) }),
  /** "/dev/usb/lp0", "/dev/ttyUSB0", "\\\\.\\COM3", or a shared printer path. */
  z.object({ kind: z.literal('device'), path: z.string().min(1) }),
  /** An OS queue in raw mode, through a printer driver module the app provides. */
  z.object({ kind: z.literal('driver'), printerName: z.string().min(1) }),
])
export type PrinterConnection = z.infer<typeof printerConnectionSchema>

export const printerSettingsSchema = z.object({
  enabled: z.boolean().default(false),
  connection: printerConnectionSchema,
  paper: paperWidthSchema.default('80'),
  openDrawerForCash: z.boolean().default(true),
  /** Ask the printer for its state (DLE EOT) before each job; off for printers that do not answer. */
  statusQuery: z.boolean().default(true),
  /** The job counts as failed after this long. */
  timeoutMs: z.number().int().min(500).max(120_000).default(10_000),
  /** After this long the printer is reported slow while the job keeps going. */
  slowAfterMs: z.number().int().min(100).max(60_000).default(3_000),
  /** Blank lines fed before the cut so the last line clears the cutter. */
  feedBeforeCut: z.number().int().min(0).max(10).default(4),
})
export type PrinterSettings = z.infer<typeof printerSettingsSchema>
export type PrinterSettingsInput = z.input<typeof printerSettingsSchema>
