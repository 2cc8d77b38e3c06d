import { z } from 'zod'
import { CredentialSourceSchema, GatewayChoiceSchema } from '../nhsa/profiles/schema'
import { SHIPPED_PROFILES } from '../nhsa/profiles/shipped'
import { DiscountApprovalSettingSchema } from './sale/discount'

export const LocaleSchema = z.enum(['zh-CN', 'en'])

/**
 * Text a manager types that is printed on every receipt and shown in the title bar: no control,
 * format (bidi override, zero-width) or line-separator characters, which reached the printer as
 * commands (drawer kick, cut) and can reorder what the screen shows.
 */
const printableText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${label}不能为空`)
    .max(max, `${label}最多 ${max} 个字`)
    .regex(/^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]*$/u, `${label}含有不可打印的控制字符`)

/** 医保操作员编码 as the gateway assigns it: the envelope's `opter` (at most 30 characters in the national spec). */
export const OperatorCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,30}$/, '医保操作员编码应为 1-30 位字母、数字、下划线或连字符')
/** 医保操作员姓名: the envelope's `opter_name` (at most 50 characters). */
export const OperatorNameSchema = printableText('医保操作员姓名', 50)

/** Upper bounds of the settings, as the docs state them (docs/contract.md lists the schema). */
export const SETTINGS_LIMITS = { nameChars: 60, urlChars: 300, paasidChars: 64, idleLockMinutes: 120 } as const

/** Terminal settings kept in the core's database. */
export const SettingsSchema = z.object({
  /** 定点医药机构编码: 12 characters, as the platform assigns. */
  fixmedinsCode: z.string().regex(/^[A-Z0-9]{12}$/, '机构编码应为 12 位字母或数字'),
  fixmedinsName: printableText('机构名称', SETTINGS_LIMITS.nameChars),
  /** 就医地医保区划: the store's 6-digit region code. */
  admdvs: z.string().regex(/^\d{6}$/, '区划代码应为 6 位数字'),
  terminalId: z.string().regex(/^[A-Za-z0-9-]{1,16}$/, '终端号应为 1-16 位字母、数字或连字符'),
  trainingMode: z.boolean(),
  locale: LocaleSchema,
  /** The live platform's gateway (training mode uses its own sandbox and ignores this). */
  platformUrl: z.union([
    z.literal(''),
    z
      .url({ protocol: /^https?$/, error: '平台地址应为 http(s):// 开头的网址' })
      .max(SETTINGS_LIMITS.urlChars, `平台地址最多 ${SETTINGS_LIMITS.urlChars} 个字符`),
  ]),
  /**
   * The province's own CA certificate(s) as PEM text ('' = the system's roots only): many gateways use a
   * private CA. The core parses every certificate before storing it.
   */
  platformCaPem: z.union([
    z.literal(''),
    z
      .string()
      .max(65536, 'CA 证书过长')
      .regex(/^\s*-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s-]+-----END CERTIFICATE-----\s*$/, 'CA 证书应为 PEM 格式（-----BEGIN CERTIFICATE----- 开头）'),
  ]),
  /**
   * How the province's gateway speaks (path mode, signing, encoding, infver…): a shipped profile and the
   * manager's overrides (shared/nhsa/profiles, docs/platform-profiles.md). Training mode ignores it.
   */
  gatewayProfile: GatewayChoiceSchema.refine((c) => SHIPPED_PROFILES.some((p) => p.id === c.profileId), {
    error: '没有这个医保网关配置，请从列表中选择',
    path: ['profileId'],
  }),
  /** The gateway's paasid; its secret is stored encrypted, apart from the settings. */
  platformPaasid: z
    .string()
    .regex(/^[A-Za-z0-9_.-]*$/, '接入账号（paasid）只能含字母、数字、下划线、点或连字符')
    .max(SETTINGS_LIMITS.paasidChars, `接入账号最多 ${SETTINGS_LIMITS.paasidChars} 个字符`),
  /**
   * The institution's default 医保操作员 (opter, opter_name): background work (recovery, offline forwarding,
   * uploads, reconciliation, downloads) signs in under it, and so does a user without a code of their own.
   * '' = the terminal id stands in (what every install sent before operators existed).
   */
  platformOperatorCode: z.union([z.literal(''), OperatorCodeSchema]),
  platformOperatorName: z.union([z.literal(''), OperatorNameSchema]),
  /** Minutes without a call before the screen locks (the sale in progress is kept). */
  idleLockMinutes: z.number().int().min(1).max(SETTINGS_LIMITS.idleLockMinutes, `自动锁屏最长 ${SETTINGS_LIMITS.idleLockMinutes} 分钟`),
  /**
   * 收银台号: this counter's number within the institution, the two terminal digits of every msgid it
   * issues. Null until a manager sets it; going live needs it (two counters of one institution with one
   * number issue the same msgids). 00 is kept for a store node's own messages.
   */
  terminalNo: z.number().int().min(1, '收银台号应为 01-99').max(99, '收银台号应为 01-99').nullable(),
  /**
   * The manager declared this PC the institution's only medical-insurance terminal, so a settlement only
   * the platform has cannot be another counter's: only then may reconciliation revoke it.
   */
  soleInsuranceTerminal: z.boolean(),
  /**
   * Provincial extension "store-chosen relative": the province's 1101 lists relatives and its settlement takes
   * `mulaid_id`. Off (the national interface): the platform draws quotas itself and the counter only shows it.
   */
  storeChosenRelative: z.boolean(),
  /** 必须先开班: a sale (and a refund) is refused in the core while no shift (交班) is open at this counter. */
  requireOpenShift: z.boolean(),
  /** A sale's discounts above either figure need a manager's PIN at the counter (docs/sale-discounts.md). */
  discountApproval: DiscountApprovalSettingSchema,
})
export type Settings = z.infer<typeof SettingsSchema>

export const SettingsPatchSchema = SettingsSchema.partial().strict()
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>

export { terminalNoInUse, terminalNoText, type TerminalNoInUse } from './terminal-no'

/** The connection check's test person: the ID number the gateway's operator gave for testing (1101 by 身份证, type 02). */
export const ConnectionCheckInputSchema = z
  .object({
    testCertNo: z
      .string()
      .trim()
      .regex(/^\d{17}[\dXx]$/, '测试人员身份证号应为 18 位'),
  })
  .strict()

export const ConnectionCheckStepSchema = z.object({
  infno: z.enum(['9001', '1101', '1312', '9002']),
  /** Where it was posted, under the chosen profile. */
  path: z.string(),
  /** The message as sent, personal data masked ('' when nothing was sent). */
  sent: z.string(),
  /** The answer as it came, personal data masked ('' when none came). */
  received: z.string(),
  /** read: understood; refused: the platform said no; not-sent / no-answer: the network; unreadable: it answered, we could not read it. */
  result: z.enum(['read', 'refused', 'not-sent', 'no-answer', 'unreadable', 'skipped']),
  /** The platform's or the client's words on it (Chinese, as the platform wrote them). */
  message: z.string(),
})
export type ConnectionCheckStep = z.infer<typeof ConnectionCheckStepSchema>

export const ConnectionCheckSchema = z.object({
  profileId: z.string(),
  url: z.string(),
  training: z.boolean(),
  ok: z.boolean(),
  steps: z.array(ConnectionCheckStepSchema),
})
export type ConnectionCheck = z.infer<typeof ConnectionCheckSchema>

/** The credential source to try, as the manager chose it under 设置 (tried before it is saved). */
export const CredentialSourceCheckInputSchema = z.object({ source: CredentialSourceSchema }).strict()

/**
 * What trying a credential source found, with a test code a working source refuses: `answered` it spoke its
 * contract (refusing the test code, as it should); `unreachable` no answer; `unreadable` an answer outside its
 * contract; `refused` the gateway refused the request itself (signing, path). The screen words each.
 */
export const CredentialSourceCheckSchema = z.object({
  via: z.enum(['gateway', 'plugin']),
  result: z.enum(['answered', 'unreachable', 'unreadable', 'refused']),
  /** The source's own words (its refusal of the test code, or why it failed), as it gave them. */
  detail: z.string(),
})
export type CredentialSourceCheck = z.infer<typeof CredentialSourceCheckSchema>
