import { z } from 'zod'

/** A path on the gateway: absolute, no query, no `..` (it is appended to the configured base URL). */
const gatewayPath = z
  .string()
  .max(200)
  .regex(/^\/[A-Za-z0-9._~\-/]*$/, '网关路径应以 / 开头，只含字母、数字和 ._~-/')
  .refine((p) => !p.split('/').includes('..'), '网关路径不能含 ..')

const infnoKey = z.string().regex(/^\d{4}$/, '交易编号应为 4 位数字')
/** recer_sys_code is at most 20 characters in the national spec. */
const recerSysCode = z
  .string()
  .min(1)
  .max(20)
  .regex(/^[A-Za-z0-9_]+$/, '接收方系统代码只能含字母、数字和下划线')

/**
 * Where a message is posted. Real gateways use one generic service path, the base plus the infno
 * (Guangzhou), or one path per service; the EC decode service has its own path everywhere.
 */
export const GatewayPathsSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('generic'), path: gatewayPath }),
  z.object({ mode: z.literal('base-infno'), base: gatewayPath }),
  /** Transactions without an entry of their own go to `fallback` (the generic path of that gateway). */
  z.object({ mode: z.literal('per-service'), services: z.record(infnoKey, gatewayPath), fallback: gatewayPath }),
])

export const GatewaySigningSchema = z.discriminatedUnion('scheme', [
  /** x-tif: hex SHA-256(timestamp + secret + nonce + timestamp); some gateways also want x-tif-serviceId. */
  z.object({
    scheme: z.literal('x-tif'),
    serviceId: z
      .string()
      .max(64)
      .regex(/^[A-Za-z0-9_.-]*$/)
      .default(''),
  }),
  /** x-ca: x-ca-key plus an HMAC-SM3 over key, timestamp, nonce and the body's bytes in its encoding (Zhejiang). */
  z.object({ scheme: z.literal('x-ca') }),
])

/** A vendor plug-in listens on this machine only: its answers are credentials, never sent over a network. */
const loopbackUrl = z
  .string()
  .max(200)
  .regex(/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d{1,5}(\/[A-Za-z0-9._~\-/]*)?$/, '凭证插件地址只能是本机（http://127.0.0.1:端口）')

/**
 * Who reads the electronic credential: the gateway's decode service (`ecQueryPath`, the national SDK's
 * `ec.query` request), or a vendor SDK wrapped as a local plug-in process (docs/platform-profiles.md).
 */
export const CredentialSourceSchema = z.discriminatedUnion('via', [
  z.object({ via: z.literal('gateway') }),
  z.object({ via: z.literal('plugin'), url: loopbackUrl }),
])
export type CredentialSource = z.infer<typeof CredentialSourceSchema>

/** What a gateway profile sets. Everything province-specific is here, so no code branches on a province. */
export const GatewaySettingsSchema = z.object({
  paths: GatewayPathsSchema,
  ecQueryPath: gatewayPath,
  // No defaults here: the manager's overrides are this schema made partial, and a default there would
  // silently replace the shipped profile's own value.
  credentials: CredentialSourceSchema,
  signing: GatewaySigningSchema,
  /** The bytes of request and answer bodies. */
  bodyEncoding: z.enum(['utf-8', 'gb2312', 'gbk']),
  /** `sm3`: every message carries `signtype: "SM3"` and `cainfo` = hex SM3 of its `input` JSON (Guangzhou). */
  envelopeSign: z.enum(['none', 'sm3']),
  /** The receiving system's code, assigned by the region; some assign one per transaction. */
  recerSysCode: z.object({ default: recerSysCode, byInfno: z.record(infnoKey, recerSysCode).default({}) }),
  infver: z.enum(['V1.0', '1.0.0', '1.0']),
  /** `legacy`: answers may come as `{code, type, message, data: {…envelope…}}` (older Guangzhou); the reader takes either. */
  responseWrapper: z.enum(['plain', 'legacy']),
  /**
   * How 9102 hands over a file: `link` (JSON with size, SHA-256 and a download URL, then a signed GET),
   * or `raw-zip` (the answer body is the ZIP itself, as real gateways do; its CRC-32s prove it whole).
   */
  fileDownload: z.enum(['link', 'raw-zip']),
  /** How 9101 carries the file's bytes in `fsUploadIn.in`: a base64 string, or a JSON array of byte values. */
  fileUpload: z.enum(['base64', 'byte-array']),
  /** Sign in again after this many minutes (0: only when the gateway says the sign-in is gone). */
  signInRenewMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  /**
   * When the counter's operator changes (another cashier signs in), the new one always signs in (9001)
   * before their next message; `true` also signs the previous operator out (9002) first, for gateways that
   * count open sign-ins per institution.
   */
  signOutOnOperatorChange: z.boolean(),
  /**
   * Whether the region's `acct_pay` already includes `acct_mulaid_pay`. `either` accepts both and
   * reports which held; a region that says which makes an answer following the other one rejected.
   */
  acctPay: z.enum(['either', 'acct-excludes-mulaid', 'acct-includes-mulaid']),
})
export type GatewaySettings = z.infer<typeof GatewaySettingsSchema>

export const GatewayProfileSchema = GatewaySettingsSchema.extend({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  name: z.string().min(1).max(60),
  nameEn: z.string().min(1).max(60),
})
export type GatewayProfile = z.infer<typeof GatewayProfileSchema>

/** A manager's adjustments on top of a shipped profile: whole top-level settings replaced. */
export const GatewayOverridesSchema = GatewaySettingsSchema.partial().strict()
export type GatewayOverrides = z.infer<typeof GatewayOverridesSchema>

/** The setting: which shipped profile, and what the manager changed in it. */
export const GatewayChoiceSchema = z.object({
  profileId: z.string().regex(/^[a-z0-9-]{1,40}$/, '网关配置编号无效'),
  overrides: GatewayOverridesSchema,
})
export type GatewayChoice = z.infer<typeof GatewayChoiceSchema>
