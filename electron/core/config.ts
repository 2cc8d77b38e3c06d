import { z } from 'zod'

export const CoreConfigSchema = z.object({
  dataDir: z.string().min(1),
  shell: z.enum(['electron', 'web']),
  version: z.string(),
})
export type CoreConfig = z.infer<typeof CoreConfigSchema>
