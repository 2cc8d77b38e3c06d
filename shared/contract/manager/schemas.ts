import { z } from 'zod'

/** A CST calendar day: the business day (a sale at 23:59 Beijing time belongs to that day, wherever the PC's clock zone is). */
export const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 yyyy-MM-dd')
export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 yyyy-MM')
/** Yuan with 2 decimals as text ("-12.30"): money never crosses the boundary as a float. */
export const AmountSchema = z.string().regex(/^-?\d+\.\d{2}$/)

/**
 * The money of one sale or refund, or of a bucket of them; `total = fund + account + mutualAid + hospital + counter`
 * holds for each.
 */
export const AmountPartsSchema = z.object({
  /** What was sold: insured medical fees plus goods outside insurance. */
  total: AmountSchema,
  medical: AmountSchema,
  fund: AmountSchema,
  account: AmountSchema,
  mutualAid: AmountSchema,
  /** The institution's own share (hosp_part_amt, 机构分担) some regions' settlements carry. */
  hospital: AmountSchema,
  /** The person's cash share of the medical fees. */
  personCash: AmountSchema,
  goods: AmountSchema,
  /** Collected at the counter (personCash + goods), by cash or mobile payment. */
  counter: AmountSchema,
})
export type AmountParts = z.infer<typeof AmountPartsSchema>

/** One bucket of money, every part of it. */
export const TotalsSchema = z.object({
  count: z.number().int(),
  ...AmountPartsSchema.shape,
  cash: AmountSchema,
  mobile: AmountSchema,
})
export type Totals = z.infer<typeof TotalsSchema>

export const GroupSchema = z.object({
  key: z.string(),
  label: z.string(),
  sales: TotalsSchema,
  refunds: TotalsSchema,
  net: TotalsSchema,
})
export type Group = z.infer<typeof GroupSchema>

export const DrillGroupSchema = z.enum(['all', 'insurance', 'source', 'cashier', 'terminal'])
export const SourceKeySchema = z.enum(['fund', 'account', 'mutualAid', 'hospital', 'cash', 'mobile'])

export const DayClosedSchema = z.object({ closedAt: z.string(), closedBy: z.string(), reconRunId: z.number().int().nullable() })

export const DayReportSchema = z.object({
  day: DaySchema,
  training: z.boolean(),
  /** Set once the day is closed: the figures are then the frozen copy taken at the close. */
  closed: DayClosedSchema.nullable(),
  generatedAt: z.string(),
  sales: TotalsSchema,
  refunds: TotalsSchema,
  net: TotalsSchema,
  byInsurance: z.array(GroupSchema),
  bySource: z.array(
    z.object({ key: SourceKeySchema, label: z.string(), sales: AmountSchema, refunds: AmountSchema, net: AmountSchema, count: z.number().int() }),
  ),
  byCashier: z.array(GroupSchema),
  byTerminal: z.array(GroupSchema),
  byHour: z.array(z.object({ hour: z.number().int().min(0).max(23), count: z.number().int(), total: AmountSchema })),
  /** Sales that broke an amount identity (should always be empty; listed so nobody has to trust that). */
  identityBreaks: z.array(z.string()),
})
export type DayReport = z.infer<typeof DayReportSchema>

/** A sale or refund as one line of a drill-down. */
export const DayEventSchema = z.object({
  saleId: z.string(),
  kind: z.enum(['sale', 'refund']),
  at: z.string(),
  cashier: z.string(),
  terminalId: z.string(),
  memberNameMasked: z.string().nullable(),
  insutype: z.string().nullable(),
  clrType: z.string().nullable(),
  setlId: z.string().nullable(),
  payMethod: z.enum(['cash', 'mobile', 'none']).nullable(),
  ...AmountPartsSchema.shape,
  /** Where the figure came from: the platform's answer, or a reconciliation action. */
  source: z.enum(['journal', 'reconciliation']),
})
export type DayEvent = z.infer<typeof DayEventSchema>

export const ReconTotalsRowSchema = z.object({
  insutype: z.string(),
  clrType: z.string(),
  setlOptins: z.string(),
  count: z.number().int(),
  medical: AmountSchema,
  fund: AmountSchema,
  account: AmountSchema,
  mutualAid: AmountSchema,
  agreed: z.boolean(),
  platformSays: z.string(),
})

export const DifferenceKindSchema = z.enum(['only_store', 'only_platform', 'amount_differs'])
export const DifferenceActionSchema = z.enum(['resolve', 'reverse_orphan', 'explain'])
/** A 3202 row as the screen sees it: the person's psn_no stays in the core, like every personal identifier. */
export const DetailRowSchema = z.object({
  setlId: z.string(),
  mdtrtId: z.string(),
  medical: AmountSchema,
  fund: AmountSchema,
  account: AmountSchema,
  refund: z.boolean(),
})
export const DifferenceSchema = z.object({
  seq: z.number().int(),
  setlId: z.string(),
  kind: DifferenceKindSchema,
  refund: z.boolean(),
  fields: z.array(z.string()),
  store: DetailRowSchema.nullable(),
  platform: DetailRowSchema.nullable(),
  /** Our sale behind it, when there is one. */
  saleId: z.string().nullable(),
  /** What the manager can do about it; the first one is the suggestion. */
  actions: z.array(DifferenceActionSchema),
  resolution: z.enum(['resolved', 'reversed', 'explained']).nullable(),
  note: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
})
export type Difference = z.infer<typeof DifferenceSchema>

