import { z } from 'zod'
import { DaySchema } from '../manager/schemas'
import { StoreFiguresSchema } from './store-day'
import { fixmedinsCodeSchema, outboxRowSchema, pairingCodeSchema, SYNC_API_VERSION, SYNC_TABLES, terminalUidSchema } from './wire'

/**
 * The chain (issue 15, store-node.md §5.8): the wire between a store node and its head office (HQ, the same
 * service started with `--role hq`), and what HQ answers its own manager (the board, the consolidated
 * reports). Both ends parse with these schemas.
 */

/** The region code (行政区划, 6 digits) a store is in; its first two digits name the province. */
export const admdvsSchema = z.string().regex(/^\d{6}$/, '行政区划代码应为 6 位数字')

/** The store node's own facts that go up beside its counters' rows: its reconciliation runs and differences, revokes, Z's. */
export const STORE_OWN_TABLES = ['store_recon_runs', 'store_recon_differences', 'store_recon_entries', 'store_day_closes'] as const

/**
 * What HQ may hold of a row it is not told: member data and anything personal never go up, so such a row
 * travels as `withheld` (its seq keeps the stream without gaps) and its body says nothing.
 */
export const WITHHELD_TABLE = 'withheld'

export const hqRowSchema = outboxRowSchema.extend({ tbl: z.enum([...SYNC_TABLES, ...STORE_OWN_TABLES, WITHHELD_TABLE]) })
export type HqRow = z.infer<typeof hqRowSchema>

export const hqPairRequestSchema = z.object({
  version: z.literal(SYNC_API_VERSION),
  code: pairingCodeSchema,
  /** The institution the store node pairs: it must be the one HQ made the code for. */
  store_id: fixmedinsCodeSchema,
})

export const hqRegistrationSchema = z.object({
  /** HQ's id for the store, allocated at pairing; also the terminal id of the store node's own facts (number 00) at HQ. */
  store_uid: terminalUidSchema,
  store_id: fixmedinsCodeSchema,
  admdvs: admdvsSchema,
  pairing_key: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
})
export type HqRegistration = z.infer<typeof hqRegistrationSchema>

/** One source of rows at the store: a counter (1–99), or the store node itself (0, terminal_uid = store_uid). */
export const hqSourceSchema = z.object({
  terminal_uid: terminalUidSchema,
  terminal_no: z.number().int().min(0).max(99),
  label: z.string().min(1).max(40),
  paired_at: z.iso.datetime(),
})
export type HqSource = z.infer<typeof hqSourceSchema>

export const MAX_HQ_PUSH_ROWS = 5000

export const hqPushRequestSchema = z.object({
  version: z.literal(SYNC_API_VERSION),
  store_uid: terminalUidSchema,
  source: hqSourceSchema,
  rows: z.array(hqRowSchema).min(1).max(MAX_HQ_PUSH_ROWS),
})
export type HqPushRequest = z.infer<typeof hqPushRequestSchema>

/** The highest seq of the source up to which HQ holds every row, with no gap (the source's own keys). */
export const hqPushAnswerSchema = z.object({ acked_seq: z.number().int().nonnegative() })

/** "Nothing left unsent at `at`": believed only when HQ holds every source up to the seq given. */
export const hqCaughtUpRequestSchema = z.object({
  version: z.literal(SYNC_API_VERSION),
  store_uid: terminalUidSchema,
  at: z.iso.datetime(),
  through: z.array(z.object({ terminal_uid: terminalUidSchema, acked_seq: z.number().int().nonnegative() })),
})
export const hqCaughtUpAnswerSchema = z.object({ reported_through: z.string().nullable() })

export const hqNewPairingCodeRequestSchema = z.object({ store_id: fixmedinsCodeSchema, name: z.string().min(1).max(100), admdvs: admdvsSchema })

/** The store node's manager pairs one of its institutions with HQ. */
export const hqLinkRequestSchema = z.object({ store_id: fixmedinsCodeSchema, url: z.url(), code: pairingCodeSchema })

