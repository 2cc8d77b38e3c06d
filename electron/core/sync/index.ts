import type { CoreContext, CoreModule } from '../module'
import { sealedPairingKey } from '../secrets/pairing-key'
import { sealClearPairingKey } from './outbox'
import { StorePairing } from './pairing'
import { SaleJournal } from '../journal/sale-journal'
import { inBetweenReverser, refundedElsewhereNoter, runStoreCommands } from './commands'
import { AcrossCounters } from './across'
import { OutboxPusher } from './pusher'
import { StoreDay } from './store-day'

export { applyRegistration, Outbox } from './outbox'
export { OutboxPusher } from './pusher'
export { StoreLink, StoreLinkError } from './store-link'

/** The sync concern: pairing with the store node, its status, and a pusher that runs only on a paired counter. */
export function syncModule(
  ctx: CoreContext,
): CoreModule<
  | 'pairWithStoreNode'
  | 'syncStatus'
  | 'unpairStoreNode'
  | 'storeDay'
  | 'reconcileStore'
  | 'explainStoreDifference'
  | 'reverseStoreOrphan'
  | 'closeStoreDay'
  | 'storeZReports'
> {
  const key = sealedPairingKey(ctx.secrets)
  const pairing = new StorePairing({ db: ctx.db, clock: ctx.clock, settings: ctx.settings, audit: ctx.audit, key })
  const reverse = inBetweenReverser(ctx.db, ctx.clock, async (msgid) => {
    const t = await ctx.platform.background()
    const journal = new SaleJournal(ctx.db, ctx.clock, { platform: t.client, msgids: t.msgids }, ctx.audit, {
      terminalId: ctx.settings.get().terminalId,
      training: () => ctx.settings.get().trainingMode,
      backoffMs: 200,
      maxBackoffMs: 1000,
    })
    return journal.reverse(msgid, 3)
  })
  const across = new AcrossCounters({ db: ctx.db, clock: ctx.clock, key, training: () => ctx.settings.get().trainingMode })
  const handlers = { reverse_in_between: reverse, refunded_elsewhere: refundedElsewhereNoter(ctx.db, ctx.clock, ctx.audit) }
  const pusher = new OutboxPusher(ctx.db, ctx.clock, ctx.log, key, {}, async (link, k, uid) => {
    await across.reportPending()
    return runStoreCommands(link, k, uid, handlers)
  })
  const day = new StoreDay({
    db: ctx.db,
    clock: ctx.clock,
    settings: () => ctx.settings.get(),
    audit: ctx.audit,
    platform: ctx.platform,
    key,
    approve: (approval, action, subject) => ctx.session.approve(approval, action, subject),
    // This counter's own changes first, and its watermark with them: push before asking.
    pushOwn: () => pusher.drain().catch(() => 0),
    completenessWaitMs: ctx.config.storeCompletenessWaitMs,
  })
  return {
    handlers: {
      pairWithStoreNode: async (input, caller) => {
        const status = await pairing.pair(input, caller.id)
        pusher.start()
        return status
      },
      syncStatus: () => pairing.status(),
      storeDay: ({ day: d }) => day.view(d),
      reconcileStore: ({ day: d }, caller) => day.reconcile(d, caller),
      explainStoreDifference: ({ runId, seq, note }, caller) => day.explain(runId, seq, note, caller),
      reverseStoreOrphan: (input, caller) => day.reverseOrphan(input, caller),
      closeStoreDay: ({ day: d, incompleteNote }, caller) => day.close(d, incompleteNote, caller),
      storeZReports: ({ day: d }) => day.zReports(d),
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
