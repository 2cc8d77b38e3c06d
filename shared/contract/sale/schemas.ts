import { z } from 'zod'
import { QtySchema, TenderedSchema } from '../../sale/schemas'
import { ApprovalSchema } from '../session/schemas'
import { DiscountSchema, SaleDiscountViewSchema } from './discount'

const Yuan = z.string().regex(/^-?\d+\.\d{2}$/)

/** A relative's quota the customer may spend: whose (masked), how related, how much is left. */
export const QuotaViewSchema = z.object({
  mulaidId: z.string(),
  relation: z.string(),
  relationName: z.string(),
  payerNameMasked: z.string(),
  payerRegion: z.string(),
  remaining: Yuan,
})

/**
 * Who the customer is, as the screen may show them: masked, and with a reference instead of the
 * credential. The ecToken and the full identity stay in the core.
 */
export const MemberViewSchema = z.object({
  ref: z.string(),
  nameMasked: z.string(),
  certNoMasked: z.string(),
  gender: z.string(),
  age: z.number().int(),
  insutype: z.string(),
  insutypeName: z.string(),
  insuplcAdmdvs: z.string(),
  /** True when insured outside the store's province: cross-province settlement. */
  crossProvince: z.boolean(),
  psnType: z.string(),
  psnTypeName: z.string(),
  insured: z.boolean(),
  accountBalance: Yuan,
  /** Which of 1101's current insurance rows the sale uses (employee 310 first), and how many there were. */
  insuranceChoice: z.object({ reason: z.enum(['only', 'employee', 'first-active']), active: z.number().int() }).default({ reason: 'only', active: 1 }),
  /** 人员身份 from 1101's idetinfo (low-income, disability level …): shown, never taken for a certification. */
  identities: z.array(z.object({ type: z.string(), level: z.string(), memo: z.string() })).default([]),
  /** Relatives' quotas to pick: only under the provincial extension "store-chosen relative", else empty. */
  quotas: z.array(QuotaViewSchema),
  certifications: z.array(z.object({ code: z.string(), name: z.string() })),
  identifiedAt: z.string(),
  expiresAt: z.string(),
})
export type MemberView = z.infer<typeof MemberViewSchema>

/**
 * The most of one item a counter line sells. A 13-digit barcode typed or scanned into the quantity
 * field used to be priced: qty × price left the safe integer range of fen, and the written draft broke
 * the sale and the day's sales list. Checked by its digits before anything parses it as a number.
 */
export const MAX_LINE_QTY = 9999
export const LineQtySchema = z
  .string()
  .regex(/^\d+(\.\d+)?$/, { error: '数量须为数字', abort: true })
  .regex(/^\d{1,4}(\.\d+)?$/, `数量不能超过 ${MAX_LINE_QTY}（是否把条码扫进了数量栏？）`)
  .pipe(QtySchema)

export const CartLineSchema = z
  .object({
    storeCode: z.string().min(1).max(50),
    qty: LineQtySchema,
    /** One 20-digit code per box of a traceable drug, scanned at the counter (拆零: per box opened). */
    traceCodes: z
      .array(z.string().regex(/^\d{20}$/, '追溯码应为 20 位数字'))
      .max(200)
      .default([]),
    /** pack: qty counts boxes (as priced); unit: 拆零, qty counts whole smallest units (片, 粒, 支) of an opened box. */
    by: z.enum(['pack', 'unit']).default('pack'),
    /** The lot confirmed or picked at the counter for the boxes without a scanned code (absent: first-expiry-first-out). */
    lotId: z.string().min(1).max(64).optional(),
    /** 折扣 / 改价 on this line (goods outside insurance only). */
    discount: DiscountSchema.optional(),
  })
  .refine((l) => l.by === 'pack' || /^\d+$/.test(l.qty), { message: '拆零销售的数量须为整数个最小单位', path: ['qty'] })
export type CartLine = z.input<typeof CartLineSchema>

export const PrescriptionSchema = z.object({
  rxno: z.string().trim().max(30).optional(),
  /** An external prescription (e.g. from the e-prescription platform), 外配处方. */
  external: z.boolean().default(false),
  /** 审方/调剂药师: a name, or the staff id of a user, which the core records with the user's name. */
  pharmacist: z.string().trim().min(1, '请填写审方/调剂药师').max(30),
  /** 开方医师 and 开方医院 as written on the paper (absent on sales registered before they were asked). */
  doctor: z.string().trim().max(30).optional(),
  hospital: z.string().trim().max(60).optional(),
  /** 诊断, as the prescription states it. */
  diagnosis: z.string().trim().max(100).optional(),
})
export type PrescriptionInput = z.input<typeof PrescriptionSchema>

