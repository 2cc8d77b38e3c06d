import { z } from 'zod'
import { MonthSideSchema } from '../../recon/month-side'
import { AmountSchema, DaySchema, DifferenceActionSchema, DifferenceSchema, ReconRunSchema, ReconTotalsRowSchema } from '../manager/schemas'
import { ApprovalSchema } from '../session/schemas'
import { detailDifferenceSchema } from '../../nhsa/transactions/reconciliation'
import { SYNC_API_VERSION, terminalUidSchema } from './wire'

/**
 * The store's day (issue 15, store-node.md §5.6): what the store node answers a paired counter about the
 * whole institution's day, and what the counter's manager screens show of it. The store node answers these
 * very shapes, so the counter passes them on to the screen as they are, checked once more.
 */

/** A counter as the store's day sees it: how far it has reported, and whether that covers the day. */
export const StoreTerminalSchema = z.object({
  terminalNo: z.number().int().min(1).max(99),
  label: z.string(),
  /**
   * The store node's time up to which this counter had nothing left unsent (its last "outbox empty"
   * report); null before its first one. "T02 last reported 18:42".
   */
  reportedThrough: z.string().nullable(),
  /** Reported past the day's end (or, for today, past the moment asked). */
  complete: z.boolean(),
  blocked: z.boolean(),
})
export type StoreTerminal = z.infer<typeof StoreTerminalSchema>

/** A day's figures (net: refunds subtract); amounts in yuan with two decimals. */
export const StoreFiguresSchema = z.object({
  sales: z.number().int(),
  refunds: z.number().int(),
  /** Settlements the platform also has, net (revokes count minus one): 3201's count. */
  insuredCount: z.number().int(),
  /** Medical total of the insured settlements, net: what the platform's ledger says. */
  medical: AmountSchema,
  fund: AmountSchema,
  account: AmountSchema,
  mutualAid: AmountSchema,
  hospital: AmountSchema,
  /** Goods outside insurance. */
  goods: AmountSchema,
  cash: AmountSchema,
  mobile: AmountSchema,
})
export type StoreFigures = z.infer<typeof StoreFiguresSchema>

export const StoreReportSchema = z.object({
  storeId: z.string(),
  day: DaySchema,
  figures: StoreFiguresSchema,
  byCounter: z.array(z.object({ terminalNo: z.number().int(), label: z.string(), figures: StoreFiguresSchema })),
  byCashier: z.array(z.object({ terminalNo: z.number().int(), cashier: z.string(), figures: StoreFiguresSchema })),
  /** Present once the counters' synced sales carry shift ids (交班); empty before. */
  byShift: z.array(z.object({ terminalNo: z.number().int(), shiftId: z.string(), figures: StoreFiguresSchema })),
})
export type StoreReport = z.infer<typeof StoreReportSchema>

/** A difference of the store's reconciliation: the counter's shape, with who owns it instead of a local sale. */
export const StoreDifferenceSchema = DifferenceSchema.omit({ saleId: true, actions: true, resolution: true }).extend({
  /** The counter whose settlement or message it is; null when no counter of the store can be named. */
  owner: z.object({ terminalNo: z.number().int(), label: z.string() }).nullable(),
  /** Why the actions are what they are, in words (which counter owns it, who has not reported yet). */
  why: z.string(),
  /** A counter's in-between message is its own to reverse (its recovery does it): the store never offers `resolve`. */
  actions: z.array(DifferenceActionSchema.exclude(['resolve'])),
  resolution: z.enum(['reversed', 'explained']).nullable(),
  /** The second manager who approved a reverse_orphan. */
  approvedBy: z.string().nullable(),
})
export type StoreDifference = z.infer<typeof StoreDifferenceSchema>

export const StoreReconRunSchema = ReconRunSchema.omit({ training: true, differences: true }).extend({
  /** Every counter had reported past the day's end (or the run's moment) when the run was made. */
  complete: z.boolean(),
  /** The counters it was not complete for, with when each last reported. */
  waitingFor: z.array(z.string()),
  differences: z.array(StoreDifferenceSchema),
})
export type StoreReconRun = z.infer<typeof StoreReconRunSchema>

