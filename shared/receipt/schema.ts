import { z } from 'zod'
import { sum, yuan } from '../money/money'
import { relationSchema } from '../nhsa/codes'
import { maskName } from './mask'

/** Yuan with exactly 2 decimals, as strings: receipts never carry floats. */
export const amountSchema = z.string().regex(/^-?\d+\.\d{2}$/, '金额须为两位小数')
const quantitySchema = z.string().regex(/^\d+(\.\d{1,4})?$/, '数量最多四位小数')
const priceSchema = z.string().regex(/^\d+\.\d{2,6}$/, '单价为两到六位小数')

/** A: 甲类, B: 乙类, C: 丙类 (insured lines, chrgitm_lv 01/02/03); self: goods never sent to the platform. */
export const lineClassSchema = z.enum(['A', 'B', 'C', 'self'])
export type LineClass = z.infer<typeof lineClassSchema>

export const receiptLineSchema = z.object({
  name: z.string().min(1),
  spec: z.string().default(''),
  quantity: quantitySchema,
  unit: z.string().default(''),
  price: priceSchema,
  /** What the line comes to, net of its discount. */
  amount: amountSchema,
  class: lineClassSchema,
  /** 折扣 on the line (goods outside insurance only): the line's 原价 is amount + discount. */
  discount: amountSchema.default('0.00'),
})
export type ReceiptLine = z.infer<typeof receiptLineSchema>

export const offlineModeSchema = z.enum(['deposit', 'advance'])

/**
 * What an offline receipt must tell the customer besides the sale: what was paid now and what happens
 * next; once the platform has answered, what was paid then and what is refunded or still owed.
 */
export const offlineNoteSchema = z.discriminatedUnion('stage', [
  z.object({
    stage: z.literal('queued'),
    mode: offlineModeSchema,
    /** Deposit: what the platform is expected to pay and the store will hand back. Advance: what the store lent. */
    insuredEstimate: amountSchema,
  }),
  z.object({
    stage: z.enum(['settled', 'declined']),
    mode: offlineModeSchema,
    /** What the customer paid at the counter while offline. */
    paidBefore: amountSchema,
    /** paidBefore minus the customer's share now: > 0 refunded to them, < 0 still owed by them. */
    due: amountSchema,
    /** open: not yet handed over or collected; done: it was; waived: the store wrote the debt off. */
    settledUp: z.enum(['open', 'done', 'waived']),
    /** The platform's reason, when it declined. */
    reason: z.string().nullable().default(null),
  }),
])
export type OfflineNote = z.infer<typeof offlineNoteSchema>

export const prescriptionNoteSchema = z.object({
  rxno: z.string().nullable(),
  external: z.boolean(),
  doctor: z.string().default(''),
  hospital: z.string().default(''),
  diagnosis: z.string().default(''),
  pharmacist: z.string().min(1),
})
export type PrescriptionNote = z.infer<typeof prescriptionNoteSchema>

export const refundNoteSchema = z.object({
  /** When the refund was committed, as printed (local time). */
  refundedAt: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
  reason: z.string().min(1),
  /** The manager's staff id whose PIN approved it. */
  approvedBy: z.string().min(1),
})
export type RefundNote = z.infer<typeof refundNoteSchema>

