import { z } from 'zod'
import { ApprovalSchema } from '../session/schemas'
import { SYNC_API_VERSION, pairingCodeSchema, terminalNoSchema, terminalUidSchema } from './wire'

/**
 * The store's counters as its manager manages them from a paired counter (store-node.md "Registry and
 * pairing"): the registry, a one-time code for a new counter or for re-pairing a blocked one, retiring a
 * counter, and the store node's alarms. The answers are the same shapes on the wire and in the contract.
 */

const at = z.iso.datetime({ offset: true })

export const CounterStateSchema = z.enum(['active', 'blocked', 'retired'])
export type CounterState = z.infer<typeof CounterStateSchema>

export const RegisteredCounterSchema = z.object({
  terminalUid: terminalUidSchema,
  terminalNo: terminalNoSchema,
  label: z.string(),
  pairedAt: at,
  lastPushAt: at.nullable(),
  /** The completeness watermark: when it last reported having nothing unsent. */
  reportedThrough: at.nullable(),
  /** The highest seq the store node holds of it with no gap. */
  ackedSeq: z.number().int().nonnegative(),
  state: CounterStateSchema,
  blockedAt: at.nullable(),
  blockedReason: z.string().nullable(),
  retiredAt: at.nullable(),
  retiredReason: z.string().nullable(),
  /** The number of the counter that took its place when it was re-paired. */
  replacedByNo: terminalNoSchema.nullable(),
  /** Whether a re-pairing code for it is live (shown once; never again). */
  repairPending: z.boolean(),
  /** Rows this counter has not yet sent: known only for the counter asking (its own outbox). */
  waiting: z.number().int().nonnegative().nullable(),
  /** The counter asking. */
  self: z.boolean(),
})
export type RegisteredCounter = z.infer<typeof RegisteredCounterSchema>

export const StoreRegistrySchema = z.object({
  storeId: z.string(),
  storeName: z.string(),
  counters: z.array(RegisteredCounterSchema),
  /** Codes for new counters not yet used nor expired: their labels and expiry, never the codes. */
  openCodes: z.array(z.object({ label: z.string(), createdAt: at, expiresAt: at })),
})
export type StoreRegistry = z.infer<typeof StoreRegistrySchema>

export const OneTimeCodeSchema = z.object({
  code: pairingCodeSchema,
  expiresAt: at,
  label: z.string(),
  /** Set for a re-pairing code: the blocked counter it replaces. */
  replacesNo: terminalNoSchema.nullable(),
})
export type OneTimeCode = z.infer<typeof OneTimeCodeSchema>

export const StoreAlarmSchema = z.object({
  id: z.number().int().positive(),
  at,
  terminalNo: terminalNoSchema.nullable(),
  label: z.string().nullable(),
  code: z.string(),
  message: z.string(),
  ackedAt: at.nullable(),
  ackedBy: z.string().nullable(),
})
export type StoreAlarm = z.infer<typeof StoreAlarmSchema>
export const StoreAlarmsSchema = z.array(StoreAlarmSchema)

const label = z.string().trim().min(1, '请填写收银台名称').max(40)
const reason = z.string().trim().min(2, '请写明原因').max(200)

// The wire's requests: the paired counter's key and terminal_uid go with each (StoreLink.call).
const wire = { version: z.literal(SYNC_API_VERSION), terminal_uid: terminalUidSchema }
export const registryListRequestSchema = z.object(wire)
export const registryCodeRequestSchema = z.object({ ...wire, label })
export const registryRepairRequestSchema = z.object({ ...wire, terminal_no: terminalNoSchema, actor: z.string().min(1) })
export const registryRetireRequestSchema = z.object({ ...wire, terminal_no: terminalNoSchema, reason, actor: z.string().min(1) })
export const alarmsRequestSchema = z.object({ ...wire, include_acked: z.boolean() })
export const alarmAckRequestSchema = z.object({ ...wire, alarm_id: z.number().int().positive(), actor: z.string().min(1) })

// The calls' inputs.
export const NewCounterInputSchema = z.object({ label }).strict()
export const RepairCounterInputSchema = z.object({ terminalNo: terminalNoSchema, approval: ApprovalSchema }).strict()
export const RetireCounterInputSchema = z.object({ terminalNo: terminalNoSchema, reason, approval: ApprovalSchema }).strict()
export const StoreAlarmsInputSchema = z.object({ includeAcked: z.boolean() }).strict()
export const AckAlarmInputSchema = z.object({ alarmId: z.number().int().positive() }).strict()
