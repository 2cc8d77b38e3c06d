import { z } from 'zod'
import { messagePath, resolveProfile, SHIPPED_PROFILES, type GatewayProfile } from '../../shared/nhsa/profiles'
import type { ResponseEnvelope } from '../../shared/nhsa/envelope'

const profileId = z.string().refine((id) => SHIPPED_PROFILES.some((p) => p.id === id), '没有这个网关配置')

/**
 * How the sandbox's gateway departs from the national default, as real gateways do
 * (interface-audit.md): its transport (the gateway profile it speaks: paths, signing, encoding) and the
 * answer's dialect. Chosen per run (`--quirks NAME`, `POST /sandbox/quirks`, startSandbox's `quirks`).
 */
export const QuirksSchema = z.object({
  /** The gateway profile whose paths, signing and body encoding the sandbox's gateway speaks. */
  profile: profileId.default('national'),
  /** `"infcode":"0"` (Hainan, Guangzhou's models). */
  stringInfcode: z.boolean().default(false),
  /** A settlement's unpaid parts and unknown values as `""` (Hainan's sample). */
  emptyAmounts: z.boolean().default(false),
  /** No `warn_msg` key at all (binzhe12123/Medical's OutCommon). */
  noWarnMsg: z.boolean().default(false),
  /** `{code, type, message, data: {…envelope…}}` (Guangzhou's older wrapper). */
  legacyWrapper: z.boolean().default(false),
  /** 2601 answers `output: ""` (Guangzhou). */
  revokeAnswersEmpty: z.boolean().default(false),
  /**
   * 9102 answers JSON with size, SHA-256 and a link to GET the file (the sandbox's first dialect, kept as
   * an extension). Without it 9102 answers as real gateways do: the file, zipped, as the HTTP body
   * (Guangzhou's HttpHelper writes it straight to a .ZIP).
   */
  linkDownload: z.boolean().default(false),
  /** 1101's idetinfo lists identity categories only, as real gateways do: a chronic-disease certification only through 5301. */
  idetinfoCategoriesOnly: z.boolean().default(false),
  /** 1312/1318/1319 answer the page's rows as a bare list, without counts (Guangzhou models `output` as `List<Output>`). */
  listPages: z.boolean().default(false),
})
export type Quirks = z.output<typeof QuirksSchema>

/** The named quirk sets, one per real dialect the client must read; `none` is the default sandbox. */
export const QUIRK_SETS = {
  none: {},
  hainan: { stringInfcode: true, emptyAmounts: true },
  'no-warn': { noWarnMsg: true },
  guangzhou: { profile: 'base-infno', stringInfcode: true, legacyWrapper: true, revokeAnswersEmpty: true, listPages: true },
  'link-download': { linkDownload: true },
  'per-service': { profile: 'per-service', noWarnMsg: true },
  zhejiang: { profile: 'x-ca-gb2312', emptyAmounts: true, noWarnMsg: true },
} as const satisfies Record<string, z.input<typeof QuirksSchema>>
export type QuirkSetName = keyof typeof QUIRK_SETS

export function quirkSet(name: string): Quirks {
  if (!(name in QUIRK_SETS)) throw new Error(`unknown quirk set ${name}; known: ${Object.keys(QUIRK_SETS).join(', ')}`)
  return QuirksSchema.parse(QUIRK_SETS[name as QuirkSetName])
}

/** Resolved once per shipped profile: it was parsed with zod three or four times a message. */
const resolvedProfiles = new Map<string, GatewayProfile>()

/** The profile the sandbox's gateway speaks under these quirks. */
export function quirkProfile(q: Quirks): GatewayProfile {
  let p = resolvedProfiles.get(q.profile)
  if (!p) resolvedProfiles.set(q.profile, (p = resolveProfile({ profileId: q.profile, overrides: {} })))
  return p
}

/** Whether a request path is where this gateway takes a message of this infno. */
export function acceptsPath(q: Quirks, path: string, infno: string): boolean {
  return messagePath(quirkProfile(q), infno) === path
}