/** A sale's prescription as registered: what the receipt prints and the history shows. */
export const PrescriptionViewSchema = z.object({
  rxno: z.string().nullable(),
  external: z.boolean(),
  pharmacist: z.string(),
  /** Set when the pharmacist was named by their staff id. */
  pharmacistUserId: z.string().nullable(),
  doctor: z.string(),
  hospital: z.string(),
  diagnosis: z.string(),
})
export type PrescriptionView = z.infer<typeof PrescriptionViewSchema>

export const OpenSaleInputSchema = z
  .object({
    memberRef: z.string().optional(),
    lines: z.array(CartLineSchema).min(1, '购物车是空的').max(200),
    acctUsed: z.boolean().default(true),
    mulaidId: z.string().max(40).optional(),
    prescription: PrescriptionSchema.optional(),
    /** 整单优惠: shared by the goods outside insurance in proportion to their amounts. */
    saleDiscount: DiscountSchema.optional(),
    /** A manager's id and PIN, when the discounts are above the store's threshold. */
    discountApproval: ApprovalSchema.optional(),
  })
  .strict()

export const SplitSchema = z.object({
  /** medfee_sumamt: the insured lines. */
  medical: Yuan,
  fund: Yuan,
  account: Yuan,
  mutualAid: Yuan,
  /** psn_cash_pay: the person's own cash share of the insured lines. */
  personCash: Yuan,
  /** Ordinary goods and lines not sent to the platform. */
  goods: Yuan,
  /** What the cashier collects: personCash + goods. */
  cashDue: Yuan,
  fullOwnPay: Yuan,
  overLimit: Yuan,
  preSelfPay: Yuan,
  quotaLeft: Yuan.nullable(),
  accountBalance: Yuan.nullable(),
})
export type Split = z.infer<typeof SplitSchema>

export const SaleLineViewSchema = z.object({
  seq: z.number().int(),
  storeCode: z.string(),
  name: z.string(),
  spec: z.string(),
  unit: z.string(),
  qty: z.string(),
  price: Yuan,
  /** qty × price less `discount`. */
  amount: Yuan,
  /** 折扣 on this line (its share of a whole-sale discount included). */
  discount: Yuan.default('0.00'),
  insured: z.boolean(),
  class: z.enum(['A', 'B', 'C', 'self']),
  rxFlag: z.boolean(),
  traceCodes: z.array(z.string()),
  /** From the platform's answer (detlcutinfo), once pre-settled. */
  platform: z.object({ selfpayProp: z.string(), fullOwnPay: Yuan, overLimit: Yuan, preSelfPay: Yuan, inScope: Yuan, priceCap: Yuan.nullable() }).nullable(),
})

export const SaleStateSchema = z.enum(['draft', 'presettled', 'settling', 'settled', 'reversing', 'refunding', 'refunded', 'voided'])

/** Store mode: the counter of the store that refunded this counter's sale, and its refund's msgid. */
export const RefundedElsewhereSchema = z.object({ terminalNo: z.number().int().min(1).max(99), msgid: z.string(), notedAt: z.string() })
export type RefundedElsewhere = z.infer<typeof RefundedElsewhereSchema>

