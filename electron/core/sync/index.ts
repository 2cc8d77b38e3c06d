import type { CoreContext } from '../module'
import { OutboxPusher } from './pusher'

export { applyRegistration, Outbox } from './outbox'
export { OutboxPusher } from './pusher'
export { StoreLink, StoreLinkError } from './store-link'

/** The sync concern as the core holds it: no calls yet, a pusher that runs only on a paired counter. */
export function syncModule(ctx: CoreContext) {
  const pusher = new OutboxPusher(ctx.db, ctx.clock, ctx.log)
  return {
    handlers: {},
    start: () => pusher.start(),
    close: () => pusher.stop(),
  }
}