/** Where a store's push to HQ stands (the store node's view). */
export const hqLinkStatusSchema = z.object({
  store_id: fixmedinsCodeSchema,
  hq_url: z.string(),
  store_uid: terminalUidSchema,
  paired_at: z.string(),
  last_push_at: z.string().nullable(),
  reported_through: z.string().nullable(),
  rows_waiting: z.number().int().nonnegative(),
  last_error: z.string().nullable(),
  /** The last entry of HQ's master-data log the store holds (0: none yet), and when it last pulled. */
  master_cursor: z.number().int().nonnegative(),
  master_pulled_at: z.string().nullable(),
})
export type HqLinkStatus = z.infer<typeof hqLinkStatusSchema>

/** Figures over any set of store days, with the cross-province part (insured outside the store's province). */
export const HqFiguresSchema = StoreFiguresSchema.extend({
  crossProvince: z.object({ insuredCount: z.number().int(), medical: z.string(), mutualAid: z.string() }),
})
export type HqFigures = z.infer<typeof HqFiguresSchema>

export const monthSchema = z.string().regex(/^\d{4}-\d{2}$/)

export const hqReportRequestSchema = z
  .object({ from: DaySchema, to: DaySchema, store_ids: z.array(fixmedinsCodeSchema).optional() })
  .refine((r) => r.from <= r.to, { message: 'from 不能晚于 to' })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= 92 * 86_400_000, { message: '一次最多 93 天' })

export const hqReportSchema = z.object({
  from: DaySchema,
  to: DaySchema,
  total: HqFiguresSchema,
  byStore: z.array(z.object({ storeId: fixmedinsCodeSchema, name: z.string(), admdvs: admdvsSchema, figures: HqFiguresSchema })),
  byRegion: z.array(z.object({ admdvs: admdvsSchema, figures: HqFiguresSchema })),
  byDay: z.array(z.object({ day: DaySchema, figures: HqFiguresSchema })),
  byMonth: z.array(z.object({ month: monthSchema, figures: HqFiguresSchema })),
  /** Insured items by insurance type (310 employees, 390 residents …); counter-only sales under `null`. */
  byInsutype: z.array(z.object({ insutype: z.string().nullable(), figures: HqFiguresSchema })),
  /** Per store and day: what each store's own day shows, so a store's figures can be checked against its Z. */
  byStoreDay: z.array(z.object({ storeId: fixmedinsCodeSchema, day: DaySchema, figures: HqFiguresSchema })),
})
export type HqReport = z.infer<typeof hqReportSchema>

export const hqBoardRequestSchema = z.object({ day: DaySchema })

export const hqBoardStoreSchema = z.object({
  storeId: fixmedinsCodeSchema,
  name: z.string(),
  admdvs: admdvsSchema,
  /** HQ's time up to which the store had nothing left unsent (its watermark); null before its first report. */
  reportedThrough: z.string().nullable(),
  lastPushAt: z.string().nullable(),
  /** Reported past the day's end: what HQ shows of the day is all the store has. */
  complete: z.boolean(),
  /** The store's latest reconciliation of the day: agreed, every difference explained, differences open, or none yet. */
  reconciliation: z.enum(['agreed', 'explained', 'differences', 'none']),
  /** The day's Z (part 0) exists; supplementary parts counted in zParts. */
  closed: z.boolean(),
  zParts: z.number().int().nonnegative(),
  blocked: z.boolean(),
})
export type HqBoardStore = z.infer<typeof hqBoardStoreSchema>

export const hqBoardSchema = z.object({
  day: DaySchema,
  stores: z.array(hqBoardStoreSchema),
  notReconciled: z.array(fixmedinsCodeSchema),
  notClosed: z.array(fixmedinsCodeSchema),
})
export type HqBoard = z.infer<typeof hqBoardSchema>
