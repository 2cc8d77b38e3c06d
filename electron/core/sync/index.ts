import type { CoreContext, CoreModule } from '../module'
import { sealedPairingKey } from '../secrets/pairing-key'
import { sealClearPairingKey } from './outbox'
import { StorePairing } from './pairing'
import { OutboxPusher } from './pusher'

export { applyRegistration, Outbox } from './outbox'
export { OutboxPusher } from './pusher'
export { StoreLink, StoreLinkError } from './store-link'

/** The sync concern: pairing with the store node, its status, and a pusher that runs only on a paired counter. */
export function syncModule(ctx: CoreContext): CoreModule<'pairWithStoreNode' | 'syncStatus' | 'unpairStoreNode'> {
  const key = sealedPairingKey(ctx.secrets)
  const pairing = new StorePairing({ db: ctx.db, clock: ctx.clock, settings: ctx.settings, audit: ctx.audit, key })
  const pusher = new OutboxPusher(ctx.db, ctx.clock, ctx.log, key)
  return {
    handlers: {
      pairWithStoreNode: async (input, caller) => {
        const status = await pairing.pair(input, caller.id)
        pusher.start()
        return status
      },
      syncStatus: () => pairing.status(),
      unpairStoreNode: async ({ reason }, caller) => {
        await pusher.stop()
        return pairing.unpair(reason, caller.id)
      },
    },
    start: () => {
      sealClearPairingKey(ctx.db, key)
      pusher.start()
    },
    close: () => pusher.stop(),
  }
}
