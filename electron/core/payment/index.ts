import { PosError } from '../../../shared/contract'
import type { CoreContext } from '../module'
import { MobilePayService, type MobilePayTiming, type MobileSaleSide } from './mobile-pay-service'
import { MobilePayStore } from './mobile-pay-store'
import type { PaymentProvider } from './provider-port'
import { SandboxPaymentProvider } from './sandbox-provider'

export { MobilePayService, type MobileSaleSide } from './mobile-pay-service'
export { mobilePayMigration } from './mobile-pay-store'

/**
 * The provider of the moment. Training mode pays into the sandbox provider the training platform runs;
 * live mode has none until a store's real provider adapter is installed here (docs/mobile-payment.md).
 */
export function providerFor(ctx: CoreContext): () => Promise<PaymentProvider> {
  let cached: { url: string; provider: PaymentProvider } | undefined
  return async () => {
    if (!ctx.settings.get().trainingMode) {
      throw new PosError('MOBILE_PAY_NOT_CONFIGURED', { why: 'noProvider' })
    }
    await ctx.platform.current()
    const pay = ctx.platform.trainingSandbox?.payments
    if (!pay) throw new PosError('MOBILE_PAY_NOT_CONFIGURED', { why: 'training' })
    if (cached?.url !== pay.url) cached = { url: pay.url, provider: new SandboxPaymentProvider(pay) }
    return cached.provider
  }
}

export function mobilePayFor(ctx: CoreContext, sale: MobileSaleSide, timing?: Partial<MobilePayTiming>): MobilePayService {
  return new MobilePayService({
    db: ctx.db,
    clock: ctx.clock,
    events: ctx.events,
    audit: ctx.audit,
    log: ctx.log,
    store: new MobilePayStore(ctx.db, ctx.clock),
    provider: providerFor(ctx),
    sale,
    timing,
  })
}
