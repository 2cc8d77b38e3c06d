import { z } from 'zod'
import { pairingCodeSchema } from './wire'

export const StoreNodeUrlSchema = z
  .string()
  .trim()
  .pipe(z.url({ protocol: /^https?$/, error: '门店服务器地址应为 http(s):// 开头的网址' }).max(200, '门店服务器地址最多 200 个字符'))

export const PairInputSchema = z.object({
  url: StoreNodeUrlSchema,
  /** As the store node showed it; typed in lower case or with spaces it is still the same code. */
  code: z
    .string()
    .transform((c) => c.replace(/\s+/g, '').toUpperCase())
    .pipe(pairingCodeSchema),
})

export const SyncStatusSchema = z.object({
  paired: z.boolean(),
  storeUrl: z.string().nullable(),
  storeId: z.string().nullable(),
  /** The number the store node allocated, which the counter's msgids carry. */
  terminalNo: z.number().int().nullable(),
  pairedAt: z.string().nullable(),
  /** The highest outbox seq the store node holds with nothing missing below it. */
  ackedSeq: z.number().int().nonnegative(),
  /** Outbox rows the store node does not hold yet. */
  waiting: z.number().int().nonnegative(),
  lastPushAt: z.string().nullable(),
  /** Why the last push failed, in words; null once a push is answered. */
  lastError: z.string().nullable(),
})
export type SyncStatus = z.infer<typeof SyncStatusSchema>
