import { z } from 'zod'
import { DaySchema } from '../manager/schemas'
import { hqBoardSchema, hqReportRequestSchema, hqReportSchema, type HqBoardStore } from '../sync/hq'

/**
 * The head office's page (issue 15, store-node.md "The head office's page"): what the HQ node serves its staff in
 * a browser and what the page sends back. The board and the report are the HQ API's own shapes (sync/hq.ts);
 * both ends parse with these schemas.
 */

/** Where the HQ node serves the page (the built `renderer/hq.html` and its assets) and its calls. */
export const HQ_PAGE_PATH = '/hq/'
export const HQ_PAGE_API = '/hq/page/v1/'
export const HQ_SESSION_COOKIE = 'gongji_hq_session'

export const hqUserIdSchema = z.string().regex(/^[A-Za-z0-9._-]{2,32}$/, '用户名为 2–32 位字母、数字、点、下划线或连字符')
/** A region a regional manager oversees: a province (2 digits), a city (4) or a district (6) of the 行政区划 code. */
export const hqRegionSchema = z.string().regex(/^(\d{2}|\d{4}|\d{6})$/, '区域为行政区划代码的前 2、4 或 6 位')
export const HQ_ROLES = ['admin', 'regional'] as const

export const hqUserSchema = z.object({
  userId: hqUserIdSchema,
  name: z.string().min(1).max(40),
  role: z.enum(HQ_ROLES),
  /** Empty for an admin (sees every store); a regional manager sees the stores whose admdvs starts with one. */
  regions: z.array(hqRegionSchema),
})
export type HqUser = z.infer<typeof hqUserSchema>

/** A regional manager's stores are those in one of their regions; an admin's are all. */
export const inRegions = (admdvs: string, user: Pick<HqUser, 'role' | 'regions'>) => user.role === 'admin' || user.regions.some((r) => admdvs.startsWith(r))

export const hqSignInRequestSchema = z.object({ user_id: hqUserIdSchema, password: z.string().min(1).max(200) })

export const hqPageBoardRequestSchema = z.object({ day: DaySchema, region: hqRegionSchema.optional() })
export const hqPageBoardSchema = z.object({
  /** The HQ node's clock when it answered: the page judges silence by it, never by the browser's clock. */
  asOf: z.iso.datetime(),
  board: hqBoardSchema,
})
export type HqPageBoard = z.infer<typeof hqPageBoardSchema>

export const hqPageReportRequestSchema = hqReportRequestSchema.and(z.object({ region: hqRegionSchema.optional() }))
export const hqPageReportSchema = hqReportSchema

export const hqPageErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) })

/**
 * A store whose uplink reports every few seconds (hq/uplink.ts: rounds every 5 s, then "caught up") has gone
 * silent when HQ has heard nothing for this long and its day is not complete.
 */
export const SILENT_AFTER_MS = 10 * 60_000

export function isSilent(store: Pick<HqBoardStore, 'complete' | 'reportedThrough' | 'lastPushAt'>, asOf: Date): boolean {
  if (store.complete) return false
  const heard = [store.reportedThrough, store.lastPushAt].filter((t): t is string => t !== null).map((t) => Date.parse(t))
  return heard.length === 0 || asOf.getTime() - Math.max(...heard) > SILENT_AFTER_MS
}
