import { z } from 'zod'

/**
 * The wire between a counter and its store node (not a renderer call): pairing, and the outbox pushed up.
 * Both sides parse with these schemas, so the counter's pusher and the store node cannot drift apart.
 */

export const SYNC_API_VERSION = 1

export const terminalUidSchema = z.uuid()
/** 1–99 are counters; 0 is the store node's own platform client. */
export const terminalNoSchema = z.number().int().min(1).max(99)
export const fixmedinsCodeSchema = z.string().regex(/^[A-Z]\d{11}$/, '定点医药机构编码应为 1 个大写字母加 11 位数字')

export const SYNC_TABLES = [
  'sales',
  'sale_lines',
  'platform_messages',
  'answer_reviews',
  'offline_sales',
  'offline_queue',
  'offline_holds',
  'audit_log',
  'recon_runs',
  'recon_differences',
  'recon_entries',
  'day_closes',
  // Shifts (交班, migration 0360) and the supplementary Z's parts (0361): docs/shifts.md.
  'shifts',
  'shift_cash_moves',
  'shift_refunds',
  'day_z_parts',
] as const
export const syncTableSchema = z.enum(SYNC_TABLES)

export const outboxRowSchema = z.object({
  seq: z.number().int().positive(),
  tbl: syncTableSchema,
  pk: z.string().min(1).max(200),
  op: z.enum(['insert', 'update', 'delete']),
  /** The row as JSON text, exactly as the counter's trigger wrote it: the hash is over these bytes. */
  body: z.string().min(2),
  body_sha256: z.string().regex(/^[0-9a-f]{64}$/),
})
export type OutboxRow = z.infer<typeof outboxRowSchema>

export const MAX_PUSH_ROWS = 5000

export const pushRequestSchema = z.object({
  version: z.literal(SYNC_API_VERSION),
  terminal_uid: terminalUidSchema,
  rows: z.array(outboxRowSchema).min(1).max(MAX_PUSH_ROWS),
})
export type PushRequest = z.infer<typeof pushRequestSchema>

/** The highest seq up to which the store node holds every row of this terminal, with no gap. */
export const pushAnswerSchema = z.object({ acked_seq: z.number().int().nonnegative() })
export type PushAnswer = z.infer<typeof pushAnswerSchema>

export const pairingCodeSchema = z.string().regex(/^[0-9A-Z]{10}$/, '配对码应为 10 位数字或大写字母')

export const pairRequestSchema = z.object({
  version: z.literal(SYNC_API_VERSION),
  code: pairingCodeSchema,
  /** What the counter calls itself ("二号收银台"); shown in the store node's registry. */
  label: z.string().min(1).max(40),
})
export type PairRequest = z.infer<typeof pairRequestSchema>

export const registrationSchema = z.object({
  store_id: fixmedinsCodeSchema,
  terminal_uid: terminalUidSchema,
  terminal_no: terminalNoSchema,
  /** The counter's secret for every later call; the store node keeps only its hash. */
  pairing_key: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
})
export type Registration = z.infer<typeof registrationSchema>

export const newPairingCodeRequestSchema = z.object({
  store_id: fixmedinsCodeSchema,
  label: z.string().min(1).max(40),
})
export const newPairingCodeAnswerSchema = z.object({ code: pairingCodeSchema, expires_at: z.string() })

export const SYNC_ERROR_CODES = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'PAIRING_CODE_INVALID',
  'STORE_FULL',
  'STORE_UNKNOWN',
  'TERMINAL_BLOCKED',
  'SYNC_BODY_CONFLICT',
  'SYNC_BODY_HASH',
  'MSGID_TERMINAL_MISMATCH',
  'NOT_FOUND',
  'INTERNAL',
  // the store's day (store-day.ts)
  'DIFFERENCE_NOT_FOUND',
  'DIFFERENCE_DONE',
  'ACTION_NOT_ALLOWED',
  'SECOND_MANAGER_REQUIRED',
  'RECON_STALE_RUN',
  'RECON_REQUIRED',
  'RECON_UNEXPLAINED',
  'RECON_STALE',
  'STORE_INCOMPLETE',
  'DAY_CLOSED',
  'DAY_ALREADY_CLOSED',
  'SHIFTS_OPEN',
  // across counters (across.ts)
  'SALE_NOT_IN_STORE',
  'SALE_LEASED',
  'SALE_SELLER_SILENT',
  'SALE_ALREADY_REFUNDED',
  'LEASE_NOT_HELD',
  // the chain (hq.ts)
  'PERSONAL_DATA',
  'STORE_MISMATCH',
  'ALREADY_PAIRED',
  'NOT_PAIRED',
  'HQ_UNREACHABLE',
  'HQ_REFUSED',
  // master data down (master-data.ts)
  'CATALOG_FILE_INVALID',
  'SECRET_UNREADABLE',
  // the head office's page (hq/page.ts)
  'HQ_USER_LOCKED',
  'HQ_FORBIDDEN',
  'HQ_USER_EXISTS',
  // the store's counters (registry.ts)
  'TERMINAL_NOT_FOUND',
  'TERMINAL_NOT_BLOCKED',
  'TERMINAL_RETIRED',
  'TERMINAL_IS_CALLER',
  'ALARM_NOT_FOUND',
  // master data from HQ (hq-master.ts)
  'MASTER_DATA_HQ_OWNED',
] as const
export const syncErrorSchema = z.object({ error: z.object({ code: z.enum(SYNC_ERROR_CODES), message: z.string() }) })
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number]