export const SaleViewSchema = z.object({
  id: z.string(),
  kind: z.enum(['pharmacy', 'clinic']),
  state: SaleStateSchema,
  training: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  cashier: z.string(),
  terminalId: z.string(),
  member: z.object({ nameMasked: z.string(), insutype: z.string() }).nullable(),
  acctUsed: z.boolean(),
  mulaidId: z.string().nullable(),
  rxno: z.string().nullable(),
  pharmacist: z.string().nullable(),
  /** The registered prescription, when the sale has one. */
  prescription: PrescriptionViewSchema.nullable(),
  replacesSaleId: z.string().nullable(),
  lines: z.array(SaleLineViewSchema),
  total: Yuan,
  /** The sale's discounts, when it has any. */
  discount: SaleDiscountViewSchema.nullable().default(null),
  /** Pre-settled: the platform's 2101 answer; settled: the 2102 answer. */
  split: SplitSchema.nullable(),
  settlementId: z.string().nullable(),
  payment: z
    .object({
      method: z.enum(['cash', 'mobile', 'none']).nullable(),
      cashDue: Yuan,
      tendered: Yuan.nullable(),
      change: Yuan.nullable(),
      /** More cash to collect when the settlement asked for more than was tendered. */
      owed: Yuan,
    })
    .nullable(),
  /** The receipt's print job, once queued (see the devices calls for its state). */
  receiptJobId: z.number().int().nullable(),
  /** Store mode: another counter of the store refunded this sale (under its own msgid); it cannot be refunded here. */
  refundedElsewhere: RefundedElsewhereSchema.optional(),
})
export type SaleView = z.infer<typeof SaleViewSchema>

export const PaymentInputSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('cash'), tendered: TenderedSchema }),
  z.object({ method: z.literal('mobile') }),
])

export const RefundInputSchema = z
  .object({ saleId: z.string(), approval: ApprovalSchema, reason: z.string().trim().min(1, '请填写退货原因').max(100) })
  .strict()

export const ReturnItemsInputSchema = z
  .object({
    saleId: z.string(),
    approval: ApprovalSchema,
    reason: z.string().trim().min(1, '请填写退货原因').max(100),
    /** What the customer keeps, by line: the rest comes back. */
    keep: z.array(z.object({ seq: z.number().int().positive(), qty: LineQtySchema, traceCodes: z.array(z.string().regex(/^\d{20}$/)).default([]) })).min(1),
    /** The customer's QR code scanned again for the new settlement (the first one has expired). */
    memberRef: z.string().optional(),
  })
  .strict()

export const SaleSummarySchema = z.object({
  id: z.string(),
  state: SaleStateSchema,
  createdAt: z.string(),
  cashier: z.string(),
  memberNameMasked: z.string().nullable(),
  total: Yuan,
  medical: Yuan,
  cashDue: Yuan.nullable(),
  lines: z.number().int(),
  training: z.boolean(),
  /** Store mode: another counter of the store refunded this sale; the list says so without opening it. */
  refundedElsewhere: RefundedElsewhereSchema.optional(),
})

export const RecoveredSchema = z.object({
  saleId: z.string(),
  infno: z.string(),
  outcome: z.enum(['reversed', 'unresolved']),
  state: SaleStateSchema,
  at: z.string(),
})

export const JournalStatusSchema = z.object({
  /** Start-up recovery still running: new insured sales wait for it. */
  recovering: z.boolean(),
  /** What start-up recovery (and background reversal) resolved, newest first. */
  recovered: z.array(RecoveredSchema),
  /** Sales whose platform outcome is still being resolved (reversal pending). */
  unresolved: z.number().int().nonnegative(),
  platform: z.object({
    training: z.boolean(),
    url: z.string(),
    error: z.string().nullable(),
    /** The training payment provider (付款码) beside the platform, when one runs. */
    paymentsUrl: z.string().nullable().default(null),
  }),
})
export type JournalStatus = z.infer<typeof JournalStatusSchema>

export { ApprovalSchema }

/** A credential that could not be read; nothing was sent to the platform. */
export const CREDENTIAL_ERRORS = [
  'ID_CARD_INVALID',
  'SOCIAL_CARD_INVALID',
  'CARD_READER_NOT_CONFIGURED',
  'CREDENTIAL_PLUGIN_UNREACHABLE',
  'CREDENTIAL_PLUGIN_BAD_ANSWER',
] as const

/** What identifies a customer or patient: a QR code, an ID card (02), a social-security card with its card_sn (03). */
export const IdentifyInputSchema = z.union([
  z.object({ qrCode: z.string().min(1).max(512) }).strict(),
  z.object({ idCardNo: z.string().regex(/^\s*\d{17}[\dXx]\s*$/, '身份证号应为 18 位') }).strict(),
  z.object({ socialCard: z.object({ cardNo: z.string().min(1).max(40), cardSn: z.string().max(80) }).strict() }).strict(),
  /** The social-security card in the configured reader: the vendor plug-in reads its number and card_sn. */
  z.object({ readCard: z.literal('social-security') }).strict(),
])