/** Whether a path is one of this gateway's national message paths (for any infno). */
export function isMessagePath(q: Quirks, path: string): boolean {
  const p = quirkProfile(q).paths
  switch (p.mode) {
    case 'generic':
      return path === p.path
    case 'base-infno':
      return path.startsWith(p.base.replace(/\/?$/, '/')) && /^\d{4}$/.test(path.slice(p.base.replace(/\/?$/, '/').length))
    case 'per-service':
      return path === p.fallback || Object.values(p.services).includes(path)
  }
}

const PAGED_INFNOS = new Set(['1312', '1318', '1319'])
const SETTLEMENT_INFNOS = new Set(['2101', '2102', '2103', '2206', '2207', '2208'])
/** What a settlement must state (platform-answers.md's essentials): never blanked. */
const ESSENTIAL = new Set(['medfee_sumamt', 'fund_pay_sumamt', 'psn_cash_pay', 'setl_id', 'mdtrt_id', 'psn_no'])
/** The money's parts, for which `""` means 0 (platform-answers.md). */
const MONEY_PARTS = new Set([
  'hifp_pay',
  'cvlserv_pay',
  'hifes_pay',
  'hifmi_pay',
  'hifob_pay',
  'maf_pay',
  'oth_pay',
  'acct_pay',
  'acct_mulaid_pay',
  'psn_part_amt',
  'hosp_part_amt',
  'fulamt_ownpay_amt',
  'overlmt_selfpay',
  'preselfpay_amt',
  'inscp_scp_amt',
  'act_pay_dedc',
])

/** Hainan's way: a part not paid is `""`, a value not known is `""`. */
function blankAmounts(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(blankAmounts)
  if (typeof v !== 'object' || v === null) return v
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => {
      if (ESSENTIAL.has(k)) return [k, x]
      if (x === null || (x === 0 && MONEY_PARTS.has(k))) return [k, '']
      return [k, blankAmounts(x)]
    }),
  )
}

/**
 * A byte-array gateway's 9101: the JSON array of byte values turned into the base64 the platform's
 * handler reads. Anything else in `in` is refused, as such a gateway cannot read it.
 */
export function uploadAsBase64(body: unknown): { ok: true; body: unknown } | { ok: false; message: string } {
  const b = body as { infno?: unknown; input?: { fsUploadIn?: { in?: unknown } } } | null
  if (b?.infno !== '9101' || !b.input?.fsUploadIn) return { ok: true, body }
  const bytes = b.input.fsUploadIn.in
  if (!Array.isArray(bytes) || !bytes.every((x) => Number.isInteger(x) && x >= 0 && x <= 255)) {
    return { ok: false, message: 'fsUploadIn.in 须为字节数组（0-255 的整数）' }
  }
  return { ok: true, body: { ...b, input: { ...b.input, fsUploadIn: { ...b.input.fsUploadIn, in: Buffer.from(bytes as number[]).toString('base64') } } } }
}

/** The answer as this gateway words it. */
export function inDialect(q: Quirks, infno: string, answer: ResponseEnvelope): unknown {
  const env: Record<string, unknown> = { ...answer }
  const ok = answer.infcode === 0
  if (ok && q.emptyAmounts && SETTLEMENT_INFNOS.has(infno)) env.output = blankAmounts(answer.output)
  if (ok && q.revokeAnswersEmpty && infno === '2601') env.output = ''
  if (ok && q.idetinfoCategoriesOnly && infno === '1101') {
    const out = answer.output as { idetinfo?: { psn_idet_type?: string }[] } | null
    env.output = { ...out, idetinfo: (out?.idetinfo ?? []).filter((r) => r.psn_idet_type !== 'opsp') }
  }
  if (ok && q.listPages && PAGED_INFNOS.has(infno)) env.output = (answer.output as { data?: unknown } | null)?.data
  if (q.stringInfcode) env.infcode = String(answer.infcode)
  if (q.noWarnMsg) delete env.warn_msg
  if (q.legacyWrapper) return { code: ok ? 0 : -1, type: ok ? 'success' : 'error', message: ok ? '成功' : (answer.err_msg ?? '失败'), data: env }
  return env
}
