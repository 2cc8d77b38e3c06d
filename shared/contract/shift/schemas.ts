import { z } from 'zod'
import { boundedDecimalString } from '../../money/bounds'
import { AmountSchema, DaySchema, DayReportSchema, TotalsSchema } from '../manager/schemas'

/** The notes and coins of the renminbi a drawer holds, in fen (1 分 to 100 元). */
export const DENOMINATIONS_FEN = [10000, 5000, 2000, 1000, 500, 100, 50, 10, 5, 2, 1] as const

export const DenominationCountSchema = z
  .object({
    fen: z
      .number()
      .int()
      .refine((f) => (DENOMINATIONS_FEN as readonly number[]).includes(f), '没有这种面额的人民币'),
    count: z.number().int().min(0, '张数不能为负').max(9999, '张数不能超过 9999'),
  })
  .strict()
export type DenominationCount = z.infer<typeof DenominationCountSchema>

/** Cash counted into or out of the drawer: an amount, or the count of each note and coin (the amount is their sum). */
export const CashCountSchema = z.union([
  z.object({ amount: boundedDecimalString(2, '金额', 'tendered') }).strict(),
  z.object({ denominations: z.array(DenominationCountSchema).min(1).max(DENOMINATIONS_FEN.length) }).strict(),
])
export type CashCount = z.infer<typeof CashCountSchema>

const Reason = z
  .string()
  .trim()
  .min(2, '请写明原因（至少 2 个字）')
  .max(200, '原因最多 200 个字')
  .regex(/^[^\p{Cc}]*$/u, '原因不能含控制字符')

export const OpenShiftInputSchema = z.object({ float: CashCountSchema }).strict()
export const CashMoveInputSchema = z.object({ kind: z.enum(['in', 'out']), amount: boundedDecimalString(2, '金额', 'tendered'), reason: Reason }).strict()
export const CloseShiftInputSchema = z
  .object({
    counted: CashCountSchema,
    note: z
      .string()
      .trim()
      .max(200, '备注最多 200 个字')
      .regex(/^[^\p{Cc}]*$/u, '备注不能含控制字符')
      .optional(),
    /** The next cashier's staff id: their shift opens at once with the counted cash as its float. */
    handoverTo: z.string().trim().min(1).max(40).optional(),
  })
  .strict()

export const CashMoveSchema = z.object({
  id: z.string(),
  kind: z.enum(['in', 'out']),
  amount: AmountSchema,
  reason: z.string(),
  actor: z.string(),
  at: z.string(),
})

export const ShiftSchema = z.object({
  id: z.string(),
  no: z.number().int(),
  terminalId: z.string(),
  training: z.boolean(),
  state: z.enum(['open', 'closed']),
  cashier: z.string(),
  openedAt: z.string(),
  opening: AmountSchema,
  openingDenominations: z.array(DenominationCountSchema).nullable(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  /** Revealed only once closed: the cashier counts blind. */
  counted: AmountSchema.nullable(),
  countedDenominations: z.array(DenominationCountSchema).nullable(),
  expected: AmountSchema.nullable(),
  /** counted − expected: negative is cash missing. */
  difference: AmountSchema.nullable(),
  note: z.string().nullable(),
  handedTo: z.string().nullable(),
  handedFrom: z.string().nullable(),
})
export type Shift = z.infer<typeof ShiftSchema>

/** The X report: a shift's figures so far (or, closed, as frozen at its close). */
export const XReportSchema = z.object({
  shift: ShiftSchema,
  at: z.string(),
  sales: TotalsSchema,
  refunds: TotalsSchema,
  net: TotalsSchema,
  cashIn: AmountSchema,
  cashOut: AmountSchema,
  moves: z.array(CashMoveSchema),
  /** Opening float + cash taken − cash paid back + cash in − cash out. */
  expectedCash: AmountSchema,
  /** Sales written while the shift was open that are not settled yet (not in the figures). */
  unsettled: z.number().int(),
})
export type XReport = z.infer<typeof XReportSchema>

export const CloseShiftResultSchema = z.object({ closed: XReportSchema, next: ShiftSchema.nullable() })

export const CounterDayStatusSchema = z.object({
  day: DaySchema,
  /** The day is closed: a sale now goes to the day's next supplementary Z. */
  closed: z.boolean(),
  /** Sales and refunds of the closed day that no Z holds yet. */
  late: z.number().int(),
  shift: ShiftSchema.nullable(),
  requireOpenShift: z.boolean(),
})

/** 补充Z报表: what came after a day's close, one part each time the manager issues one (the close is part 0). */
export const SupplementaryZSchema = z.object({
  day: DaySchema,
  part: z.number().int().min(1),
  issuedAt: z.string(),
  issuedBy: z.string(),
  report: DayReportSchema,
})
export type SupplementaryZ = z.infer<typeof SupplementaryZSchema>

export const SupplementaryZsSchema = z.object({ day: DaySchema, closed: z.boolean(), late: z.number().int(), parts: z.array(SupplementaryZSchema) })
