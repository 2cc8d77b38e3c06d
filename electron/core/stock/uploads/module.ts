import type { CoreContext, CoreModule } from '../../module'
import type { UPLOADS_CALLS } from '../../../../shared/contract/uploads/names'
import { offlineFor } from '../../offline'
import { StockUploads } from './service'

/** Movements turned per transaction: a slice takes tens of milliseconds, then the event loop breathes. */
const FLUSH_SLICE = 25

/**
 * The platform's stock uploads (3501–3507): built from the stock ledger, queued through the offline
 * queue, their refusals listed for the manager. Registers itself with the queue as the builder of a
 * sale's uploads, and turns every other movement after it commits (the stockChanged event) and at start.
 */
export function uploadsModule(ctx: CoreContext): CoreModule<(typeof UPLOADS_CALLS)[number]> {
  const queue = offlineFor(ctx).queue
  let soon = false
  const changed = () => {
    if (soon) return
    soon = true
    queueMicrotask(() => {
      soon = false
      ctx.events.emit('stockUploadsChanged', {})
    })
  }
  const uploads = new StockUploads({
    db: ctx.db,
    clock: ctx.clock,
    audit: ctx.audit,
    queue,
    catalog: (code) => ctx.catalog.findByStoreCode(code) ?? undefined,
    changed,
  })
  // Registered as the modules are built, before any start-up recovery can settle a sale.
  queue.useSaleUploads(
    (saleId, infno) => uploads.forSale(saleId, infno),
    (fn) => uploads.group(fn),
  )
  const training = () => ctx.settings.get().trainingMode
  let unsubscribe: (() => void) | undefined
  let flushing: NodeJS.Immediate | undefined
  // After the call that moved stock has answered: a large stocktake's uploads never hold up its reply.
  const flushSoon = () => {
    flushing ??= setImmediate(() => {
      flushing = undefined
      try {
        if (uploads.flushSome(FLUSH_SLICE).more) flushSoon()
      } catch (e) {
        // The notes stay in stock_upload_pending (the slice rolled back): the next movement or start tries again.
        ctx.log({ level: 'error', msg: `进销存上传生成失败：${(e as Error).message}`, code: 'STOCK_UPLOADS_FAILED' })
      }
    })
  }
  return {
    handlers: {
      stockUploadIssues: () => uploads.issues(training()),
      stockUploadsRecent: ({ limit }) =>
        uploads.recent(training(), limit).map((r) => ({
          msgid: r.msgid,
          infno: r.infno,
          storeCode: r.item_code,
          saleId: r.sale_id,
          bchno: String((Object.values(JSON.parse(r.request) as Record<string, Record<string, unknown>>)[0] ?? {}).fixmedins_bchno ?? ''),
          state: r.state,
          lastError: r.last_error,
          createdAt: r.created_at,
        })),
      resendStockUpload: (input, caller) => ({ msgid: uploads.resend(input, caller.id) }),
      dismissStockUpload: (input, caller) => {
        uploads.dismiss(input, caller.id)
        return { ok: true as const }
      },
      withdrawStockUpload: (input, caller) => ({ msgid: uploads.withdraw(input, caller.id) }),
      stockUploadFacts: () => uploads.facts.all(training() ? 1 : 0),
      setStockUploadFact: (input, caller) => {
        uploads.setFact(training() ? 1 : 0, input, caller.id)
        return uploads.facts.all(training() ? 1 : 0)
      },
    },
    start: () => {
      // Movements outside a sale's settlement (receipts, returns, counts, cash sales) are turned once committed.
      unsubscribe = ctx.events.subscribe((event) => {
        if (event === 'stockChanged') flushSoon()
        // The queue's counts changed (a round of answers was recorded): the uploads' states may have too.
        else if (event === 'connectivity') changed()
      })
      // What a crash left between a movement and its upload.
      flushSoon()
    },
    close: () => {
      unsubscribe?.()
      if (flushing) clearImmediate(flushing)
    },
  }
}
