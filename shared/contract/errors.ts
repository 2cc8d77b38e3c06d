import { z } from 'zod'
import { ERROR_PARAMS, isErrorCode, type ErrorCode, type ErrorParams } from './error-registry'
import { zhMessage } from './error-words-zh'
import type { PosErrorData } from './envelope'

type Issues = NonNullable<PosErrorData['issues']>

/** A code without parameters may be thrown with none; any other needs exactly its registry's. */
export type PosErrorArgs<C extends ErrorCode> = C extends ErrorCode
  ? Record<never, never> extends ErrorParams<C>
    ? [params?: ErrorParams<C>, issues?: Issues]
    : [params: ErrorParams<C>, issues?: Issues]
  : never

const RELAYED = Symbol('relayed')

export class PosError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C
  /** Undefined only for a refusal relayed in another process's words (PosError.relayed). */
  readonly params: ErrorParams<C> | undefined
  readonly issues?: Issues

  constructor(code: C, ...args: PosErrorArgs<C> | [typeof RELAYED, string]) {
    const [first, second] = args as [unknown, unknown]
    const relayed = first === RELAYED
    const params = (relayed ? undefined : (first ?? {})) as ErrorParams<C> | undefined
    super(relayed ? (second as string) : zhMessage(code, params as ErrorParams<C>))
    this.name = 'PosError'
    this.code = code
    this.params = params
    if (!relayed && second) this.issues = second as Issues
  }

  /** A refusal another process (the store node) already worded: its code, and its sentence as it came. */
  static relayed(code: ErrorCode, message: string): PosError {
    return new PosError(code, RELAYED, message)
  }

  /** An error as it came over the wire, made whole again: its words checked against the registry, else kept as relayed. */
  static fromData(data: PosErrorData): PosError {
    if (!isErrorCode(data.code)) return PosError.relayed('INTERNAL', data.message)
    const parsed = data.params === undefined ? undefined : ERROR_PARAMS[data.code].safeParse(data.params)
    if (!parsed?.success) return PosError.relayed(data.code, data.message)
    const e = new PosError(data.code, RELAYED, data.message)
    return Object.assign(e, { params: data.params as ErrorParams<typeof data.code>, ...(data.issues ? { issues: data.issues } : {}) })
  }

  toData(): PosErrorData {
    return {
      code: this.code,
      message: this.message,
      ...(this.params ? { params: this.params as Record<string, unknown> } : {}),
      ...(this.issues ? { issues: this.issues } : {}),
    }
  }
}

/**
 * Codes the transport layer and the session gate answer for any call, whatever it declares; services add their
 * own (PRINTER_OFFLINE, CATALOG_CORRUPT...).
 */
export const TransportErrorCodes = {
  INVALID_INPUT: '请求内容不正确',
  UNKNOWN_CALL: '不支持的操作',
  FORBIDDEN_FRAME: '请求来源不是本程序的页面，已拒绝',
  UNAUTHORIZED: '访问令牌无效，请从收银程序重新打开页面',
  INTERNAL: '程序内部错误，请联系技术支持',
  NOT_SIGNED_IN: '请先登录',
  SESSION_LOCKED: '屏幕已锁定，请输入密码解锁',
  FORBIDDEN_ROLE: '当前账号无权进行此操作',
} as const

/** Formats zod issues as "field: problem" pairs with paths a form can map back to inputs. */
export function issuesOf(error: z.ZodError): NonNullable<PosErrorData['issues']> {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }))
}