export const receiptSchema = z
  .object({
    store: z.object({
      name: z.string().min(1),
      /** fixmedins_code, 12 characters. */
      institutionCode: z.string().min(1),
    }),
    terminalId: z.string().min(1),
    cashier: z.string().min(1),
    /** Local time of the sale, as printed. */
    soldAt: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
    saleId: z.string().min(1),
    /** setl_id from 2102/2207; null for cash-only sales and offline sales not yet settled. */
    settlementId: z.string().nullable(),
    lines: z.array(receiptLineSchema).min(1),
    totals: z.object({
      /** Everything on the receipt, insured and not. */
      saleTotal: amountSchema,
      /** medfee_sumamt: the insured lines. */
      medicalTotal: amountSchema,
      fundPay: amountSchema,
      ownAccount: amountSchema,
      /** acct_mulaid_pay: drawn from relatives' quotas by the platform, whether or not it says whose. */
      mutualAid: amountSchema,
      /** hosp_part_amt: the part the institution bears (a real gateway may report it; ours never does). */
      hospitalPart: amountSchema.default('0.00'),
      /** Paid in cash or by mobile payment: psn_cash_pay plus goods outside insurance. */
      cash: amountSchema,
    }),
    /**
     * The relative whose quota paid, only where a provincial extension names one: the national interface never
     * does, so mutual aid on a receipt usually has no payer. The name is masked while parsing: it never goes further.
     */
    mutualAid: z
      .object({
        payerName: z.string().min(1).transform(maskName),
        relation: relationSchema,
        /** null: the extension did not tell the quota left. */
        quotaLeft: amountSchema.nullable().default(null),
      })
      .nullable()
      .default(null),
    /** Own personal account balance after the sale, when the platform returned it. */
    accountBalance: amountSchema.nullable().default(null),
    payment: z.object({
      method: z.enum(['cash', 'mobile', 'none']),
      tendered: amountSchema,
      change: amountSchema,
    }),
    /** An offline sale (domain rule 5): waiting to be forwarded, or the corrected receipt once answered. */
    offline: offlineNoteSchema.nullable().default(null),
    /** The prescription the sale was dispensed under (处方登记), printed so the paper shows who checked it. */
    prescription: prescriptionNoteSchema.nullable().default(null),
    /**
     * A refund slip (退货单): the same sale's paper, its amounts now what went back to each payer, and who
     * approved it why. The payment says how the cash part goes back (tendered = the cash, no change).
     */
    refund: refundNoteSchema.nullable().default(null),
  })
  .superRefine((r, ctx) => {
    const t = r.totals
    const issue = (path: string[], message: string) => ctx.addIssue({ code: 'custom', path, message })
    const parts = sum([t.fundPay, t.ownAccount, t.mutualAid, t.hospitalPart, t.cash])
    if (!parts.eq(yuan(t.saleTotal))) issue(['totals', 'saleTotal'], '合计不等于基金+个人账户+共济+机构分担+现金')
    if (!sum(r.lines.map((l) => l.amount)).eq(yuan(t.saleTotal))) issue(['lines'], '明细金额之和不等于合计')
    const insured = sum(r.lines.filter((l) => l.class !== 'self').map((l) => l.amount))
    if (!insured.eq(yuan(t.medicalTotal))) issue(['totals', 'medicalTotal'], '医疗费总额不等于医保明细之和')
    if (r.lines.some((l) => l.class !== 'self' && !yuan(l.discount).isZero())) issue(['lines'], '医保明细不能有折扣')
    const p = r.payment
    if (p.method === 'cash') {
      if (!yuan(p.tendered).minus(yuan(t.cash)).eq(yuan(p.change))) issue(['payment', 'change'], '找零不等于实收减现金')
      if (yuan(p.change).lt(0)) issue(['payment', 'change'], '实收不足')
    } else if (!yuan(p.change).eq(0)) issue(['payment', 'change'], '非现金支付不应找零')
    if (p.method === 'none' && !yuan(t.cash).eq(0)) issue(['payment', 'method'], '有现金部分但未选择支付方式')
    const o = r.offline
    if (o && o.stage !== 'queued') {
      if (!yuan(o.paidBefore).minus(yuan(t.cash)).eq(yuan(o.due))) issue(['offline', 'due'], '退补金额不等于离线已付减应付')
      if (yuan(t.cash).gt(0) && !yuan(p.change).eq(0)) issue(['payment', 'change'], '更正小票不应找零')
    }
  })

/** What callers pass in (names unmasked allowed); `Receipt` is what is stored and printed. */
export type ReceiptInput = z.input<typeof receiptSchema>
export type Receipt = z.output<typeof receiptSchema>

export const paperWidthSchema = z.enum(['58', '80'])
export type PaperWidth = z.infer<typeof paperWidthSchema>

/** Characters per line in the printer's standard 12x24 font: 384 dots on 58 mm, 576 on 80 mm. */
export const PAPER_COLUMNS: Record<PaperWidth, number> = { '58': 32, '80': 48 }
