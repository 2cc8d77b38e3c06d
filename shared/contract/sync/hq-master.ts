import { z } from 'zod'
import { regionPolicySchema } from '../../settlement/policy'
import { SetOfflineSettingsSchema } from '../offline/schemas'
import { sessionCalls } from '../session/calls'
import { SettingsSchema } from '../settings'
import { fixmedinsCodeSchema, SYNC_API_VERSION, terminalUidSchema } from './wire'
import {
  catalogBeginRequestSchema,
  catalogCommitRequestSchema,
  catalogPutRequestSchema,
  MAX_PULL,
  masterOriginSchema,
  YuanInput,
  type StoreSettingsKey,
} from './master-data'

/**
 * Master data from the chain's head office down to its stores (issue 15, store-node.md "Master data from HQ"):
 * what HQ's staff publish (its page and `npm run store-node -- --role hq publish`), what a store node pulls from
 * HQ by cursor, and who owns which kind. Both ends parse with these schemas.
 */

/**
 * The store settings the chain decides for every store: how long an idle counter stays unlocked, whether a shift
 * must be open to sell, who approves a discount. The rest of the store settings (institution code and name,
 * region, gateway, paasid, CA, the profile's relative picker) and the platform secret are each store's own: every
 * store is its own institution on its own province's gateway.
 */
export const CHAIN_SETTINGS_KEYS = ['idleLockMinutes', 'requireOpenShift', 'discountApproval'] as const satisfies readonly StoreSettingsKey[]

export const ChainSettingsPatchSchema = SettingsSchema.pick({ idleLockMinutes: true, requireOpenShift: true, discountApproval: true })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, '没有要修改的连锁设置')

/**
 * Who owns what once a store is paired with HQ (store-node.md has the why): HQ alone publishes these kinds; a
 * user is HQ's once HQ published that id (a store may keep store-local users of other ids); a price is the
 * store's only as a markdown of a chain price (at or below HQ's price in force at its moment); the secret and
 * the store's own settings stay the store's.
 */
export const HQ_OWNED_KINDS = ['catalog', 'offline_limits', 'region_policy'] as const

const isoTime = z.iso.datetime({ offset: true })
const actor = z.string().trim().min(1).max(40)

/** What HQ's staff publish: the user as 设置 → 用户 saves one (its PIN hashed at HQ), amounts in yuan as typed. */
export const HqPublishChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('settings'), patch: ChainSettingsPatchSchema }).strict(),
  z.object({ kind: z.literal('user'), user: sessionCalls.saveUser.input }).strict(),
  z.object({ kind: z.literal('offline_limits'), limits: SetOfflineSettingsSchema }).strict(),
  z.object({ kind: z.literal('region_policy'), policy: regionPolicySchema }).strict(),
  z.object({ kind: z.literal('price'), storeCode: z.string().trim().min(1).max(40), price: YuanInput, validFrom: isoTime }).strict(),
])
export type HqPublishChange = z.infer<typeof HqPublishChangeSchema>

export const hqPublishRequestSchema = z.object({ actor, change: HqPublishChangeSchema })
export const hqPublishAnswerSchema = z.object({ seq: z.number().int().positive() })

/** A chain catalog generation, sent in chunks as a counter sends a store's (4 MiB each), then committed whole. */
export const hqCatalogBeginRequestSchema = catalogBeginRequestSchema.omit({ version: true, terminal_uid: true }).extend({ actor })
export const hqCatalogPutRequestSchema = catalogPutRequestSchema.omit({ version: true, terminal_uid: true })
export const hqCatalogCommitRequestSchema = catalogCommitRequestSchema.omit({ version: true, terminal_uid: true }).extend({ actor })

// ——— a store node pulling HQ's log (under its HQ key) ———

const storeCall = { version: z.literal(SYNC_API_VERSION), store_uid: terminalUidSchema }
/** The chain's entries after `after` (HQ's seq); the answer is the counters' own `pullAnswerSchema`. */
export const hqMasterPullRequestSchema = z.object({ ...storeCall, after: z.number().int().nonnegative(), limit: z.number().int().min(1).max(MAX_PULL) })
export const hqCatalogChunkRequestSchema = z.object({ ...storeCall, file_id: z.uuid(), n: z.number().int().nonnegative() })

// ——— what HQ's page reads ———

export const hqMasterLogRequestSchema = z.object({
  after: z.number().int().nonnegative().default(0),
  limit: z.number().int().min(1).max(MAX_PULL).default(100),
})

export const hqMasterLogSchema = z.object({
  /** HQ's entries after `after`, oldest first; a user's PIN hash is left out. */
  entries: z.array(
    z.object({
      seq: z.number().int().positive(),
      kind: z.string(),
      key: z.string(),
      body: z.record(z.string(), z.unknown()),
      actor: z.string(),
      created_at: z.string(),
      origin: masterOriginSchema,
    }),
  ),
  /** The newest entry's seq (0: none yet). */
  last: z.number().int().nonnegative(),
  /** Each paired store: the cursor it last pulled from (it has every entry up to it), and when. */
  stores: z.array(z.object({ storeId: fixmedinsCodeSchema, name: z.string(), cursor: z.number().int().nonnegative(), pulledAt: z.string().nullable() })),
})
export type HqMasterLog = z.infer<typeof hqMasterLogSchema>
