import { z } from 'zod'
import { opterTypeSchema } from './codes'
import { admdvsSchema, dateTimeSchema, fixmedinsCodeSchema } from './wire'

/** The request envelope every transaction travels in (nhsa-interface.md, "Envelope"). */
export const requestEnvelopeSchema = z
  .object({
    infno: z.string().regex(/^\d{4}$/, 'infno 须为 4 位数字'),
    msgid: z.string().regex(/^[A-Z0-9]{12}\d{14}\d{4}$/, 'msgid 须为 30 位：机构编码(12)+yyyyMMddHHmmss(14)+序号(4)'),
    mdtrtarea_admvs: admdvsSchema,
    insuplc_admdvs: admdvsSchema.optional().or(z.literal('')),
    recer_sys_code: z.string().max(20).optional(),
    dev_no: z.string().max(100).optional(),
    dev_safe_info: z.string().max(2000).optional(),
    cainfo: z.string().max(4000).optional(),
    signtype: z.string().max(10).optional(),
    infver: z.string().min(1, 'infver 不能为空').max(6),
    opter_type: opterTypeSchema,
    opter: z.string().min(1, 'opter 不能为空').max(30),
    opter_name: z.string().max(50).optional(),
    inf_time: dateTimeSchema,
    fixmedins_code: fixmedinsCodeSchema,
    fixmedins_name: z.string().max(200).optional(),
    sign_no: z.string().max(30).optional(),
    input: z.record(z.string(), z.unknown()),
  })
  .refine((e) => e.msgid.startsWith(e.fixmedins_code), {
    message: 'msgid 须以 fixmedins_code 开头',
    path: ['msgid'],
  })
export type RequestEnvelope = z.infer<typeof requestEnvelopeSchema>
export type RequestEnvelopeInput = z.input<typeof requestEnvelopeSchema>

export const responseEnvelopeSchema = z.object({
  infcode: z.union([z.literal(0), z.literal(-1)]),
  inf_refmsgid: z.string(),
  refmsg_time: z.string(),
  respond_time: z.string(),
  err_msg: z.string().nullable(),
  warn_msg: z.string().nullable(),
  output: z.record(z.string(), z.unknown()).nullable(),
})
export type ResponseEnvelope = z.infer<typeof responseEnvelopeSchema>

/** Gateway headers of the x-tif scheme; the signature itself is computed by the transport adapter. */
export const TIF_HEADERS = {
  paasid: 'x-tif-paasid',
  timestamp: 'x-tif-timestamp',
  nonce: 'x-tif-nonce',
  signature: 'x-tif-signature',
} as const

/** The string whose hex SHA-256 is x-tif-signature. */
export function tifSignaturePlaintext(timestamp: string, secret: string, nonce: string): string {
  return timestamp + secret + nonce + timestamp
}

export const NATIONAL_PATH = '/fsi/api/rsfComIfsService/callService'
export const EC_QUERY_PATH = '/ec/query'
