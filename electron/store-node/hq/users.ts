import { createHash, randomBytes } from 'node:crypto'
import type { Pool } from 'pg'
import { hqRegionSchema, hqUserIdSchema, type HqUser } from '../../../shared/contract/hq/page'
import type { Clock } from '../../base/clock'
import { hashSecret, NOBODY_HASH, verifySecret } from '../../base/secret-hash'
import { StoreNodeError } from '../errors'
import { inTransaction } from '../migrations'
import * as store from './users-store'

const MAX_FAILED = 5
const LOCKOUT_MINUTES = 15
/** A page left alone this long signs out; a session lasts at most a working day however busy. */
const IDLE_MS = 30 * 60_000
const MAX_SESSION_MS = 12 * 3600_000
export const MIN_PASSWORD_LENGTH = 10

const sha256 = (token: string) => createHash('sha256').update(token).digest()
const userOf = (r: store.HqUserRow): HqUser => ({ userId: r.user_id, name: r.name, role: r.role, regions: r.regions })
const wrongPassword = () => new StoreNodeError('UNAUTHORIZED', '用户名或密码不正确')

/**
 * The head office's staff: who may open the page and what each sees. A password is kept as its scrypt hash
 * (the counter's PIN hash, electron/base/secret-hash.ts); a session is a random token in an HttpOnly cookie,
 * kept here only as its sha256. Five wrong passwords lock the user for 15 minutes, counted before the slow hash
 * in the transaction that decides the lock (as the counter's PINs), so guesses sent at once count one by one.
 */
export class HqUsers {
  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
  ) {}

  async add(u: { userId: string; name: string; regions: readonly string[]; password: string }): Promise<HqUser> {
    if (!hqUserIdSchema.safeParse(u.userId).success) throw new StoreNodeError('BAD_REQUEST', '用户名为 2–32 位字母、数字、点、下划线或连字符')
    const badRegion = u.regions.find((r) => !hqRegionSchema.safeParse(r).success)
    if (badRegion !== undefined) throw new StoreNodeError('BAD_REQUEST', `区域 ${badRegion} 不是行政区划代码的前 2、4 或 6 位`)
    if (!u.name.trim() || u.name.length > 40) throw new StoreNodeError('BAD_REQUEST', '姓名须为 1–40 个字')
    if (u.password.length < MIN_PASSWORD_LENGTH) throw new StoreNodeError('BAD_REQUEST', `密码至少 ${MIN_PASSWORD_LENGTH} 位`)
    const role = u.regions.length === 0 ? 'admin' : 'regional'
    const added = await store.insertHqUser(this.pool, {
      userId: u.userId,
      name: u.name.trim(),
      role,
      regions: [...new Set(u.regions)],
      passwordHash: await hashSecret(u.password),
      at: this.clock.now(),
    })
    if (!added) throw new StoreNodeError('HQ_USER_EXISTS', `用户 ${u.userId} 已存在`)
    return { userId: u.userId, name: u.name.trim(), role, regions: [...new Set(u.regions)] }
  }

  /** Checks the password with the lockout and opens a session: its token goes to the browser, once. */
  async signIn(userId: string, password: string): Promise<{ user: HqUser; token: string }> {
    const attempt = await this.countAttempt(userId)
    if (!attempt) {
      await verifySecret(password, NOBODY_HASH)
      throw wrongPassword()
    }
    if (!(await verifySecret(password, attempt.row.password_hash))) {
      if (attempt.locks) throw locked(new Date(this.clock.now().getTime() + LOCKOUT_MINUTES * 60_000))
      throw wrongPassword()
    }
    await store.clearHqFailedCount(this.pool, userId)
    const token = randomBytes(32).toString('base64url')
    await store.insertHqSession(this.pool, sha256(token), userId, this.clock.now())
    return { user: userOf(attempt.row), token }
  }

  /** The signed-in user of a session cookie, or undefined (none, ended, idle too long, or the user disabled). */
  async session(token: string | undefined): Promise<HqUser | undefined> {
    if (!token) return undefined
    const row = await store.touchHqSession(this.pool, sha256(token), this.clock.now(), IDLE_MS, MAX_SESSION_MS)
    return row && userOf(row)
  }

  async signOut(token: string | undefined): Promise<void> {
    if (token) await store.endHqSession(this.pool, sha256(token), this.clock.now())
  }

  /** Refuses a disabled or locked user, else counts this try as failed; `locks` when it reached the limit. */
  private async countAttempt(userId: string): Promise<{ row: store.HqUserRow; locks: boolean } | undefined> {
    const client = await this.pool.connect()
    try {
      return await inTransaction(client, async () => {
        const row = await store.lockHqUser(client, userId)
        if (!row || row.disabled_at) return undefined
        const now = this.clock.now()
        if (row.locked_until && row.locked_until > now) throw locked(row.locked_until)
        const failed = row.failed_count + 1
        const locks = failed >= MAX_FAILED
        await store.setHqFailedCount(client, userId, locks ? 0 : failed, locks ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) : null)
        return { row, locks }
      })
    } finally {
      client.release()
    }
  }
}

function locked(until: Date): StoreNodeError {
  const cst = new Date(until.getTime() + 8 * 3600_000).toISOString().slice(11, 16)
  return new StoreNodeError('HQ_USER_LOCKED', `密码连续输错 ${MAX_FAILED} 次，已锁定到 ${cst}（北京时间）`)
}
