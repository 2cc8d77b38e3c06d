import { z } from 'zod'
import { fixmedinsCodeSchema } from './wire'

/** The electronic credential decode service (POST /ec/query). */
export const ecQueryRequestSchema = z.object({
  transType: z.literal('ec.query'),
  orgId: fixmedinsCodeSchema,
  data: z.object({
    qrCode: z.string().min(1, 'qrCode 不能为空').max(512),
    businessType: z.string().min(1, 'businessType 不能为空').max(10),
    operatorId: z.string().min(1, 'operatorId 不能为空').max(30),
    operatorName: z.string().max(50),
  }),
})
export type EcQueryRequest = z.infer<typeof ecQueryRequestSchema>

export const ecQueryDataSchema = z.object({
  ecToken: z.string(),
  ecIndexNo: z.string(),
  userName: z.string(),
  idNo: z.string(),
  idType: z.string(),
  insuOrg: z.string(),
})
export const ecQueryResponseSchema = z.union([
  z.object({ code: z.literal(0), message: z.string().optional(), data: ecQueryDataSchema }),
  z.object({
    code: z
      .number()
      .int()
      .refine((c) => c !== 0),
    message: z.string(),
    data: z.null().optional(),
  }),
])
export type EcQueryResponse = z.infer<typeof ecQueryResponseSchema>

/** Non-zero codes of the decode service. */
export const EC_ERROR_CODES = {
  invalidRequest: 1001,
  unknownQr: 2001,
  expiredQr: 2002,
  usedQr: 2003,
  notInsured: 2004,
} as const

/**
 * The decode service's reason without the advice it may add ("二维码已使用，请患者刷新电子凭证" → "二维码已使用"):
 * the counter gives its own advice once, in the cashier's words (counter-review B21).
 */
export function ecRefusalReason(message: string | undefined): string {
  const reason = (message ?? '').split(/[，,;；]\s*请/)[0]!.trim()
  return reason || '二维码无效或已过期'
}
