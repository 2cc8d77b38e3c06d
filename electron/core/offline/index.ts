import type { CoreContext } from '../module'
import { userName } from '../session'
import { OfflineService } from './service'

const services = new WeakMap<CoreContext, OfflineService>()

/**
 * The terminal's one offline service: the counter's sales and the offline concern's calls share it (one
 * queue, one connectivity view), so it is built once per core, by whichever module asks first.
 */
export function offlineFor(ctx: CoreContext): OfflineService {
  let s = services.get(ctx)
  if (!s) {
    s = new OfflineService({
      db: ctx.db,
      clock: ctx.clock,
      audit: ctx.audit,
      events: ctx.events,
      settings: () => ctx.settings.get(),
      // Forwarding and the health probe are background work: their own sign-in, never the cashier's.
      connection: { current: () => ctx.platform.background() },
      trainingPolicies: () => ctx.platform.training.policies(),
      printer: ctx.printer,
      userName: (id) => userName(ctx.db, id),
    })
    services.set(ctx, s)
  }
  return s
}

export { OfflineService }
export { estimateSale, type Estimate, type StorePromises } from './estimate'
export { advanceRefusal, type LimitRefusal } from './limits'
export { offlineReceipt } from './receipts'
export { SNAPSHOT_MAX_AGE_DAYS, type MemberSnapshot } from './snapshots'
export { forgetSnapshots } from './offline-store'
export type { OfflineSaleRow } from './queue-store'
