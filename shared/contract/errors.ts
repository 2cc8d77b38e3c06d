import { z } from 'zod'

/**
 * Every failure that crosses the renderer/core boundary has this shape: a stable code for support
 * and a message a cashier can act on (Chinese by default).
 */
export const PosErrorSchema = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_]+$/),
  message: z.string().min(1),
  /** Which input fields were wrong, for forms. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
})
export type PosErrorData = z.infer<typeof PosErrorSchema>

export class PosError extends Error {
  readonly code: string
  readonly issues?: PosErrorData['issues']

  constructor(code: string, message: string, issues?: PosErrorData['issues']) {
    super(message)
    this.name = 'PosError'
    this.code = code
    this.issues = issues
  }

  toData(): PosErrorData {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message }
  }
}

/** Codes the transport layer itself produces; services add their own (PRINTER_OFFLINE, CATALOG_CORRUPT...). */
export const TransportErrorCodes = {
  INVALID_INPUT: '请求内容不正确',
  UNKNOWN_CALL: '不支持的操作',
  FORBIDDEN_FRAME: '请求来源不是本程序的页面，已拒绝',
  UNAUTHORIZED: '访问令牌无效，请从收银程序重新打开页面',
  INTERNAL: '程序内部错误，请联系技术支持',
} as const

/** The result envelope every call returns over IPC and HTTP. */
export const CallResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: PosErrorSchema }),
])
export type CallResult = z.infer<typeof CallResultSchema>

/** Formats zod issues as "field: problem" pairs with paths a form can map back to inputs. */
export function issuesOf(error: z.ZodError): NonNullable<PosErrorData['issues']> {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }))
}
