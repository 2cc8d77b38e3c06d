import type { CoreContext, CoreModule } from '../module'
import { sealedPairingKey } from '../secrets'
import { sealClearPairingKey } from './outbox-store'
import { StorePairing } from './pairing'
import { SaleJournal } from '../journal'
import { inBetweenReverser, refundedElsewhereNoter, runStoreCommands } from './commands'
import { AcrossCounters } from './across'
import { OutboxPusher } from './pusher'
import { StoreDay } from './store-day'
import { StoreCounters } from './registry'
import { managerDepsOf, MonthStatements } from '../manager'
import { MasterDataPublisher } from './master-data/publish'
import { generationImporter, MasterDataPuller } from './master-data/puller'
import type { CatalogImporter } from '../catalog'

export { AcrossCounters } from './across'
export { applyRegistration, isPaired, Outbox } from './outbox-store'
export { refuseInStoreMode, refuseStoreSettingsInStoreMode } from './master-data/read-only'
export { OutboxPusher } from './pusher'
export { StoreOfflinePool } from './offline-pool'
export { StoreOfflinePromises } from './offline-promises'
export { StoreSnapshots } from './store-snapshots'
export { StoreLink, StoreLinkError } from './store-link'

/** The sync concern: pairing with the store node, its status, and a pusher that runs only on a paired counter. */
export function syncModule(
  ctx: CoreContext,
  /** The catalog's import worker: a pulled generation is staged and swapped live there, never on the core's thread. */
  importer: Pick<CatalogImporter, 'runWhenIdle'>,
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
  | 'storeMonthStatement'
  | 'publishMasterData'
  | 'masterDataStatus'
  | 'storeCounters'
  | 'newStoreCounterCode'
  | 'repairStoreCounter'
  | 'retireStoreCounter'
  | 'storeAlarms'
  | 'ackStoreAlarm'
> {
  const key = sealedPairingKey(ctx.secrets)
  const pairing = new StorePairing({ db: ctx.db, clock: ctx.clock, settings: ctx.settings, audit: ctx.audit, key })
  // On the core's one ReversalsUnderWay: a store command and the counter's own recovery meeting on one message send one 2601.
  const reverse = inBetweenReverser(ctx.db, {
    heldBySender: (msgid) => ctx.reversals.held(msgid),
    reverse: async (msgid) => {
      const t = await ctx.platform.background()
      const journal = new SaleJournal(ctx.db, ctx.clock, { platform: t.client, msgids: t.msgids }, ctx.audit, {
        terminalId: ctx.settings.get().terminalId,
        training: () => ctx.settings.get().trainingMode,
        backoffMs: 200,
        maxBackoffMs: 1000,
        reversals: ctx.reversals,
      })
      return journal.reverse(msgid, 3)
    },
  })
  const across = new AcrossCounters({ db: ctx.db, clock: ctx.clock, key, training: () => ctx.settings.get().trainingMode })
  const handlers = { reverse_in_between: reverse, refunded_elsewhere: refundedElsewhereNoter(ctx.db, ctx.clock, ctx.audit) }
  const master = new MasterDataPuller({
    db: ctx.db,
    clock: ctx.clock,
    audit: ctx.audit,
    secrets: ctx.secrets,
    importGeneration: generationImporter(importer),
    dataDir: ctx.config.dataDir,
    onApplied: (kinds) => {
      if (kinds.has('settings')) ctx.events.emit('settingsChanged', { settings: ctx.settings.get() })
    },
  })
  const publisher = new MasterDataPublisher({ db: ctx.db, clock: ctx.clock, audit: ctx.audit, key, catalog: ctx.catalog })
  // Push before pull: the store's commands, then its master data, after every round that emptied the outbox.
  const pusher = new OutboxPusher(ctx.db, ctx.clock, ctx.log, key, {}, async (link, k, uid) => {
    await across.reportPending()
    let failed: unknown
    await runStoreCommands(link, k, uid, handlers).catch((e: unknown) => (failed = e))
    await master.pull(link, k, uid)
    if (failed) throw failed
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
  const months = new MonthStatements(managerDepsOf(ctx))
  const counters = new StoreCounters({
    db: ctx.db,
    clock: ctx.clock,
    audit: ctx.audit,
    key,
    approve: (approval, action, subject) => ctx.session.approve(approval, action, subject),
  })
  /** How far this counter applied the store's change log (cursor 0 on a standalone counter). */
  const applied = () => {
    const s = pusher.state()
    return s ? master.status(s.terminalUid) : { cursor: 0, pulledAt: null, lastError: null }
  }
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
      storeMonthStatement: ({ month }) => months.statement(month, (span) => day.month(span)),
      publishMasterData: async (input, caller) => {
        const seq = await publisher.publish(input, caller)
        // This counter applies it as every other does, by its pull; a catalog generation imports in the background.
        const round = pusher.drain().catch(() => 0)
        if (input.kind !== 'catalog') await round
        return { seq, applied: applied() }
      },
      masterDataStatus: () => applied(),
      storeCounters: () => counters.list(),
      newStoreCounterCode: ({ label }, caller) => counters.newCode(label, caller),
      repairStoreCounter: ({ terminalNo, approval }, caller) => counters.repairCode(terminalNo, approval, caller),
      retireStoreCounter: ({ terminalNo, reason, approval }, caller) => counters.retire(terminalNo, reason, approval, caller),
      storeAlarms: ({ includeAcked }) => counters.alarms(includeAcked),
      ackStoreAlarm: ({ alarmId }, caller) => counters.ack(alarmId, caller),
      unpairStoreNode: async ({ reason }, caller) => {
        await pusher.stop()
        return pairing.unpair(reason, caller.id)
      },
    },
    start: () => {
      sealClearPairingKey(ctx.db, key)
      pusher.start()
    },
    close: async () => {
      await pusher.stop()
      await master.close()
    },
  }
}
