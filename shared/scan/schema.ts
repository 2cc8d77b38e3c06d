import { z } from 'zod'

export const gs1ElementSchema = z.object({ ai: z.string().regex(/^\d{2,4}$/), value: z.string() })

/** What a scanned string turned out to be. `raw` is the text as received, trailing terminator removed. */
export const scanResultSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('member-qr'),
    raw: z.string(),
    /** Opaque: only the platform's decode service can read it (nhsa-interface.md). */
    token: z.string(),
  }),
  z.object({
    kind: z.literal('barcode'),
    raw: z.string(),
    symbology: z.enum(['ean13', 'upca', 'ean8', 'gtin14']),
    digits: z.string().regex(/^\d+$/),
    gtin14: z.string().regex(/^\d{14}$/),
  }),
  z.object({
    kind: z.literal('traceability'),
    raw: z.string(),
    /** The 20-digit 药品追溯码 as sold, uploaded as `drug_trac_codg`. */
    code: z.string().regex(/^\d{20}$/),
    /** The first 7 digits identify the drug pack (药品标识码); the rest are serial and check digits. */
    productCode: z.string().regex(/^\d{7}$/),
  }),
  z.object({
    kind: z.literal('gs1'),
    raw: z.string(),
    elements: z.array(gs1ElementSchema).min(1),
    gtin14: z
      .string()
      .regex(/^\d{14}$/)
      .optional(),
    /** ISO date from AI 17. */
    expiry: z.string().optional(),
    lot: z.string().optional(),
    serial: z.string().optional(),
  }),
  z.object({
    kind: z.literal('unknown'),
    raw: z.string(),
    /** Chinese, for the cashier: why it was not recognised. */
    reason: z.string(),
  }),
])
export type ScanResult = z.infer<typeof scanResultSchema>
export type ScanKind = ScanResult['kind']

export const scanSourceSchema = z.enum(['serial', 'wedge', 'page'])
export type ScanSource = z.infer<typeof scanSourceSchema>

/** The event every scanner emits, whatever its kind: the contract's `scan` event payload. */
export const scanEventSchema = z.object({
  source: scanSourceSchema,
  /** Serial port path, or the window for a wedge; never personal data. */
  device: z.string(),
  at: z.string(),
  result: scanResultSchema,
})
export type ScanEvent = z.infer<typeof scanEventSchema>

export const memberQrRulesSchema = z.object({
  /** When non-empty, a member QR must start with one of these (a region's or our own member cards). */
  prefixes: z.array(z.string().min(1)).default([]),
  minLength: z.number().int().min(1).default(16),
  maxLength: z.number().int().max(4096).default(512),
})
export type MemberQrRules = z.infer<typeof memberQrRulesSchema>

export const scannerStateSchema = z.enum(['stopped', 'connecting', 'connected', 'disconnected'])
export type ScannerState = z.infer<typeof scannerStateSchema>

/** Payload of the `scannerStatus` event: one per serial scanner. */
export const scannerStatusSchema = z.object({
  device: z.string(),
  state: scannerStateSchema,
  /** Chinese, for the cashier. */
  message: z.string(),
  at: z.string(),
})
export type ScannerStatus = z.infer<typeof scannerStatusSchema>
