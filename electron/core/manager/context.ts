import { PosError, type Settings } from '../../../shared/contract'
import type { AuditTrail } from '../audit'
import type { Clock } from '../../base/clock'
import type { EventBus } from '../events'
import type { PlatformConnection } from '../platform'
import { cstDay } from '../sale'
import type { Db } from '../../base/store/database'
import type { CoreContext } from '../module'
import type { ReversalsUnderWay } from '../journal'
import { UserStore } from '../session'
import { DayStore } from './day-store'

/** What the manager's services share. */
export interface ManagerDeps {
  db: Db
  clock: Clock
  audit: AuditTrail
  events: EventBus
  platform: PlatformConnection
  settings: () => Settings
  dataDir: string
  /** The reversals under way on this database: resolving a difference joins one already running. */
  reversals: ReversalsUnderWay
}

/** The manager's services' dependencies, from the core's context (the sync concern builds the store's month with them too). */
export function managerDepsOf(ctx: CoreContext): ManagerDeps {
  return {
    db: ctx.db,
    clock: ctx.clock,
    audit: ctx.audit,
    events: ctx.events,
    platform: ctx.platform,
    settings: () => ctx.settings.get(),
    dataDir: ctx.config.dataDir,
    reversals: ctx.reversals,
  }
}

export function todayOf(deps: Pick<ManagerDeps, 'clock'>): string {
  return cstDay(deps.clock.now())
}

export function notFuture(deps: Pick<ManagerDeps, 'clock'>, day: string): void {
  if (Number.isNaN(new Date(`${day}T00:00:00+08:00`).getTime())) throw new PosError('INVALID_PERIOD', { day })
  if (day > todayOf(deps)) throw new PosError('DAY_IN_FUTURE', { day })
}

export function isClosed(db: Db, day: string, training: boolean): boolean {
  return new DayStore(db).isClosed(day, training ? 1 : 0)
}

export function refuseIfClosed(db: Db, day: string, training: boolean): void {
  if (isClosed(db, day, training)) throw new PosError('DAY_CLOSED', { day })
}

/** The users' names for reports ("演示收银员" rather than "demo-cashier"). */
export function userNames(db: Db): (id: string) => string {
  const map = new UserStore(db).names()
  return (id) => {
    const name = map.get(id)
    return name ? `${name}（${id}）` : id
  }
}
