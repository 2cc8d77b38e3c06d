import { z } from 'zod'
import { RoleSchema } from '../define'
import { OperatorCodeSchema, OperatorNameSchema } from '../settings'

export const UserIdSchema = z.string().regex(/^[A-Za-z0-9_-]{2,20}$/, '工号应为 2-20 位字母、数字、下划线或连字符')
/** Digits only so it can be typed on a counter keypad; six at least because it guards refunds. */
export const PinSchema = z.string().regex(/^\d{6,12}$/, '密码应为 6-12 位数字')

export const UserSchema = z.object({
  id: UserIdSchema,
  name: z.string().trim().min(1, '姓名不能为空').max(20),
  role: RoleSchema,
  active: z.boolean(),
  /** Demo users exist only in training mode and cannot sign in on a live counter. */
  training: z.boolean(),
  lockedUntil: z.string().nullable(),
  /**
   * The user's 医保操作员 as the gateway assigned it: their platform messages go under it, signed in (9001)
   * when they take the counter. Null: the institution's default operator (设置).
   */
  nhsaOperator: z.object({ code: OperatorCodeSchema, name: OperatorNameSchema }).nullable(),
})
export type User = z.infer<typeof UserSchema>

export const SessionSchema = z.object({
  user: UserSchema.pick({ id: true, name: true, role: true, training: true }).nullable(),
  /** Locked after inactivity: the same user (or a manager) unlocks with a PIN; the open sale is kept. */
  locked: z.boolean(),
  idleLockMinutes: z.number().int().positive(),
  /** Training mode shows its demo users and their PINs on the login screen, so anyone can practise. */
  demoUsers: z.array(z.object({ id: UserIdSchema, name: z.string(), role: RoleSchema, pin: PinSchema })),
})
export type Session = z.infer<typeof SessionSchema>

/** A manager's PIN typed at the counter to approve one action (a refund, a return). */
export const ApprovalSchema = z.object({ userId: UserIdSchema, pin: PinSchema })
export type Approval = z.infer<typeof ApprovalSchema>
