import { z } from 'zod'
import { boundedDecimalString } from '../money/bounds'

/** Quantity: positive, at most 4 decimals (the platform's `cnt`), at most BOUNDS.qty. */
export const QtySchema = boundedDecimalString(4, '数量', 'qty').refine((v) => !/^\d+(\.\d+)?$/.test(v) || Number(v) > 0, '数量须大于 0')
/** Unit price in yuan, at most 2 decimals at the counter, at most BOUNDS.price. */
export const PriceSchema = boundedDecimalString(2, '单价', 'price')
/** Cash handed over, in yuan: at most BOUNDS.tendered, so no scan typed into the field can overflow a column. */
export const TenderedSchema = boundedDecimalString(2, '实收金额', 'tendered')

export const SaleLineInputSchema = z
  .object({
    storeCode: z.string().min(1).max(50),
    /** The national catalog code; absent for ordinary goods. */
    nationalCode: z.string().min(1).max(50).optional(),
    name: z.string().min(1).max(100),
    qty: QtySchema,
    price: PriceSchema,
    /** Ordinary goods are never insured: they are paid in cash and never sent to the platform. */
    insured: z.boolean(),
    rxFlag: z.boolean().default(false),
    traceCodes: z.array(z.string().regex(/^\d{20}$/, '追溯码应为 20 位数字')).default([]),
    spec: z.string().max(100).default(''),
    unit: z.string().max(20).default(''),
    /** As the receipt prints it: 甲乙丙 (A/B/C) for insured lines, self otherwise. */
    class: z.enum(['A', 'B', 'C', 'self']).default('self'),
    /**
     * 拆零: sold by the smallest unit out of a box of this many. `qty` then counts whole smallest units and
     * `price` is still the box's; the journal prices the line by shared/stock/split-pack.ts.
     */
    packSize: z.number().int().min(2).max(100_000).optional(),
    /** The lot the cashier confirmed or picked for the boxes without a scanned code (absent: first-expiry-first-out). */
    lotId: z.string().min(1).max(64).optional(),
    /** 折扣 in fen, already worked out (electron/core/sale/discounts.ts): the line's amount is qty × price − this. */
    discountFen: z.number().int().min(0).max(999_999_999).default(0),
  })
  .refine((l) => l.packSize === undefined || /^\d+$/.test(l.qty), { message: '拆零销售的数量须为整数个最小单位', path: ['qty'] })
export type SaleLineInput = z.input<typeof SaleLineInputSchema>

/** Who pays, as the platform identified them (1101); the name only masked. */
export const MemberSchema = z.object({
  psnNo: z.string().min(1).max(30),
  insuplcAdmdvs: z.string().regex(/^\d{6}$/),
  insutype: z.string().regex(/^\d{3}$/),
  psnType: z.string().min(1).max(10),
  certType: z.enum(['01', '02', '03']),
  /** ecToken (01), ID number (02) or card number (03): what goes into mdtrt_cert_no. */
  certNo: z.string().min(1).max(100),
  /** 03 only: the social-security card's identification code, sent beside its number (1101, the settlement). */
  cardSn: z.string().min(1).max(50).optional(),
  nameMasked: z.string().min(1).max(50),
})
export type Member = z.infer<typeof MemberSchema>

export const OpenSaleSchema = z
  .object({
    kind: z.enum(['pharmacy', 'clinic']).default('pharmacy'),
    medType: z
      .string()
      .regex(/^\d{2}$/)
      .default('41'),
    /** Absent for a customer paying everything in cash (no insurance card shown). */
    member: MemberSchema.optional(),
    lines: z.array(SaleLineInputSchema).min(1, '购物车是空的'),
    acctUsed: z.boolean(),
    mulaidId: z.string().min(1).max(40).optional(),
    /** Whose quota (masked) and how related, for the receipt. */
    mulaidPayer: z.object({ payerNameMasked: z.string(), relation: z.string(), payerRegion: z.string().optional() }).optional(),
    rxno: z.string().min(1).max(30).optional(),
    rxExternal: z.boolean().default(false),
    pharmacist: z.string().min(1).max(30).optional(),
    replacesSaleId: z.string().optional(),
  })
  .refine((s) => !s.lines.some((l) => l.insured) || s.member, { message: '医保结算需要先识别顾客的医保码', path: ['member'] })
  .refine((s) => s.member === undefined || s.lines.some((l) => l.insured), { message: '没有可用医保结算的商品', path: ['lines'] })
export type OpenSale = z.input<typeof OpenSaleSchema>

export const SaleStateSchema = z.enum(['draft', 'presettled', 'settling', 'settled', 'reversing', 'refunding', 'refunded', 'voided'])
export type SaleState = z.infer<typeof SaleStateSchema>

/** How the customer pays what the funds and accounts do not: tendered in yuan for cash. */
export const PaymentSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('cash'), tendered: TenderedSchema }),
  z.object({ method: z.literal('mobile') }),
])
export type Payment = z.infer<typeof PaymentSchema>
