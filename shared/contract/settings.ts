import { z } from 'zod'

export const LocaleSchema = z.enum(['zh-CN', 'en'])

/** Terminal settings kept in the core's database. */
export const SettingsSchema = z.object({
  /** 定点医药机构编码: 12 characters, as the platform assigns. */
  fixmedinsCode: z.string().regex(/^[A-Z0-9]{12}$/, '机构编码应为 12 位字母或数字'),
  fixmedinsName: z.string().trim().min(1, '机构名称不能为空').max(60),
  /** 就医地医保区划: the store's 6-digit region code. */
  admdvs: z.string().regex(/^\d{6}$/, '区划代码应为 6 位数字'),
  terminalId: z.string().regex(/^[A-Za-z0-9-]{1,16}$/, '终端号应为 1-16 位字母、数字或连字符'),
  trainingMode: z.boolean(),
  locale: LocaleSchema,
  /** The live platform's gateway (training mode uses its own sandbox and ignores this). */
  platformUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/, error: '平台地址应为 http(s):// 开头的网址' })]),
  /**
   * The province's own CA certificate(s) as PEM text ('' = the system's roots only): many gateways use a
   * private CA. The core parses every certificate before storing it.
   */
  platformCaPem: z.union([
    z.literal(''),
    z.string().max(65536, 'CA 证书过长').regex(/^\s*-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s-]+-----END CERTIFICATE-----\s*$/, 'CA 证书应为 PEM 格式（-----BEGIN CERTIFICATE----- 开头）'),
  ]),
  /** The gateway's paasid; its secret is stored encrypted, apart from the settings. */
  platformPaasid: z.string().max(64),
  /** Minutes without a call before the screen locks (the sale in progress is kept). */
  idleLockMinutes: z.number().int().min(1).max(120),
})
export type Settings = z.infer<typeof SettingsSchema>

export const SettingsPatchSchema = SettingsSchema.partial().strict()
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>
