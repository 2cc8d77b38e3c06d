import type { z } from 'zod'
import { printJobViewSchema, printerStatusSchema } from '../../receipt'
import { scanEventSchema, scannerStatusSchema } from '../../scan'
import type { DEVICES_EVENTS } from './names'

export const devicesEvents = {
  printerStatus: printerStatusSchema,
  printJob: printJobViewSchema,
  scan: scanEventSchema,
  scannerStatus: scannerStatusSchema,
} satisfies Record<(typeof DEVICES_EVENTS)[number], z.ZodType>
