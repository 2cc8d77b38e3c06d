import { z } from 'zod'
import { COUNTER, defineCall, NoInput, type CallDef } from '../define'
import { PLATFORM_ERRORS } from '../error-registry'
import { STOCK_SALE_ERRORS } from '../stock/schemas'
import type { SALE_CALLS } from './names'
import { TenderedSchema } from '../../sale/schemas'
import {
  CREDENTIAL_ERRORS,
  IdentifyInputSchema,
  JournalStatusSchema,
  MemberViewSchema,
  OpenSaleInputSchema,
  PaymentInputSchema,
  RefundInputSchema,
  ReturnItemsInputSchema,
  SaleSummarySchema,
  SaleViewSchema,
} from './schemas'
import { HeldSaleSummarySchema, HoldSaleInputSchema, RecallInputSchema, RecalledSaleSchema } from './held'
import { MobilePaymentViewSchema, PayMobileInputSchema } from './mobile'
import { FindStoreSalesInputSchema, OpenedSaleSchema, StoreSaleFoundSchema } from './across'
import { CheckoutSaleSchema } from './checkout'

const SaleId = z.object({ saleId: z.string().min(1) }).strict()
const OPEN_SALE_ERRORS = [
  'AMOUNT_TOO_LARGE',
  'AMOUNT_OUT_OF_RANGE',
  'SALE_INVALID',
  'SHIFT_REQUIRED',
  'DISCOUNT_INSURED_LINE',
  'DISCOUNT_TOO_LARGE',
  'DISCOUNT_NEEDS_APPROVAL',
  'APPROVAL_NOT_MANAGER',
  'LOGIN_FAILED',
  'USER_LOCKED',
  'CATALOG_ITEM_NOT_FOUND',
  'MEMBER_EXPIRED',
  'QUOTA_NOT_AVAILABLE',
  'PRESCRIPTION_REQUIRED',
  'TRACE_CODE_SOLD',
  'TRACE_CODE_DUPLICATE',
  'TRACE_CODES_MISSING',
  'RECOVERY_IN_PROGRESS',
  ...STOCK_SALE_ERRORS,
] as const

