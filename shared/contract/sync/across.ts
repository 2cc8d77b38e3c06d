import { z } from 'zod'
import { DaySchema } from '../manager/schemas'
import { wire } from './store-day'

/**
 * Across counters (issue 15, store-node.md §5.7): what a paired counter asks the store node about the
 * store's other counters — a sale to refund here, a box code sold anywhere in the store.
 */

/** By the receipt's code (the sale id its QR carries), the platform's settlement id, or a day and a member. */
export const storeSaleQuerySchema = z.union([
  z.object({ sale_id: z.string().min(1).max(64) }).strict(),
  z.object({ setl_id: z.string().min(1).max(64) }).strict(),
  z.object({ day: DaySchema, psn_no: z.string().min(1).max(40) }).strict(),
])
export type StoreSaleQuery = z.infer<typeof storeSaleQuerySchema>
export const findSalesRequestSchema = wire({ query: storeSaleQuerySchema })

/** A synced `sales` row and its `sale_lines`, as the selling counter pushed them (the outbox's columns). */
export const syncedRowSchema = z.record(z.string(), z.unknown())
export const storeSaleSchema = z.object({
  sale_id: z.string(),
  terminal_uid: z.uuid(),
  terminal_no: z.number().int().min(1).max(99),
  terminal_label: z.string(),
  sale: syncedRowSchema,
  lines: z.array(syncedRowSchema),
  /** Refunded at any counter of the store (its own or another), as far as the store node knows. */
  refunded: z.boolean(),
  /**
   * The seller's stock uploads of the sale (3505) the platform accepted, their requests as sent: a return (3506)
   * is taken only against the batch its sale named, whichever counter takes the box back.
   */
  sold_uploads: z.array(z.string()).default([]),
})
export type StoreSale = z.infer<typeof storeSaleSchema>
export const findSalesAnswerSchema = z.array(storeSaleSchema)

/** A short lease on a sale's refund, so two counters cannot refund it at once (taken before the 2103). */
export const leaseRequestSchema = wire({ sale_id: z.string().min(1).max(64) })
export const leaseAnswerSchema = z.object({ sale: storeSaleSchema, expires_at: z.iso.datetime() })
/** The seller's lease on its own sale, before its own refund: granted whether or not the sale has reached the store node. */
export const ownLeaseRequestSchema = wire({ sale_id: z.string().min(1).max(64) })
export const ownLeaseAnswerSchema = z.object({ expires_at: z.iso.datetime() })
/** refunded: the 2103 was answered under `msgid` (the selling counter is told); abandoned: refused or reversed, nothing changed. */
export const releaseRequestSchema = wire({
  sale_id: z.string().min(1).max(64),
  outcome: z.enum(['refunded', 'abandoned']),
  msgid: z.string().length(30).nullable(),
})
export const releaseAnswerSchema = z.object({ released: z.boolean() })

/** Which of these box codes (追溯码) a counter of the store has sold and not taken back, in the asking counter's mode. */
export const traceCodesRequestSchema = wire({ codes: z.array(z.string().min(1).max(80)).min(1).max(500), training: z.boolean() })
export const traceCodesAnswerSchema = z.array(z.object({ code: z.string(), sale_id: z.string(), terminal_no: z.number().int() }))
export type SoldTraceCode = z.infer<typeof traceCodesAnswerSchema>[number]

/**
 * The store's offline advance limit as one pool across its counters (store-node.md, across counters). The counter
 * says what it has advanced and not got back itself (its newest rows may not have reached the store node yet) and
 * what this sale would add; with `reserve` the amount is held for it until its offline sale arrives.
 */
export const offlineAdvanceRequestSchema = wire({
  sale_id: z.string().min(1).max(64),
  advance_fen: z.number().int().nonnegative(),
  own_outstanding_fen: z.number().int(),
  limit_fen: z.number().int().nonnegative(),
  training: z.boolean(),
  reserve: z.boolean(),
})
export const offlineAdvanceAnswerSchema = z.object({
  granted: z.boolean(),
  /** Every counter's advance not yet got back, this counter's as it said, the others' as synced or held. */
  store_outstanding_fen: z.number().int(),
  /** Counters registered in the store: the share each keeps when the store node cannot be asked. */
  counters: z.number().int().positive(),
})
export type OfflineAdvanceAnswer = z.infer<typeof offlineAdvanceAnswerSchema>

const fen = z.number().int().nonnegative()
const promised = z.object({ acct_fen: fen, quota_fen: fen })
/**
 * A person's own account and relative's quota promised offline at the store's other counters (store-node.md,
 * across counters): counted into this counter's estimate so a quota is never promised twice in the store. With
 * `hold`, this sale's promise is held for it, but only if the others' are still what the estimate counted.
 */
export const offlinePromisesRequestSchema = wire({
  sale_id: z.string().min(1).max(64),
  psn_no: z.string().min(1).max(40),
  mulaid_id: z.string().min(1).max(64).nullable(),
  training: z.boolean(),
  hold: promised.extend({ counted: promised }).nullable(),
})
export const offlinePromisesAnswerSchema = promised.extend({
  /** With `hold`: whether it was held (no: another counter promised since, estimate again). */
  held: z.boolean(),
  counters: z.number().int().positive(),
})
export type OfflinePromisesAnswer = z.infer<typeof offlinePromisesAnswerSchema>

/** The store's own key for member snapshots' HMAC (base64), the same at every counter of the store. */
export const snapshotKeyRequestSchema = wire({})
export const snapshotKeyAnswerSchema = z.object({ key: z.string().min(40) })
/** A customer as a counter saw them online (the counter's snapshot, without any certificate), by the store's HMAC of the ID number. */
export const snapshotPutRequestSchema = wire({
  cert_hash: z.string().regex(/^[0-9a-f]{64}$/),
  psn_no: z.string().min(1).max(40),
  snapshot: z.record(z.string(), z.unknown()),
  seen_at: z.iso.datetime(),
})
export const snapshotGetRequestSchema = wire({ cert_hash: z.string().regex(/^[0-9a-f]{64}$/) })
export const snapshotGetAnswerSchema = z.object({ snapshot: z.record(z.string(), z.unknown()), seen_at: z.iso.datetime() }).nullable()