/** One frozen store Z: part 0 is the day's close, 1, 2 … the supplementary Z's of sales after it. */
export const StoreZSchema = z.object({
  part: z.number().int().nonnegative(),
  closedAt: z.string(),
  closedBy: z.string(),
  reconRunId: z.number().int(),
  reconStatus: z.enum(['agreed', 'explained']),
  /** The manager's words for closing while a counter had not reported past the day. */
  note: z.string().nullable(),
  terminals: z.array(StoreTerminalSchema),
  report: StoreReportSchema,
})
export type StoreZ = z.infer<typeof StoreZSchema>

/** A counter's shift (交班) still open on the day: the store's close waits until it is handed over. */
export const StoreOpenShiftSchema = z.object({
  terminalNo: z.number().int().min(1).max(99),
  label: z.string(),
  shiftNo: z.number().int().positive(),
  /** The cashier's staff id. */
  cashier: z.string(),
  openedAt: z.string(),
})
export type StoreOpenShift = z.infer<typeof StoreOpenShiftSchema>

export const StoreDayViewSchema = z.object({
  storeId: z.string(),
  day: DaySchema,
  terminals: z.array(StoreTerminalSchema),
  /** The day as the counters' synced facts show it now. */
  report: StoreReportSchema,
  latestRun: StoreReconRunSchema.nullable(),
  closes: z.array(StoreZSchema),
  /** Sales and refunds of a closed day that no Z holds yet: the next supplementary Z's. */
  late: z.number().int().nonnegative(),
  /** Shifts still open at the counters on the day: the close is refused until they are handed over. */
  openShifts: z.array(StoreOpenShiftSchema),
})
export type StoreDayView = z.infer<typeof StoreDayViewSchema>

// ---- renderer → counter core calls

export const StoreDayInputSchema = z.object({ day: DaySchema }).strict()
export const StoreExplainInputSchema = z
  .object({ runId: z.number().int().positive(), seq: z.number().int().positive(), note: z.string().trim().min(2, '请写明差异的原因（至少 2 个字）').max(200) })
  .strict()
export const StoreReverseOrphanInputSchema = z
  .object({
    /** The run's day (the counters are awaited for it before the revoke). */
    day: DaySchema,
    runId: z.number().int().positive(),
    seq: z.number().int().positive(),
    /** The second manager, who types their own id and PIN at this counter. */
    approval: ApprovalSchema,
    note: z.string().trim().max(200).optional(),
  })
  .strict()
export const StoreCloseInputSchema = z
  .object({
    day: DaySchema,
    /** Closing while a counter has not reported past the day: the manager says why (a dead PC). */
    incompleteNote: z.string().trim().min(2).max(200).optional(),
  })
  .strict()

// ---- counter core → store node wire (besides the counter's key, every call names its terminal)

export const wire = <T extends z.ZodRawShape>(shape: T) => z.object({ version: z.literal(SYNC_API_VERSION), terminal_uid: terminalUidSchema, ...shape })

/** "My outbox held nothing after acked_seq at `at`" (the counter's clock; the store node caps it at its own). */
export const caughtUpRequestSchema = wire({ acked_seq: z.number().int().nonnegative(), at: z.iso.datetime() })
export const caughtUpAnswerSchema = z.object({ reported_through: z.string().nullable() })

/**
 * `as_of`: the moment the manager asked (the counter's clock; the store node caps it at its own). A counter
 * is complete once it reported past it, so what it sold before the question is in the answer.
 */
const asOf = z.iso.datetime().optional()
export const storeDayRequestSchema = wire({ day: DaySchema, as_of: asOf })
export const reconPrepareRequestSchema = wire({ day: DaySchema, setl_optins: z.string().regex(/^\d{6}$/) })

