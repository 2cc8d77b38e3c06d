import type { CoreContext, CoreModule } from '../module'
import { settlingServiceDeps } from '../journal'
import { offlineFor, type StorePromises } from '../offline'
import type { SaleStock } from '../stock'
import { HeldSalesStore } from './held-sales-store'
import { mobilePayFor } from '../payment'
import { SaleService } from './sale-service'
import { AcrossCounters, Outbox, StoreOfflinePool, StoreOfflinePromises, StoreSnapshots } from '../sync'
import { sealedPairingKey } from '../secrets'
import { localSaleOrigin } from '../ledger'
import { checkTraceCodesInStore, storeSaleFound, storeSaleQuery } from './across-store'
import { checkoutSale, type CheckoutSteps } from './checkout'
import { fromFen, toFen } from '../../../shared/money/money'
import { PosError } from '../../../shared/contract'

type SaleCalls =
  | 'identifyMember'
  | 'trainingMembers'
  | 'openSale'
  | 'checkoutSale'
  | 'presettleSale'
  | 'settleSale'
  | 'collectCash'
  | 'voidSale'
  | 'refundSale'
  | 'findStoreSales'
  | 'refundStoreSale'
  | 'returnItems'
  | 'getSale'
  | 'listSales'
  | 'journalStatus'
  | 'identifyOffline'
  | 'quoteOffline'
  | 'settleOffline'
  | 'holdSale'
  | 'listHeldSales'
  | 'recallHeldSale'
  | 'payMobile'
  | 'cancelMobilePay'
  | 'listMobilePayments'

/** What the sale calls ask of the shifts (交班) first: whether selling is allowed without an open one. */
export interface ShiftGate {
  requireForSale(): void
}

