import { z } from 'zod'
import { defineCall, MANAGER, NoInput, type CallDef } from '../define'
import type { MANAGER_CALLS } from './names'
import {
  AuditCheckSchema,
  AuditEntrySchema,
  DayEventSchema,
  DayReportSchema,
  DaySchema,
  DifferenceActionSchema,
  DrillGroupSchema,
  ExportSchema,
  MonthSchema,
  MonthStatementSchema,
  PendingSchema,
  ReconHistorySchema,
  ReconRunSchema,
  ZReportSchema,
} from './schemas'

const Day = z.object({ day: DaySchema }).strict()

export const managerCalls = {
  managerDay: defineCall({
    summary:
      'The day at a glance for the current mode (training or live): totals by insurance and clearing type, by source of payment, cashier, terminal and hour, refunds apart. A closed day answers its frozen figures.',
    access: MANAGER,
    input: Day,
    output: DayReportSchema,
    errors: ['DAY_IN_FUTURE'],
  }),
  managerDrill: defineCall({
    summary: 'The sales and refunds behind one figure of managerDay (group and key as managerDay names them).',
    access: MANAGER,
    input: z
      .object({
        day: DaySchema,
        group: DrillGroupSchema,
        key: z.string().max(80).optional(),
        kind: z.enum(['sale', 'refund', 'all']).default('all'),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    output: z.object({ total: z.number().int(), events: z.array(DayEventSchema) }),
    errors: ['DAY_IN_FUTURE'],
  }),
  reconcileDay: defineCall({
    summary:
      'Reconciles the day with the platform: 3201 per insurance type and clearing type; if any disagrees, 3202 with the detail file, listing every difference. Kept and audited. Emits managerDayChanged.',
    access: MANAGER,
    input: Day,
    output: ReconRunSchema,
    errors: ['RECON_RESULT_UNREADABLE', 'DAY_IN_FUTURE', 'DAY_CLOSED', 'PLATFORM_NOT_CONFIGURED', 'PLATFORM_REFUSED', 'PLATFORM_UNREACHABLE', 'RECON_BUSY'],
  }),
  reconciliationOf: defineCall({
    summary: "The day's latest reconciliation, earlier runs, and every action taken on its differences.",
    access: MANAGER,
    input: Day,
    output: ReconHistorySchema,
    errors: [],
  }),
  resolveDifference: defineCall({
    summary:
      'Acts on one difference of the latest run: resolve (reverse the in-between message behind it), reverse_orphan (2103 of a settlement only the platform has; only while settings declare this PC the only medical-insurance terminal of the institution, since it may belong to another counter), or explain (a note). Audited. Emits managerDayChanged.',
    access: MANAGER,
    input: z
      .object({
        runId: z.number().int().positive(),
        seq: z.number().int().positive(),
        action: DifferenceActionSchema,
        note: z.string().trim().max(200).optional(),
      })
      .strict(),
    output: ReconRunSchema,
    errors: [
      'MESSAGE_NOT_FOUND',
      'NOT_REVERSIBLE',
      'DAY_CLOSED',
      'RECON_STALE_RUN',
      'DIFFERENCE_NOT_FOUND',
      'DIFFERENCE_DONE',
      'ACTION_NOT_ALLOWED',
      'NOTE_REQUIRED',
      'RESOLVE_UNFINISHED',
      'ORPHAN_UNRESOLVED',
      'ORPHAN_MAY_BE_OTHER_COUNTER',
      'PLATFORM_REFUSED',
    ],
  }),
  closeDay: defineCall({
    summary:
      "Closes the day (Z report): only when no sale is left between intent and answer (or the remainder is acknowledged) and the latest reconciliation agrees or every difference is explained. Freezes the day's figures. Audited. Emits managerDayChanged.",
    access: MANAGER,
    input: z.object({ day: DaySchema, acknowledgeQueue: z.boolean().default(false), note: z.string().trim().max(200).optional() }).strict(),
    output: ZReportSchema,
    errors: ['DAY_IN_FUTURE', 'DAY_ALREADY_CLOSED', 'QUEUE_NOT_EMPTY', 'RECON_REQUIRED', 'RECON_UNEXPLAINED', 'RECON_STALE'],
  }),
  zReport: defineCall({
    summary: 'The Z report of a closed day: the frozen figures and how the close went, for printing.',
    access: MANAGER,
    input: Day,
    output: ZReportSchema,
    errors: ['DAY_NOT_CLOSED'],
  }),
  printZReport: defineCall({
    summary: "Prints a closed day's Z report on the receipt printer (the frozen figures); answers the printed lines.",
    access: MANAGER,
    input: Day,
    output: z.object({ lines: z.array(z.string()) }),
    errors: ['DAY_NOT_CLOSED', 'PRINTER_DISABLED', 'PRINTER_OFFLINE', 'PRINTER_TIMEOUT', 'PRINTER_PAPER_OUT'],
  }),
  monthStatement: defineCall({
    summary:
      "The platform's monthly clearing statement (3203) beside the store's own monthly totals, mutual aid and cross-province mutual aid on their own lines.",
    access: MANAGER,
    input: z.object({ month: MonthSchema }).strict(),
    output: MonthStatementSchema,
    errors: ['DAY_IN_FUTURE', 'PLATFORM_NOT_CONFIGURED', 'PLATFORM_REFUSED', 'PLATFORM_UNREACHABLE'],
  }),
  exportReport: defineCall({
    summary: 'A day (summary, every sale and refund, reconciliation) or a month (per day, store totals) as xlsx or CSV; a copy is kept in the data folder.',
    access: MANAGER,
    input: z.object({ scope: z.enum(['day', 'month']), period: z.string().max(10), format: z.enum(['xlsx', 'csv']) }).strict(),
    output: ExportSchema,
    errors: ['DAY_IN_FUTURE', 'INVALID_PERIOD'],
  }),
  pendingItems: defineCall({
    summary: 'What is still open: sales between intent and answer, unpaid balances, failed receipts, and (once it exists) the offline queue.',
    access: MANAGER,
    input: NoInput,
    output: PendingSchema,
    errors: [],
  }),
  verifyAudit: defineCall({
    summary: "Checks the audit trail's hash chain from the first row to the last.",
    access: MANAGER,
    input: NoInput,
    output: AuditCheckSchema,
    errors: [],
  }),
  auditEntries: defineCall({
    summary: 'Audit trail rows, newest first (optionally those before a sequence number, or about one subject).',
    access: MANAGER,
    input: z
      .object({ before: z.number().int().positive().optional(), subject: z.string().max(80).optional(), limit: z.number().int().min(1).max(500).default(100) })
      .strict(),
    output: z.array(AuditEntrySchema),
    errors: [],
  }),
} satisfies Record<(typeof MANAGER_CALLS)[number], CallDef>
