import { z } from 'zod'
import { regionPolicySchema } from '../../settlement/policy'
import { ImportListSchema, ImportSourceSchema } from '../catalog/schemas'
import { defineCall, MANAGER, NoInput, RoleSchema } from '../define'
import { SettingsSchema } from '../settings'
import { sessionCalls } from '../session/calls'
import { UserIdSchema, UserSchema } from '../session/schemas'
import { SetOfflineSettingsSchema } from '../offline/schemas'
import { SYNC_API_VERSION, terminalUidSchema } from './wire'

/**
 * Master data down (issue 15, store-node.md §5.4): what the store's manager maintains once for every counter,
 * as an append-only log on the store node that each counter pulls by cursor. Both sides parse with these.
 */

/**
 * The settings the store keeps for all its counters. The rest stay each counter's own: its id and number,
 * its language, training mode (each counter goes live on its own), and the sole-terminal declaration
 * (meaningless in store mode, where the store's reconciliation decides).
 */
export const STORE_SETTINGS_KEYS = [
  'fixmedinsCode',
  'fixmedinsName',
  'admdvs',
  'platformUrl',
  'platformCaPem',
  'platformPaasid',
  'gatewayProfile',
  'idleLockMinutes',
  'storeChosenRelative',
  'requireOpenShift',
  'discountApproval',
] as const satisfies readonly (keyof z.infer<typeof SettingsSchema>)[]
export type StoreSettingsKey = (typeof STORE_SETTINGS_KEYS)[number]

export const StoreSettingsPatchSchema = SettingsSchema.pick(Object.fromEntries(STORE_SETTINGS_KEYS.map((k) => [k, true])) as { [K in StoreSettingsKey]: true })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, '没有要修改的门店设置')

const isoTime = z.iso.datetime({ offset: true })
export const YuanInput = z.string().regex(/^\d+(\.\d{1,2})?$/, '金额须为非负数，至多 2 位小数')
const fen = z.number().int().nonnegative().max(999_999_999)
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/)
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/)

/** What one log entry carries, by kind; `key` names the thing it replaces (a later entry of the same kind and key wins). */
export const masterBodySchemas = {
  settings: StoreSettingsPatchSchema,
  /**
   * A PIN travels only as its scrypt hash; the lockout count stays each counter's own. `nhsa_opter` is the
   * user's 医保操作员 (null: none, the institution's default stands in); absent in entries logged before it
   * was carried, which leave a counter's own value as it was.
   */
  user: z.object({
    id: UserIdSchema,
    name: z.string().min(1).max(20),
    role: RoleSchema,
    active: z.boolean(),
    pin_hash: z.string().min(20).max(400),
    nhsa_opter: UserSchema.shape.nhsaOperator.optional(),
  }),
  /** The platform secret, sealed for the one counter that pulls it (AES-256-GCM under a key derived from its pairing key). */
  secret: z.object({ sealed: base64 }),
  offline_limits: z.object({
    mode: z.enum(['deposit', 'advance']),
    per_sale_fen: fen,
    outstanding_fen: fen,
    max_age_hours: z.number().int().min(1).max(72),
  }),
  region_policy: regionPolicySchema,
  /** A store item's price from `valid_from` on (the catalog file's own price before it). */
  price: z.object({ store_code: z.string().min(1).max(40), price_fen: fen, valid_from: isoTime }),
  /** A catalog generation: the file as the manager imported it, kept on the store node in chunks. */
  catalog: z.object({
    file_id: z.uuid(),
    list: ImportListSchema,
    source_name: z.string().min(1).max(200),
    bytes: z.number().int().nonnegative(),
    sha256: sha256Hex,
    chunks: z.number().int().nonnegative(),
  }),
} as const
export type MasterKind = keyof typeof masterBodySchemas
export const MASTER_KINDS = Object.keys(masterBodySchemas) as MasterKind[]

/**
 * Who wrote an entry: the store's own manager, or the chain's head office (总部下发), copied into the store's log by
 * the store node. Absent from store nodes built before HQ published anything: the store's own.
 */
export const masterOriginSchema = z.enum(['store', 'hq'])
export type MasterOrigin = z.infer<typeof masterOriginSchema>

