import { PosError, type Access, type Approval, type CallName, type Role, type Session, type User } from '../../../shared/contract'
import type { AuditTrail } from '../audit'
import type { Clock } from '../../base/clock'
import type { EventBus } from '../events'
import type { SettingsService } from '../settings'
import type { Db } from '../../base/store/database'
import type { Caller } from '../transport'
import { setUserOperator, userOperator, type UserOperator } from './operator-store'
import { hashPin, NOBODY_HASH, verifyPin } from './pin-hash'
import { UserStore, type UserRow } from './user-store'

export const MAX_FAILED_PINS = 5
export const PIN_LOCKOUT_MINUTES = 15

/** Training mode's users, shown with their PINs on the login screen so a new cashier can start at once. */
export const DEMO_USERS = [
  { id: 'demo-cashier', name: '演示收银员', role: 'cashier', pin: '111111' },
  { id: 'demo-desk', name: '演示前台', role: 'receptionist', pin: '222222' },
  { id: 'demo-manager', name: '演示店长', role: 'manager', pin: '888888' },
] as const satisfies readonly { id: string; name: string; role: Role; pin: string }[]

const ANONYMOUS: Caller = { id: 'anonymous', name: '', role: null }

function wrongPin(): PosError {
  return new PosError('LOGIN_FAILED')
}

function toUser(r: UserRow): User {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    active: r.active === 1,
    training: r.training === 1,
    lockedUntil: r.locked_until,
    nhsaOperator: r.nhsa_opter_code ? { code: r.nhsa_opter_code, name: r.nhsa_opter_name ?? r.nhsa_opter_code } : null,
  }
}

/**
 * Who is at the counter. One terminal, one signed-in user at a time; every call passes `gate` in the
 * dispatcher, so a role is enforced in the core whatever the screen shows. Inactivity locks the screen
 * without signing out, so a sale in progress is never lost to the lock.
 */
