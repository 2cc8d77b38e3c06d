import { z } from 'zod'
import { ANY_STAFF, defineCall, MANAGER, NoInput, RoleSchema, type CallDef } from '../define'
import type { SESSION_CALLS } from './names'
import { PinSchema, SessionSchema, UserIdSchema, UserSchema } from './schemas'

export const sessionCalls = {
  sessionInfo: defineCall({
    summary: 'Who is signed in, whether the screen is locked, and (training mode only) the demo users.',
    access: 'public',
    input: NoInput,
    output: SessionSchema,
    errors: [],
  }),
  login: defineCall({
    summary:
      'Signs in (or unlocks) with user id and PIN. Five wrong PINs lock the user for 15 minutes (each try is counted before the PIN is checked, so tries sent at once count too). Over a locked screen only its own user or a manager may sign in. Emits sessionChanged.',
    access: 'public',
    input: z.object({ userId: UserIdSchema, pin: z.string().max(20) }).strict(),
    output: SessionSchema,
    errors: ['LOGIN_FAILED', 'USER_LOCKED', 'USER_INACTIVE', 'TRAINING_USER_LIVE', 'SESSION_HELD'],
  }),
  logout: defineCall({
    summary:
      'Signs out. Refused on a locked screen (unlock first, or a manager signs in), so the held sale is never dropped by whoever stands there. Emits sessionChanged.',
    access: 'public',
    input: NoInput,
    output: SessionSchema,
    errors: ['SESSION_LOCKED'],
  }),
  lockSession: defineCall({
    summary: 'Locks the screen now (the cashier steps away); the same PIN unlocks it. Emits sessionChanged.',
    access: ANY_STAFF,
    input: NoInput,
    output: SessionSchema,
    errors: [],
  }),
  listUsers: defineCall({
    summary: "The store's users (never their PINs).",
    access: MANAGER,
    input: NoInput,
    output: z.array(UserSchema),
    errors: [],
  }),
  saveUser: defineCall({
    summary: 'Creates or changes a user; a PIN given is stored only as a slow hash. A manager cannot remove their own manager role.',
    access: MANAGER,
    input: z
      .object({
        id: UserIdSchema,
        name: z.string().trim().min(1, '姓名不能为空').max(20),
        role: RoleSchema,
        active: z.boolean(),
        pin: PinSchema.optional(),
        /** Absent: unchanged (none for a new user); null: cleared. */
        nhsaOperator: UserSchema.shape.nhsaOperator.optional(),
      })
      .strict(),
    output: UserSchema,
    errors: ['DEMO_USER_FIXED', 'PIN_REQUIRED', 'LAST_MANAGER', 'MASTER_DATA_READ_ONLY'],
  }),
} satisfies Record<(typeof SESSION_CALLS)[number], CallDef>