export const masterChangeSchema = z.discriminatedUnion(
  'kind',
  MASTER_KINDS.map((kind) =>
    z.object({
      seq: z.number().int().positive(),
      kind: z.literal(kind),
      key: z.string().min(1).max(100),
      body: masterBodySchemas[kind],
      actor: z.string(),
      created_at: z.string(),
      origin: masterOriginSchema.optional(),
    }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
)
export type MasterChange = {
  [K in MasterKind]: {
    seq: number
    kind: K
    key: string
    body: z.infer<(typeof masterBodySchemas)[K]>
    actor: string
    created_at: string
    origin?: MasterOrigin
  }
}[MasterKind]

const paired = { version: z.literal(SYNC_API_VERSION), terminal_uid: terminalUidSchema }

export const MAX_PULL = 500
export const pullRequestSchema = z.object({ ...paired, after: z.number().int().nonnegative(), limit: z.number().int().min(1).max(MAX_PULL) })
export const pullAnswerSchema = z.object({ changes: z.array(masterChangeSchema) })

/** 4 MiB of file per chunk: about 5.6 MB as base64 JSON, well under the store node's request cap. */
export const CATALOG_CHUNK_BYTES = 4 * 1024 * 1024
export const chunkRequestSchema = z.object({ ...paired, file_id: z.uuid(), n: z.number().int().nonnegative() })
export const chunkAnswerSchema = z.object({ data: base64 })

/** What a manager at any counter publishes (the user's PIN already hashed, the secret sealed for the store node). */
export const publishBodySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('settings'), body: masterBodySchemas.settings }),
  z.object({ kind: z.literal('user'), body: masterBodySchemas.user }),
  z.object({ kind: z.literal('secret'), body: masterBodySchemas.secret }),
  z.object({ kind: z.literal('offline_limits'), body: masterBodySchemas.offline_limits }),
  z.object({ kind: z.literal('region_policy'), body: masterBodySchemas.region_policy }),
  z.object({ kind: z.literal('price'), body: masterBodySchemas.price }),
])
export const publishRequestSchema = z.object({ ...paired, actor: z.string().min(1).max(40), change: publishBodySchema })
export const publishAnswerSchema = z.object({ seq: z.number().int().positive() })

export const catalogBeginRequestSchema = z.object({
  ...paired,
  actor: z.string().min(1).max(40),
  list: ImportListSchema,
  source_name: z.string().min(1).max(200),
  bytes: z.number().int().nonnegative(),
  sha256: sha256Hex,
})
export const catalogBeginAnswerSchema = z.object({ file_id: z.uuid(), chunks: z.number().int().nonnegative() })
export const catalogPutRequestSchema = z.object({ ...paired, file_id: z.uuid(), n: z.number().int().nonnegative(), data: base64 })
export const catalogCommitRequestSchema = z.object({ ...paired, actor: z.string().min(1).max(40), file_id: z.uuid() })
export const okAnswerSchema = z.object({ ok: z.literal(true) })

// ——— the renderer's call (the manager at any counter of the store) ———

export const PublishMasterDataInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('settings'), patch: StoreSettingsPatchSchema }).strict(),
  // The user as 设置 → 用户 saves it on a standalone counter (`saveUser`): nhsaOperator absent keeps the one last published.
  z.object({ kind: z.literal('user'), user: sessionCalls.saveUser.input }).strict(),
  z.object({ kind: z.literal('secret'), secret: z.string().min(8, '接入密钥至少 8 位').max(200) }).strict(),
  z.object({ kind: z.literal('offline_limits'), limits: SetOfflineSettingsSchema }).strict(),
  z.object({ kind: z.literal('region_policy'), policy: regionPolicySchema }).strict(),
  z.object({ kind: z.literal('price'), storeCode: z.string().trim().min(1).max(40), price: YuanInput, validFrom: isoTime }).strict(),
  z.object({ kind: z.literal('catalog'), list: ImportListSchema, source: ImportSourceSchema }).strict(),
])
export type PublishMasterDataInput = z.infer<typeof PublishMasterDataInputSchema>

export const MasterDataStatusSchema = z.object({
  /** The last log entry this counter applied (0: none yet). */
  cursor: z.number().int().nonnegative(),
  pulledAt: z.string().nullable(),
  /** Why the last pull stopped, in words; null once a pull went through. */
  lastError: z.string().nullable(),
})

export type MasterDataStatus = z.infer<typeof MasterDataStatusSchema>

export const masterDataCalls = {
  masterDataStatus: defineCall({
    summary:
      "Store mode: how far this counter has applied the store's change log (the last entry's seq, when it last pulled, why the last pull stopped). A screen that published a change waits here until the cursor passes the change's seq. A standalone counter answers cursor 0.",
    access: MANAGER,
    input: NoInput,
    output: MasterDataStatusSchema,
    errors: [],
  }),
  publishMasterData: defineCall({
    summary:
      "Store mode: the manager, at any counter, changes the store's master data (store settings, a user, the platform secret, offline limits, a region's policy, a price from a date, a catalog generation). The store node appends it to its change log; every counter, this one included, applies it at its next pull (this counter pulls at once). A PIN travels only as its hash, the secret only sealed.",
    access: MANAGER,
    input: PublishMasterDataInputSchema,
    output: z.object({ seq: z.number().int().positive(), applied: MasterDataStatusSchema }),
    errors: [
      'SYNC_NOT_PAIRED',
      'SYNC_STORE_UNREACHABLE',
      'SYNC_PAIRING_REFUSED',
      'PIN_REQUIRED',
      'LAST_MANAGER',
      'DEMO_USER_FIXED',
      'OFFLINE_LIMITS_INVALID',
      'CATALOG_UNREADABLE',
      'CATALOG_ITEM_NOT_FOUND',
      'PLATFORM_URL_INVALID',
      'PLATFORM_URL_INSECURE',
      'PLATFORM_CA_INVALID',
      'MASTER_DATA_HQ_OWNED',
    ],
  }),
}