const fen = z.number().int()
/** What the counter sends to the platform for the store: every 3201 with its msgid (terminal 00), and the 3202 file. */
export const reconPrepareAnswerSchema = z.object({
  fingerprint: z.string(),
  /** One per 3201 (shared/recon/store-side.ts GroupTotals, integer fen), each with its msgid. */
  totals: z.array(
    z.object({
      msgid: z.string(),
      insutype: z.string(),
      clrType: z.string(),
      setlOptins: z.string(),
      count: z.number().int(),
      medical: fen,
      fund: fen,
      account: fen,
      mutualAid: fen,
    }),
  ),
  detail: z.object({ upload_msgid: z.string(), msgid: z.string(), file: z.string(), count: z.number().int(), medfee_fen: fen, fund_fen: fen, cash_fen: fen }),
})
export type ReconPrepareAnswer = z.infer<typeof reconPrepareAnswerSchema>

export const reconRecordRequestSchema = wire({
  day: DaySchema,
  as_of: asOf,
  actor: z.string().min(1).max(40),
  fingerprint: z.string(),
  totals: z.array(ReconTotalsRowSchema),
  detail: StoreReconRunSchema.shape.detail,
  differences: z.array(detailDifferenceSchema),
})

export const explainRequestSchema = wire({
  run_id: z.number().int(),
  seq: z.number().int(),
  actor: z.string().min(1).max(40),
  note: z.string().min(2).max(200),
})

export const orphanRequestSchema = wire({
  as_of: asOf,
  run_id: z.number().int(),
  seq: z.number().int(),
  actor: z.string().min(1).max(40),
  approver: z.string().min(1).max(40),
  note: z.string().max(200).nullable(),
})
/** The 2103 to send for the orphan, under a msgid the store node keeps (a resend after a lost answer repeats it). */
export const orphanPrepareAnswerSchema = z.object({
  entry_id: z.number().int(),
  msgid: z.string(),
  state: z.enum(['intent', 'answered', 'unknown', 'refused']),
  request: z.object({ data: z.object({ setl_id: z.string(), mdtrt_id: z.string(), psn_no: z.string() }) }),
})
export const orphanOutcomeRequestSchema = wire({
  run_id: z.number().int(),
  seq: z.number().int(),
  entry_id: z.number().int(),
  outcome: z.enum(['answered', 'unknown', 'refused']),
  /** The platform's setlinfo of the revoke, when answered. */
  setlinfo: z.record(z.string(), z.unknown()).nullable(),
})

export const closeRequestSchema = wire({ day: DaySchema, as_of: asOf, actor: z.string().min(1).max(40), incomplete_note: z.string().max(200).nullable() })
export const storeZAnswerSchema = z.array(StoreZSchema)

/** The store's own side of a month (every counter's settlements) and which of its days the store closed. */
export const storeMonthRequestSchema = wire({ begin: DaySchema, end: DaySchema, admdvs: z.string().regex(/^\d{6}$/) }).refine(
  (r) => r.begin <= r.end && r.begin.slice(0, 7) === r.end.slice(0, 7),
  'begin and end are days of one month, in order',
)
export const storeMonthAnswerSchema = z.object({ side: MonthSideSchema, closed_days: z.array(DaySchema) })

/** What the store asks this counter to do with its own messages (it acts under its own journal and msgids). */
export const commandsRequestSchema = wire({})
/**
 * reverse_in_between: reverse your message `msgid` still between intent and answer. refunded_elsewhere:
 * your sale `sale_id` was refunded at counter `by_terminal_no` under its message `msgid` (across.ts).
 */
export const storeCommandSchema = z.discriminatedUnion('kind', [
  z.object({ command_id: z.uuid(), kind: z.literal('reverse_in_between'), msgid: z.string() }),
  z.object({
    command_id: z.uuid(),
    kind: z.literal('refunded_elsewhere'),
    msgid: z.string(),
    sale_id: z.string().min(1),
    by_terminal_no: z.number().int().min(1).max(99),
  }),
])
export const commandsAnswerSchema = z.array(storeCommandSchema)
export type StoreCommand = z.infer<typeof storeCommandSchema>
/** reversed: 2601 answered; not_open: the message had its answer meanwhile (nothing to do); noted: a refund elsewhere recorded. */
export const commandDoneRequestSchema = wire({ command_id: z.uuid(), outcome: z.enum(['reversed', 'not_open', 'noted']) })
export const commandDoneAnswerSchema = z.object({ done: z.boolean() })