export const saleCalls = {
  identifyMember: defineCall({
    summary:
      "Reads the customer's credential through the profile's seam (the QR code by the gateway's decode service or a vendor plug-in; an ID card number, typed or from a keyboard-wedge reader, 02; a social-security card's number and card_sn, 03) and reads their insurance and relatives' quotas (1101). Answers a masked view and a reference.",
    access: COUNTER,
    input: IdentifyInputSchema,
    output: MemberViewSchema,
    errors: ['QR_INVALID', 'MEMBER_NOT_INSURED', ...CREDENTIAL_ERRORS, ...PLATFORM_ERRORS],
  }),
  trainingMembers: defineCall({
    summary: 'Training mode only: the demo people with a fresh practice QR code each, to scan or type at the counter.',
    access: COUNTER,
    input: NoInput,
    output: z.array(z.object({ key: z.string(), nameMasked: z.string(), story: z.string(), qrCode: z.string() })),
    errors: ['NOT_TRAINING'],
  }),
  openSale: defineCall({
    summary:
      "Writes a sale (draft) from the cart: prices and classes come from the catalog, never from the screen. Insured lines need an identified member. In store mode box codes are checked store-wide (traceCodesChecked says how far). Discounts (line or whole sale, amount or percent) only on goods outside insurance; above the store's threshold with a manager's PIN.",
    access: COUNTER,
    input: OpenSaleInputSchema,
    output: OpenedSaleSchema,
    errors: OPEN_SALE_ERRORS,
  }),
  checkoutSale: defineCall({
    summary:
      "The counter's checkout (F8) in one call: opens the sale from the cart as openSale does, then pre-settles it (2101), or with the platform not online estimates it offline. A refused pre-settlement, or an offline sale that cannot be estimated, is voided in the core with the reason and the refusal answered; nothing is left open and nothing is sent twice.",
    access: COUNTER,
    input: OpenSaleInputSchema,
    output: CheckoutSaleSchema,
    errors: [...OPEN_SALE_ERRORS, 'SALE_WRONG_STATE', 'SALE_NO_MEMBER', 'MEMBER_NOT_SEEN', ...PLATFORM_ERRORS],
  }),
  presettleSale: defineCall({
    summary: "Pre-settlement (2101): the split between funds, own account, relative's quota and cash, line by line, before anything is charged.",
    access: COUNTER,
    input: SaleId,
    output: SaleViewSchema,
    errors: ['SALE_WRONG_KIND', 'SALE_WRONG_STATE', ...PLATFORM_ERRORS],
  }),
  settleSale: defineCall({
    summary:
      'Settles exactly once (2102; intent on disk first, a lost answer reversed with 2601), records the payment and queues the receipt. A sale with nothing insured is completed at the counter.',
    access: COUNTER,
    input: z.object({ saleId: z.string().min(1), payment: PaymentInputSchema }).strict(),
    output: SaleViewSchema,
    errors: [
      'SALE_WRONG_KIND',
      'SETTLEMENT_ANSWER_REJECTED',
      'SETTLEMENT_ANSWER_REJECTED_UNRESOLVED',
      'SALE_NEEDS_PLATFORM',
      'SALE_NEEDS_NO_PLATFORM',
      'MOBILE_PAY_NEEDS_CODE',
      'OFFLINE_WAITING',
      'AMOUNT_TOO_LARGE',
      'SHIFT_REQUIRED',
      'SALE_WRONG_STATE',
      'TENDERED_TOO_LITTLE',
      'SETTLEMENT_REVERSED',
      'SETTLEMENT_UNRESOLVED',
      ...PLATFORM_ERRORS,
      ...STOCK_SALE_ERRORS,
    ],
  }),
  collectCash: defineCall({
    summary: 'Adds cash handed over when the settlement asked for more than was tendered; prints the receipt once paid in full.',
    access: COUNTER,
    input: z.object({ saleId: z.string().min(1), tendered: TenderedSchema }).strict(),
    output: SaleViewSchema,
    errors: ['SALE_WRONG_STATE'],
  }),
  voidSale: defineCall({
    summary: 'Abandons a sale nothing was charged for (draft or pre-settled).',
    access: COUNTER,
    input: z.object({ saleId: z.string().min(1), reason: z.string().trim().min(1).max(100) }).strict(),
    output: SaleViewSchema,
    errors: ['SALE_WRONG_STATE'],
  }),
  refundSale: defineCall({
    summary: "Refunds a whole sale with a manager's PIN: 2103 restores funds, own account and the relative's quota; cash goes back over the counter.",
    access: COUNTER,
    input: RefundInputSchema,
    output: SaleViewSchema,
    errors: [
      'REFUND_ANSWER_REJECTED',
      'MOBILE_REFUND_TOO_MUCH',
      'OFFLINE_WAITING',
      'APPROVAL_NOT_MANAGER',
      'LOGIN_FAILED',
      'USER_LOCKED',
      'SALE_WRONG_STATE',
      'SALE_REFUNDED_ELSEWHERE',
      'SALE_LEASED',
      'SALE_ALREADY_REFUNDED',
      'REFUND_REVERSED',
      'REFUND_UNRESOLVED',
      ...PLATFORM_ERRORS,
    ],
  }),
  findStoreSales: defineCall({
    summary:
      "Store mode: the store's sales made at other counters, through the store node, by the receipt's code (sale id), settlement id, or day and member, to refund here.",
    access: COUNTER,
    input: FindStoreSalesInputSchema,
    output: z.array(StoreSaleFoundSchema),
    errors: ['SYNC_NOT_PAIRED', 'SYNC_STORE_UNREACHABLE', 'SYNC_PAIRING_REFUSED'],
  }),
  refundStoreSale: defineCall({
    summary:
      "Store mode: refunds a sale another counter made, with a manager's PIN: leased at the store node so no other counter refunds it at once, 2103 under this counter's own msgid and journal, the refund slip here; the selling counter is told.",
    access: COUNTER,
    input: RefundInputSchema,
    output: SaleViewSchema,
    errors: [
      'SYNC_NOT_PAIRED',
      'SYNC_STORE_UNREACHABLE',
      'SALE_NOT_IN_STORE',
      'SALE_LEASED',
      'SALE_SELLER_SILENT',
      'SALE_ALREADY_REFUNDED',
      'CROSS_REFUND_OWN_SALE',
      'CROSS_REFUND_NOT_INSURED',
      'CROSS_REFUND_MODE',
      'APPROVAL_NOT_MANAGER',
      'LOGIN_FAILED',
      'USER_LOCKED',
      'SALE_WRONG_STATE',
      'REFUND_NEEDS_PLATFORM',
      'REFUND_REVERSED',
      'REFUND_UNRESOLVED',
      ...PLATFORM_ERRORS,
    ],
  }),
  returnItems: defineCall({
    summary:
      'A partial return in one step: the whole sale is refunded, then what the customer keeps is opened and pre-settled as a new sale that names the old one.',
    access: COUNTER,
    input: ReturnItemsInputSchema,
    output: z.object({ refunded: SaleViewSchema, replacement: SaleViewSchema }),
    errors: [
      'MEMBER_REQUIRED',
      'REFUND_ANSWER_REJECTED',
      'APPROVAL_NOT_MANAGER',
      'LOGIN_FAILED',
      'SALE_WRONG_STATE',
      'SALE_REFUNDED_ELSEWHERE',
      'SALE_LEASED',
      'SALE_ALREADY_REFUNDED',
      'RETURN_NOTHING',
      'RETURN_TOO_MUCH',
      ...PLATFORM_ERRORS,
    ],
  }),
  getSale: defineCall({
    summary: 'One sale with its lines, split, payment and receipt job.',
    access: COUNTER,
    input: SaleId,
    output: SaleViewSchema,
    errors: ['SALE_NOT_FOUND'],
  }),
  listSales: defineCall({
    summary: "This terminal's sales of a day (local date), newest first.",
    access: COUNTER,
    input: z
      .object({
        day: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    output: z.array(SaleSummarySchema),
    errors: [],
  }),
  holdSale: defineCall({
    summary:
      '挂单: parks the cart (store codes, quantities, trace codes, prescription, the customer as shown, masked) in the database under a small number, so the next customer can be served; survives a restart.',
    access: COUNTER,
    input: HoldSaleInputSchema,
    output: HeldSaleSummarySchema,
    errors: ['HELD_TOO_MANY'],
  }),
  listHeldSales: defineCall({
    summary: 'The sales parked at this till, oldest first, with the customer (masked) and the items to recognise them by.',
    access: COUNTER,
    input: NoInput,
    output: z.array(HeldSaleSummarySchema),
    errors: [],
  }),
  recallHeldSale: defineCall({
    summary:
      "取单: takes a parked sale back out (once) as a cart with today's catalog items. The customer's insurance identity is not kept: it expires as at the counter and is asked again.",
    access: COUNTER,
    input: RecallInputSchema,
    output: RecalledSaleSchema,
    errors: ['HELD_NOT_FOUND'],
  }),
  payMobile: defineCall({
    summary:
      "付款码: charges the customer's WeChat Pay or Alipay payment code for what the sale has left to pay, through the payment provider. Waits while the customer enters a password (polling), up to a deadline, then cancels (撤销). Paid only on the provider's confirmation of this trade and amount.",
    access: COUNTER,
    input: PayMobileInputSchema,
    output: MobilePaymentViewSchema,
    errors: ['PAY_CODE_INVALID', 'MOBILE_PAY_NOT_CONFIGURED', 'MOBILE_PAY_IN_PROGRESS', 'MOBILE_PAY_NOTHING_DUE', 'SALE_WRONG_STATE', 'SALE_NOT_FOUND'],
  }),
  cancelMobilePay: defineCall({
    summary: 'Stops waiting for a mobile payment in flight and cancels (撤销) it at the provider: nothing stays charged.',
    access: COUNTER,
    input: SaleId,
    output: MobilePaymentViewSchema,
    errors: ['MOBILE_PAY_NONE', 'MOBILE_PAY_NOT_CONFIGURED'],
  }),
  listMobilePayments: defineCall({
    summary: "A sale's mobile payments, oldest first, with their refunds (what went back to the customer's wallet).",
    access: COUNTER,
    input: SaleId,
    output: z.array(MobilePaymentViewSchema),
    errors: [],
  }),
  journalStatus: defineCall({
    summary: 'Start-up recovery and reversals: what was found and resolved, and what is still being resolved.',
    access: COUNTER,
    input: NoInput,
    output: JournalStatusSchema,
    errors: [],
  }),
} satisfies Record<(typeof SALE_CALLS)[number], CallDef>
