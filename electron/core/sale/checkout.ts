import type { z } from 'zod'
import type { CheckoutSale } from '../../../shared/contract/sale/checkout'
import type { OpenedSaleSchema } from '../../../shared/contract/sale/across'
import type { OpenSaleInputSchema, SaleView } from '../../../shared/contract/sale/schemas'
import type { OfflineQuote } from '../../../shared/contract/offline/schemas'
import type { Caller, Logger } from '../transport'

/** Why the core voided a sale it opened for a checkout, as the sale's audit trail keeps it. */
export const CHECKOUT_VOID_REASONS = { presettleRefused: '预结算未通过', offlineUnestimable: '离线无法估算' } as const

type OpenedSale = z.output<typeof OpenedSaleSchema>

/** The steps a checkout is made of, as the sale module already answers them one by one. */
export interface CheckoutSteps {
  open(input: z.input<typeof OpenSaleInputSchema>, caller: Caller): Promise<OpenedSale>
  presettle(saleId: string, caller: Caller): Promise<SaleView>
  quoteOffline(saleId: string): OfflineQuote | Promise<OfflineQuote>
  voidSale(saleId: string, reason: string, caller: Caller): SaleView
  /** Whether the platform is anything but online now (the connectivity view's word, as the counter shows it). */
  offlineNow(): boolean
  log: Logger
}

/**
 * Open → pre-settle (2101, or the offline estimate) → void on refusal, in the core: a refused pre-settlement
 * or an offline sale that cannot be estimated leaves nothing behind but a voided draft, and the cashier gets
 * the refusal itself; the cart stays on the screen for another try.
 */
export async function checkoutSale(steps: CheckoutSteps, input: z.input<typeof OpenSaleInputSchema>, caller: Caller): Promise<CheckoutSale> {
  const opened = await steps.open(input, caller)
  if (!opened.lines.some((l) => l.insured)) return { kind: 'ready', sale: opened }
  const checked = opened.traceCodesChecked ? { traceCodesChecked: opened.traceCodesChecked } : {}
  if (steps.offlineNow()) {
    const quote = await voidedOnFailure(steps, opened.id, CHECKOUT_VOID_REASONS.offlineUnestimable, caller, async () => steps.quoteOffline(opened.id))
    const mode = quote.storeMode === 'advance' && !quote.advance.refusal ? 'advance' : 'deposit'
    return { kind: 'offline', sale: opened, quote, mode }
  }
  const presettled = await voidedOnFailure(steps, opened.id, CHECKOUT_VOID_REASONS.presettleRefused, caller, () => steps.presettle(opened.id, caller))
  return { kind: 'ready', sale: { ...presettled, ...checked } }
}

async function voidedOnFailure<T>(steps: CheckoutSteps, saleId: string, reason: string, caller: Caller, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (refusal) {
    try {
      steps.voidSale(saleId, reason, caller)
    } catch (e) {
      // The refusal is what the cashier must see, not the void's own failure; support finds the draft left open in the log.
      steps.log({ level: 'warn', msg: `checkout could not void ${saleId}: ${(e as Error).message}`, code: 'CHECKOUT_VOID_FAILED' })
    }
    throw refusal
  }
}
