import { z } from 'zod'
import type { ErrorCode } from './error-registry'

export const RoleSchema = z.enum(['cashier', 'receptionist', 'manager'])
export type Role = z.infer<typeof RoleSchema>

/** Who may make a call: anyone (the login screen's calls) or a signed-in user holding one of the roles. */
export type Access = 'public' | readonly Role[]

export const ANY_STAFF: readonly Role[] = ['cashier', 'receptionist', 'manager']
export const COUNTER: readonly Role[] = ['cashier', 'manager']
export const FRONT_DESK: readonly Role[] = ['receptionist', 'manager']
export const MANAGER: readonly Role[] = ['manager']

export interface CallDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  summary: string
  /** Checked by the core's dispatcher before the handler runs, whatever the UI shows or hides. */
  access: Access
  input: I
  output: O
  /** Error codes this call may answer besides the transport's own; only registered codes compile. */
  errors: readonly ErrorCode[]
}

export function defineCall<I extends z.ZodType, O extends z.ZodType>(def: CallDef<I, O>): CallDef<I, O> {
  return def
}

export const NoInput = z.object({}).strict()
