import { z } from 'zod'
import { PosErrorSchema } from '../envelope'
import { regionPolicySchema } from '../../settlement/policy'
import { MemberViewSchema } from '../sale/schemas'

const Yuan = z.string().regex(/^-?\d+\.\d{2}$/)
const YuanInput = z.string().regex(/^\d+(\.\d{1,2})?$/, '金额须为非负数，至多 2 位小数')

export const ConnectivityStateSchema = z.enum(['online', 'degraded', 'offline'])
export const OfflineModeSchema = z.enum(['deposit', 'advance'])

/** The line to the platform and the queue behind it: what the banner on every screen shows. */
export const ConnectivityStatusSchema = z.object({
  state: ConnectivityStateSchema,
  since: z.string(),
  /** The last failure, in words, while not online. */
  reason: z.string().nullable(),
  lastOkAt: z.string().nullable(),
  mode: OfflineModeSchema,
  queue: z.object({
    /** Messages still to forward (sales and traceability uploads). */
    queued: z.number().int(),
    sales: z.number().int(),
    uploads: z.number().int(),
    oldestAt: z.string().nullable(),
    /** What the store has advanced and not yet got back. */
    outstanding: Yuan,
    forwarding: z.boolean(),
    nextAttemptAt: z.string().nullable(),
    lastError: z.string().nullable(),
    /** Sales held because the platform said their msgid was taken by another message: a local fault for the manager. */
    held: z.number().int(),
  }),
  /** Offline sales whose outcome waits for a person: refunds to hand over, receivables to collect. */
  toResolve: z.number().int(),
})
export type ConnectivityStatus = z.infer<typeof ConnectivityStatusSchema>

export const EstimateSchema = z.object({
  medical: Yuan,
  fund: Yuan,
  account: Yuan,
  mutualAid: Yuan,
  personCash: Yuan,
  goods: Yuan,
  cashDue: Yuan,
  quotaLeft: Yuan.nullable(),
  policyRegion: z.string().nullable(),
  policySource: z.enum(['training', 'manager']).nullable(),
  snapshotSeenAt: z.string(),
})
export type EstimateView = z.infer<typeof EstimateSchema>

export const OfflineRefusalSchema = PosErrorSchema.pick({ code: true, message: true, params: true })

export const OfflineQuoteSchema = z.object({
  saleId: z.string(),
  total: Yuan,
  estimate: EstimateSchema,
  /** The store's mode; advance only when a manager turned it on. */
  storeMode: OfflineModeSchema,
  deposit: z.object({ payNow: Yuan }),
  advance: z.object({ payNow: Yuan, advanced: Yuan, refusal: OfflineRefusalSchema.nullable() }),
  /**
   * Store mode: how the store's one advance pool was checked — `store`: the store node counted every counter;
   * `share`: it did not answer, so this counter keeps its fixed share (`limit`, the store's limit ÷ `counters`).
   */
  storePool: z.object({ scope: z.enum(['store', 'share']), limit: Yuan, counters: z.number().int().positive() }).optional(),
  /** Whether the counter may take the sale offline now (the platform is not online). */
  offlineNow: z.boolean(),
})
export type OfflineQuote = z.infer<typeof OfflineQuoteSchema>

/** held: the platform said the sale's msgid was taken by another message; kept queued for a manager, never a decline. */
export const OfflineStateSchema = z.enum(['queued', 'forwarding', 'held', 'settled', 'declined'])
export const ResolutionSchema = z.enum(['waiting', 'refund_due', 'receivable', 'closed'])

export const OfflineSaleViewSchema = z.object({
  saleId: z.string(),
  mode: OfflineModeSchema,
  state: OfflineStateSchema,
  resolution: ResolutionSchema,
  queuedAt: z.string(),
  cashier: z.string(),
  terminalId: z.string(),
  memberNameMasked: z.string().nullable(),
  total: Yuan,
  /** What the customer paid at the counter. */
  paid: Yuan,
  advanced: Yuan,
  estimate: EstimateSchema,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  outcome: z
    .object({
      at: z.string(),
      settlementId: z.string().nullable(),
      declineReason: z.string().nullable(),
      /** The platform's split, when it settled. */
      fund: Yuan,
      account: Yuan,
      mutualAid: Yuan,
      personCash: Yuan,
      /** What the customer owes in all for the sale now. */
      customerShare: Yuan,
      /** > 0: refund the customer this much; < 0: the customer owes this much. */
      due: Yuan,
    })
    .nullable(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  /** Traceability uploads of this sale: sent, waiting, declined (with the platform's reason). */
  uploads: z.object({ done: z.number().int(), waiting: z.number().int(), declined: z.array(z.string()) }),
  /**
   * The receipt as it stands now: the offline one, or the corrected one once the outcome is in. Laid out
   * only for one sale asked for (`offlineSale`, a call's answer); lists and `offlineSaleChanged` carry null.
   */
  receipt: z.object({ kind: z.enum(['offline', 'corrected']), lines: z.array(z.string()) }).nullable(),
})
export type OfflineSaleView = z.infer<typeof OfflineSaleViewSchema>

export const OfflineMemberSchema = z.object({
  member: MemberViewSchema,
  /** When this store last saw the customer online: the insurance and quotas shown are as of then. */
  snapshotSeenAt: z.string(),
})

export const OfflinePaymentSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('cash'), tendered: YuanInput }).strict(),
  z.object({ method: z.literal('mobile') }).strict(),
])

export const SettleOfflineInputSchema = z.object({ saleId: z.string().min(1), mode: OfflineModeSchema, payment: OfflinePaymentSchema }).strict()

export const OfflineSettingsSchema = z.object({
  mode: OfflineModeSchema,
  perSale: Yuan,
  outstanding: Yuan,
  maxAgeHours: z.number().int(),
})
export const SetOfflineSettingsSchema = z
  .object({
    mode: OfflineModeSchema,
    perSale: YuanInput,
    outstanding: YuanInput,
    maxAgeHours: z.number().int().min(1, '最长时限至少 1 小时').max(72, '最长时限不超过 72 小时'),
  })
  .strict()

export const StoredPolicySchema = z.object({ policy: regionPolicySchema, source: z.enum(['training', 'manager']), updatedAt: z.string() })