export const ReconRunSchema = z.object({
  id: z.number().int(),
  day: DaySchema,
  training: z.boolean(),
  at: z.string(),
  actor: z.string(),
  /** agreed: 3201 agreed everywhere; differences: 3202 listed them; explained: every difference has an explanation. */
  status: z.enum(['agreed', 'differences', 'explained']),
  totals: z.array(ReconTotalsRowSchema),
  detail: z.object({ storeCount: z.number().int(), platformCount: z.number().int(), differences: z.number().int(), says: z.string() }).nullable(),
  differences: z.array(DifferenceSchema),
})
export type ReconRun = z.infer<typeof ReconRunSchema>

export const ReconHistorySchema = z.object({
  latest: ReconRunSchema.nullable(),
  runs: z.array(z.object({ id: z.number().int(), at: z.string(), actor: z.string(), status: ReconRunSchema.shape.status, differences: z.number().int() })),
  /** Every action taken on the day's differences, oldest first, from the audit trail. */
  actions: z.array(z.object({ at: z.string(), actor: z.string(), action: z.string(), detail: z.record(z.string(), z.unknown()) })),
})

export const PendingSaleSchema = z.object({
  saleId: z.string(),
  state: z.string(),
  since: z.string(),
  cashier: z.string(),
  terminalId: z.string(),
  total: AmountSchema,
  memberNameMasked: z.string().nullable(),
  /** The message whose answer is missing, when there is one. */
  infno: z.string().nullable(),
})
export const PendingSchema = z.object({
  training: z.boolean(),
  /** Sales between intent and answer (settling, reversing, refunding): the counter's recovery keeps trying them. */
  inBetween: z.array(PendingSaleSchema),
  /** Sales where the settlement asked for more cash than was handed over: the store is owed the difference. */
  unpaid: z.array(PendingSaleSchema.extend({ owed: AmountSchema })),
  failedPrints: z.array(z.object({ jobId: z.number().int(), saleId: z.string(), copy: z.number().int(), at: z.string(), error: z.string().nullable() })),
  /**
   * Receivables and refunds owed from offline sales. null while this build has no offline queue: the
   * queue plugs in through the core's OfflinePendingSource (electron/core/manager/pending.ts).
   */
  offline: z
    .object({
      receivables: z.array(PendingSaleSchema.extend({ amount: AmountSchema })),
      refundsOwed: z.array(PendingSaleSchema.extend({ amount: AmountSchema })),
      queued: z.number().int(),
      /**
       * Offline sales the platform would not take because their msgid was already used by a different
       * message (two counters with one terminal number): still queued, never a decline; a manager's alarm.
       */
      held: z.array(PendingSaleSchema.extend({ msgid: z.string(), reason: z.string() })),
    })
    .nullable(),
})
export type Pending = z.infer<typeof PendingSchema>

export const ZReportSchema = z.object({
  report: DayReportSchema,
  close: DayClosedSchema.extend({
    queueAcknowledged: z.array(PendingSaleSchema),
    /** Offline sales not yet forwarded when the day closed (acknowledged by the manager). */
    offlineQueued: z.number().int(),
    reconStatus: z.enum(['agreed', 'explained']),
    note: z.string().nullable(),
    auditHead: z.string(),
  }),
  store: z.object({ fixmedinsCode: z.string(), fixmedinsName: z.string() }),
})
export type ZReport = z.infer<typeof ZReportSchema>

const StatementTotals = z.object({
  count: z.number().int(),
  medical: AmountSchema,
  fund: AmountSchema,
  account: AmountSchema,
  mutualAid: AmountSchema,
  personCash: AmountSchema,
})
export const StatementLineSchema = z.object({
  key: z.string(),
  label: z.string(),
  /** null where the store's records cannot say (the payer's region of a mutual-aid payment is known only to the platform). */
  store: z.object({ count: z.number().int().nullable(), amount: AmountSchema }).nullable(),
  platform: z.object({ count: z.number().int().nullable(), amount: AmountSchema }),
  agrees: z.boolean().nullable(),
})
export const MonthStatementSchema = z.object({
  month: MonthSchema,
  training: z.boolean(),
  begin: DaySchema,
  end: DaySchema,
  clearingId: z.string(),
  store: StatementTotals,
  platform: StatementTotals,
  lines: z.array(StatementLineSchema),
  days: z.array(z.object({ day: DaySchema, count: z.number().int(), medical: AmountSchema, closed: z.boolean() })),
})
export type MonthStatement = z.infer<typeof MonthStatementSchema>

export const ExportSchema = z.object({
  fileName: z.string(),
  mime: z.string(),
  /** Where the core also kept a copy (the data folder's exports/). */
  path: z.string(),
  bytes: z.number().int(),
  base64: z.string(),
})

export const AuditCheckSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  brokenAt: z.number().int().nullable(),
  reason: z.string().nullable(),
  head: z.string().nullable(),
  checkedAt: z.string(),
})
export const AuditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  subject: z.string(),
  detail: z.string(),
})
export type AuditEntry = z.infer<typeof AuditEntrySchema>
