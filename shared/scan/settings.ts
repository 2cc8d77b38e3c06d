import { z } from 'zod'
import { memberQrRulesSchema } from './schema'

/** Suffix the scanner is programmed to send after each code. */
export const serialTerminatorSchema = z.enum(['CR', 'LF', 'CRLF', 'TAB', 'none'])
export type SerialTerminator = z.infer<typeof serialTerminatorSchema>

export const serialScannerSettingsSchema = z.object({
  enabled: z.boolean().default(false),
  /** "COM3" on Windows, "/dev/ttyACM0" or a stable "/dev/serial/by-id/..." path on Linux. */
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(9600),
  terminator: serialTerminatorSchema.default('CR'),
  /** Silence that ends a code when there is no terminator, or drops a fragment when there is one. */
  interByteTimeoutMs: z.number().int().min(5).max(2000).default(50),
  /** First wait before reopening an unplugged scanner; doubles up to 5 s. */
  reconnectMs: z.number().int().min(50).max(60_000).default(500),
})
export type SerialScannerSettings = z.infer<typeof serialScannerSettingsSchema>

export const wedgeScannerSettingsSchema = z.object({
  enabled: z.boolean().default(true),
  maxGapMs: z.number().int().min(5).max(200).default(35),
  minLength: z.number().int().min(4).max(64).default(8),
  confirmAfter: z.number().int().min(2).max(16).default(4),
  holdLeadIn: z.boolean().default(false),
})
export type WedgeScannerSettings = z.infer<typeof wedgeScannerSettingsSchema>

export const scannerSettingsSchema = z.object({
  serial: z.array(serialScannerSettingsSchema).default([]),
  wedge: wedgeScannerSettingsSchema.default(wedgeScannerSettingsSchema.parse({})),
  memberQr: memberQrRulesSchema.default(memberQrRulesSchema.parse({})),
})
export type ScannerSettings = z.infer<typeof scannerSettingsSchema>
