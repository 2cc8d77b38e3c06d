import { fromFen } from '../../../shared/money/money'
import type { PendingView } from '../manager'
import type { CoreContext, CoreModule } from '../module'
import { offlineFor } from './index'
import { refuseInStoreMode } from '../sync'

type OfflineCalls =
  | 'connectivityStatus'
  | 'forwardNow'
  | 'offlineSales'
  | 'offlineSale'
  | 'resolveOffline'
  | 'reissueHeldOffline'
  | 'printOfflineReceipt'
  | 'offlineSettings'
  | 'setOfflineSettings'
  | 'offlinePolicies'
  | 'setOfflinePolicy'

/**
 * The offline concern: connectivity, the store-and-forward queue, outcomes, mode and limits, the
 * region policies for estimates. The counter's offline sale itself (identify, quote, settle) is answered
 * by the sale module, over the same service. `pending` is the manager's pending view, which lists what
 * the queue holds.
 */
export function offlineModule(ctx: CoreContext, pending?: PendingView): CoreModule<OfflineCalls> {
  const offline = offlineFor(ctx)
  const limitsView = () => {
    const l = offline.limits.get()
    return { mode: l.mode, perSale: fromFen(l.perSaleFen).toFixed(2), outstanding: fromFen(l.outstandingFen).toFixed(2), maxAgeHours: l.maxAgeHours }
  }
  return {
    handlers: {
      connectivityStatus: () => offline.status(),
      forwardNow: (_input, caller) => {
        ctx.audit.append({ actor: caller.id, action: 'offline.forward-now', subject: 'offline', detail: { queued: offline.queue.status().queued } })
        offline.queue.forwardNow()
        return offline.status()
      },
      offlineSales: ({ open, limit }) => offline.list(open, limit),
      offlineSale: ({ saleId }) => offline.view(saleId),
      resolveOffline: ({ saleId, action, note }, caller) => {
        offline.queue.resolve(saleId, action, caller.id, note)
        // The customer is at the counter for the money: they leave with the receipt that says so.
        if (action !== 'written_off') {
          try {
            offline.printReceipt(saleId, caller.id)
          } catch (e) {
            ctx.log({ level: 'error', msg: `corrected receipt for ${saleId}: ${(e as Error).message}`, code: 'RECEIPT_FAILED' })
          }
        }
        return offline.view(saleId)
      },
      reissueHeldOffline: ({ saleId }, caller) => offline.reissueHeld(saleId, caller.id),
      printOfflineReceipt: ({ saleId }, caller) => offline.printReceipt(saleId, caller.id),
      offlineSettings: () => limitsView(),
      setOfflineSettings: (input, caller) => {
        refuseInStoreMode(ctx.db, 'offline')
        offline.limits.set(input, caller.id)
        offline.changed('')
        return limitsView()
      },
      offlinePolicies: () => offline.policies.list(),
      setOfflinePolicy: (policy, caller) => {
        refuseInStoreMode(ctx.db, 'offline')
        return offline.policies.set(policy, caller.id)
      },
    },
    start: () => {
      pending?.registerOfflineQueue(offline.pendingSource())
      offline.start()
    },
    close: () => offline.close(),
  }
}