export class SessionService {
  private user: UserRow | undefined
  private lockedByHand = false
  private lastActivity: number
  private readonly users: UserStore

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly settings: SettingsService,
    private readonly audit: AuditTrail,
    private readonly events: EventBus,
  ) {
    this.lastActivity = clock.now().getTime()
    this.users = new UserStore(db)
  }

  /** Demo users exist from the first start, so a fresh install can be used at once in training mode. */
  async seedDemoUsers(): Promise<void> {
    if (this.users.trainingUserCount() > 0) return
    const hashes = await Promise.all(DEMO_USERS.map((u) => hashPin(u.pin)))
    const at = this.now()
    this.db.transaction(() =>
      this.users.insertTrainingUsers(
        DEMO_USERS.map((u, i) => ({ id: u.id, name: u.name, role: u.role, pinHash: hashes[i] })),
        at,
      ),
    )()
  }

  private now(): string {
    return this.clock.now().toISOString()
  }

  private idleLimitMs(): number {
    return this.settings.get().idleLockMinutes * 60_000
  }

  private isLocked(): boolean {
    return this.lockedByHand || this.clock.now().getTime() - this.lastActivity > this.idleLimitMs()
  }

  info(): Session {
    const settings = this.settings.get()
    return {
      user: this.user ? { id: this.user.id, name: this.user.name, role: this.user.role, training: this.user.training === 1 } : null,
      locked: this.user ? this.isLocked() : false,
      idleLockMinutes: settings.idleLockMinutes,
      demoUsers: settings.trainingMode ? DEMO_USERS.map((u) => ({ ...u })) : [],
    }
  }

  gate = (access: Access, call: CallName): Caller => {
    if (access === 'public') {
      return this.user && !this.isLocked() ? { id: this.user.id, name: this.user.name, role: this.user.role } : ANONYMOUS
    }
    if (!this.user) throw new PosError('NOT_SIGNED_IN')
    if (this.isLocked()) {
      if (!this.lockedByHand) this.changed()
      this.lockedByHand = true
      throw new PosError('SESSION_LOCKED')
    }
    if (!access.includes(this.user.role)) {
      throw new PosError('FORBIDDEN_ROLE', { role: this.user.role, call, allowed: [...access] })
    }
    this.lastActivity = this.clock.now().getTime()
    return { id: this.user.id, name: this.user.name, role: this.user.role }
  }

  /**
   * Checks a PIN with lockout; answers the user row. Used for sign-in and for a manager's approval.
   * The attempt is counted as a failure before the slow hash, in the transaction that also decides the
   * lock: guesses sent at once used to read the same count while scrypt ran (a burst of 30 counted
   * as 1, and the right PIN in it signed in). A right PIN clears the count afterwards.
   */
  private async checkPin(userId: string, pin: string): Promise<UserRow> {
    const attempt = this.countAttempt(userId)
    if (!attempt) {
      await verifyPin(pin, NOBODY_HASH)
      throw wrongPin()
    }
    const { row, failed, locks } = attempt
    if (!(await verifyPin(pin, row.pin_hash))) {
      this.audit.append({ actor: row.id, action: locks ? 'user.locked' : 'login.failed', subject: row.id, detail: { failed } })
      if (locks) throw new PosError('USER_LOCKED', { failures: MAX_FAILED_PINS, minutes: PIN_LOCKOUT_MINUTES })
      throw wrongPin()
    }
    this.users.clearFailedAttempts(row.id, this.now())
    return row
  }

  /** Refuses a user who may not try now, else counts this try as failed; `locks` when it reached the limit. */
  private countAttempt(userId: string): { row: UserRow; failed: number; locks: boolean } | undefined {
    return this.db.transaction(() => {
      const row = this.users.get(userId)
      if (!row) return undefined
      if (!row.active) throw new PosError('USER_INACTIVE')
      if (row.training === 1 && !this.settings.get().trainingMode) throw new PosError('TRAINING_USER_LIVE')
      if (row.locked_until && row.locked_until > this.now()) {
        throw new PosError('USER_LOCKED', { until: row.locked_until.slice(11, 16) })
      }
      const failed = row.failed_attempts + 1
      const locks = failed >= MAX_FAILED_PINS
      const until = locks ? new Date(this.clock.now().getTime() + PIN_LOCKOUT_MINUTES * 60_000).toISOString() : null
      this.users.setFailedAttempts(row.id, locks ? 0 : failed, until, this.now())
      return { row, failed, locks }
    })()
  }

  /**
   * Signs in, or unlocks. Over a locked screen only its own user or a manager may sign in: anyone else
   * would end the absent cashier's session. A manager signs in as themselves; the renderer keeps the
   * cashier's sale held until the cashier signs in again.
   */
  async login(userId: string, pin: string): Promise<Session> {
    const row = await this.checkPin(userId, pin)
    const held = this.user && this.isLocked() && this.user.id !== row.id ? this.user : undefined
    if (held && row.role !== 'manager') {
      this.audit.append({ actor: row.id, action: 'session.takeover-refused', subject: held.id })
      throw new PosError('SESSION_HELD', { name: held.name })
    }
    const action = this.user?.id === row.id ? 'session.unlocked' : held ? 'session.manager-takeover' : 'session.login'
    this.audit.append({ actor: row.id, action, subject: row.id, detail: held ? { role: row.role, held: held.id } : { role: row.role } })
    this.user = row
    this.lockedByHand = false
    this.lastActivity = this.clock.now().getTime()
    return this.changed()
  }

  /** Refused on a locked screen: whoever stands at it may not end the absent user's session. */
  logout(): Session {
    if (this.user && this.isLocked()) {
      throw new PosError('SESSION_LOCKED', { by: this.user.name })
    }
    return this.signOut()
  }

  private signOut(): Session {
    if (this.user) this.audit.append({ actor: this.user.id, action: 'session.logout', subject: this.user.id })
    this.user = undefined
    this.lockedByHand = false
    return this.changed()
  }

  lock(): Session {
    this.lockedByHand = true
    return this.changed()
  }

  /** A manager approves one action at someone else's counter by typing their PIN; answers who approved. */
  async approve(approval: Approval, action: string, subject: string): Promise<string> {
    const row = await this.checkPin(approval.userId, approval.pin)
    if (row.role !== 'manager') throw new PosError('APPROVAL_NOT_MANAGER', { name: row.name, action })
    this.audit.append({ actor: row.id, action: 'approval.given', subject, detail: { action, requestedBy: this.user?.id ?? null } })
    return row.id
  }

  list(): User[] {
    const training = this.settings.get().trainingMode ? 1 : 0
    const rows = this.users.list(training)
    return rows.map(toUser)
  }

  /**
   * The 医保操作员 the signed-in user's platform messages go under, read fresh (a manager may just have set
   * it); null when nobody is signed in or the user has none (the institution's default stands in).
   */
  operator(): UserOperator | null {
    return this.user ? userOperator(this.db, this.user.id) : null
  }

  async save(input: { id: string; name: string; role: Role; active: boolean; pin?: string; nhsaOperator?: UserOperator | null }, actor: Caller): Promise<User> {
    const existing = this.users.get(input.id)
    if (!existing && !input.pin) throw new PosError('PIN_REQUIRED')
    if (existing?.training === 1) throw new PosError('DEMO_USER_FIXED')
    if (existing?.id === actor.id && (input.role !== 'manager' || !input.active)) {
      throw new PosError('LAST_MANAGER')
    }
    const pinHash = input.pin ? await hashPin(input.pin) : existing!.pin_hash
    const at = this.now()
    this.db.transaction(() => {
      this.users.save({ id: input.id, name: input.name, role: input.role, active: input.active, pinHash, pinChanged: Boolean(input.pin) }, at)
      if (input.nhsaOperator !== undefined) setUserOperator(this.db, input.id, input.nhsaOperator)
      this.audit.append({
        actor: actor.id,
        action: existing ? 'user.changed' : 'user.created',
        subject: input.id,
        detail: {
          name: input.name,
          role: input.role,
          active: input.active,
          pinChanged: Boolean(input.pin),
          ...(input.nhsaOperator !== undefined ? { nhsaOperator: input.nhsaOperator?.code ?? null } : {}),
        },
      })
    })()
    return toUser(this.users.get(input.id)!)
  }

  /** Going live needs a real manager who can sign in afterwards. */
  hasLiveManager(): boolean {
    return this.users.hasLiveManager()
  }

  /** Signs the demo user out when training mode ends. */
  onTrainingModeChanged(training: boolean): void {
    if (!training && this.user?.training === 1) this.signOut()
  }

  private changed(): Session {
    const session = this.info()
    this.events.emit('sessionChanged', { session })
    return session
  }
}

export function roleName(role: Role): string {
  return { cashier: '收银员', receptionist: '前台', manager: '店长' }[role]
}
