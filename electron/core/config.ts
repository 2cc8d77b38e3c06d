import { z } from 'zod'

export const CoreConfigSchema = z.object({
  dataDir: z.string().min(1),
  shell: z.enum(['electron', 'web']),
  version: z.string(),
  /** Store mode: how long a store reconciliation waits for every counter to report (tests shorten it). */
  storeCompletenessWaitMs: z.number().int().nonnegative().optional(),
})
export type CoreConfig = z.infer<typeof CoreConfigSchema>
