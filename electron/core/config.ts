import { z } from 'zod'

export const CoreConfigSchema = z.object({
  dataDir: z.string().min(1),
  shell: z.enum(['electron', 'web']),
  version: z.string(),
  /** Store mode: how long a store reconciliation waits for every counter to report (tests shorten it). */
  storeCompletenessWaitMs: z.number().int().nonnegative().optional(),
  /** How long a 付款码 payment is polled and waited for (electron/core/payment/); the providers' advice by default. */
  mobilePay: z
    .object({ pollMs: z.number().int().min(10).max(30_000), deadlineMs: z.number().int().min(100).max(300_000) })
    .partial()
    .optional(),
})
export type CoreConfig = z.infer<typeof CoreConfigSchema>