export function saleModule(ctx: CoreContext, stock?: SaleStock, shiftGate?: ShiftGate): CoreModule<SaleCalls> {
  // Before anything is written: the sale (or refund) then carries the open shift (migration 0360's link).
  const gated =
    <A extends unknown[], R>(f: (...a: A) => R) =>
    (...a: A): R => {
      shiftGate?.requireForSale()
      return f(...a)
    }
  const sales = new SaleService({ ...settlingServiceDeps(ctx), log: ctx.log, offline: offlineFor(ctx), stock })
  const held = new HeldSalesStore(ctx.db, ctx.clock, ctx.catalog)
  ctx.recovery.add(sales.recoveryPart())
  const mobile = mobilePayFor(ctx, sales, ctx.config.mobilePay)
  sales.useMobilePayments(mobile)
  const across = new AcrossCounters({ db: ctx.db, clock: ctx.clock, key: sealedPairingKey(ctx.secrets), training: () => ctx.settings.get().trainingMode })
  const pairedNo = () => new Outbox(ctx.db, () => ctx.clock.now()).state()?.terminalNo ?? null
  // In store mode the advance limit is one pool across the store's counters: asked before a quote (to show) and
  // before an advance (to hold the amount), on top of this counter's own limits.
  const pool = new StoreOfflinePool(ctx.db, ctx.clock, sealedPairingKey(ctx.secrets))
  // Offline identity within the store: what any counter saw online, found here by the store's key.
  const storeSnapshots = new StoreSnapshots(ctx.db, ctx.clock, sealedPairingKey(ctx.secrets), (msg) => ctx.log({ level: 'warn', msg, code: 'STORE_SNAPSHOT' }))
  offlineFor(ctx).snapshots.shareWith((idCardNo, snapshot, seenAt) => void storeSnapshots.share(idCardNo, snapshot, seenAt))
  // A person's account and quota promised offline are counted store-wide: the other counters' promises, or this
  // counter's share of the balances when the store node does not answer.
  const promises = new StoreOfflinePromises(ctx.db, ctx.clock, sealedPairingKey(ctx.secrets))
  const promisesOf = async (saleId: string) => {
    const person = sales.offlinePerson(saleId)
    return person ? { person: { saleId, ...person }, store: await promises.others({ saleId, ...person }) } : { person: null, store: null }
  }
  const pooled = async (saleId: string, reserve: boolean, store?: StorePromises | null) => {
    const quote = sales.quoteOffline(saleId, store)
    if (quote.storeMode !== 'advance' || quote.advance.refusal) return quote
    const off = offlineFor(ctx)
    const check = await pool.check({
      saleId,
      advanceFen: toFen(quote.advance.advanced),
      ownOutstandingFen: off.queue.outstandingFen(),
      limitFen: off.limits.get().outstandingFen,
      training: ctx.settings.get().trainingMode,
      reserve,
    })
    if (!check) return quote
    return {
      ...quote,
      advance: { ...quote.advance, refusal: check.refusal?.toData() ?? null },
      storePool: { scope: check.scope, limit: fromFen(check.limitFen).toFixed(2), counters: check.counters },
    }
  }
  // A settled insured sale of this counter's own: the refund that sends a 2103 another counter could also send.
  const insuredOwn = (saleId: string) => {
    const v = sales.view(saleId)
    return v.state === 'settled' && v.settlementId !== null && localSaleOrigin(ctx.db, saleId) === 'own'
  }
  let mobileRetry: NodeJS.Timeout | undefined
  let closed = false
  // Payments and refunds left in flight by a crash are settled with the provider before they are forgotten;
  // what the provider cannot be asked about yet is asked again in the background.
  const recoverMobile = async (): Promise<void> => {
    try {
      const { pending } = await mobile.recover()
      if (pending === 0 || closed) return
    } catch (e) {
      if ((e as { code?: string }).code === 'MOBILE_PAY_NOT_CONFIGURED' || closed) return
      ctx.log({ level: 'warn', msg: `mobile payment recovery: ${(e as Error).message}`, code: 'MOBILE_PAY_RECOVERY' })
    }
    mobileRetry = setTimeout(() => void recoverMobile(), 30_000)
    mobileRetry.unref()
  }
  const openSale: CheckoutSteps['open'] = gated(async (input, caller) => {
    const checked = await checkTraceCodesInStore(
      across,
      pairedNo,
      input.lines.flatMap((l) => l.traceCodes ?? []),
      ctx.log,
    )
    return { ...(await sales.openSale(input, caller)), ...(checked ? { traceCodesChecked: checked } : {}) }
  })
  const checkout: CheckoutSteps = {
    open: openSale,
    presettle: (saleId, caller) => sales.presettle(saleId, caller),
    quoteOffline: async (saleId) => pooled(saleId, false, (await promisesOf(saleId)).store),
    voidSale: (saleId, reason, caller) => sales.voidSale(saleId, reason, caller),
    offlineNow: () => offlineFor(ctx).connectivity.current !== 'online',
    log: ctx.log,
  }
  return {
    handlers: {
      identifyMember: (by) => sales.identify(by),
      trainingMembers: () => sales.trainingMembers(),
      openSale,
      checkoutSale: (input, caller) => checkoutSale(checkout, input, caller),
      presettleSale: ({ saleId }, caller) => sales.presettle(saleId, caller),
      settleSale: ({ saleId, payment }, caller) => sales.settle(saleId, payment, caller),
      collectCash: ({ saleId, tendered }, caller) => sales.collectCash(saleId, tendered, caller),
      voidSale: ({ saleId, reason }, caller) => sales.voidSale(saleId, reason, caller),
      refundSale: gated(({ saleId, approval, reason }, caller) =>
        across.refundOwn(saleId, insuredOwn(saleId), () => sales.refund(saleId, approval, reason, caller)),
      ),
      findStoreSales: async (query) => (await across.find(storeSaleQuery(query))).map(storeSaleFound),
      refundStoreSale: gated(async ({ saleId, approval, reason }, caller) => {
        await across.refund(saleId, async (id) => {
          await sales.refund(id, approval, reason, caller)
        })
        return sales.view(saleId)
      }),
      returnItems: gated((input, caller) => across.refundOwn(input.saleId, insuredOwn(input.saleId), () => sales.returnItems(input, caller))),
      getSale: ({ saleId }) => sales.view(saleId),
      listSales: ({ day, limit }) => sales.list(day, limit),
      journalStatus: () => sales.status(),
      identifyOffline: async ({ idCardNo }) => {
        const shared = await storeSnapshots.find(idCardNo)
        if (shared) offlineFor(ctx).snapshots.adopt(idCardNo, shared.snapshot, shared.seenAt)
        return sales.identifyOffline(idCardNo)
      },
      quoteOffline: async ({ saleId }) => pooled(saleId, false, (await promisesOf(saleId)).store),
      settleOffline: async ({ saleId, mode, payment }, caller) => {
        // The sale's promise is held at the store node only if nobody promised the person more since the
        // estimate; if somebody did, the estimate is made again with it (twice at most, then the cashier is told).
        for (let attempt = 1; ; attempt++) {
          const { person, store } = await promisesOf(saleId)
          const quote = await pooled(saleId, mode === 'advance', store)
          if (mode === 'advance' && quote.advance.refusal) throw PosError.fromData(quote.advance.refusal)
          let counted: StorePromises | null = store
          if (person && store?.scope === 'store') {
            const promise = { acctFen: toFen(quote.estimate.account), quotaFen: toFen(quote.estimate.mutualAid) }
            const held = await promises.hold(person, store, promise)
            if (held === false && attempt < 3) continue
            if (held === false) throw new PosError('OFFLINE_PROMISE_TAKEN')
            // Gone between the two calls: this counter keeps to its share, as when it never answered.
            if (held === null) counted = { scope: 'share', counters: store.counters }
          }
          return sales.settleOffline(saleId, mode, payment, caller, counted)
        }
      },
      holdSale: (input, caller) => held.hold(input, caller),
      listHeldSales: () => held.list(),
      recallHeldSale: ({ number }) => held.recall(number),
      payMobile: ({ saleId, authCode }, caller) => mobile.pay(saleId, authCode, caller),
      cancelMobilePay: ({ saleId }, caller) => mobile.cancel(saleId, caller),
      listMobilePayments: ({ saleId }) => mobile.list(saleId),
    },
    // Sales recover in the core's one recovery loop; a payment code left in flight is asked of its provider.
    start: () => {
      void recoverMobile()
    },
    close: () => {
      closed = true
      clearTimeout(mobileRetry)
    },
  }
}
