import { z } from 'zod'
import { COUNTER, defineCall, MANAGER, NoInput, type CallDef } from '../define'
import { DaySchema } from '../manager/schemas'
import type { SHIFT_CALLS } from './names'
import {
  CashMoveInputSchema,
  CloseShiftInputSchema,
  CloseShiftResultSchema,
  CounterDayStatusSchema,
  OpenShiftInputSchema,
  ShiftSchema,
  SupplementaryZSchema,
  SupplementaryZsSchema,
  XReportSchema,
} from './schemas'

const Day = z.object({ day: DaySchema }).strict()

export const shiftCalls = {
  currentShift: defineCall({
    summary: "This counter's open shift (交班), or null when none is open.",
    access: COUNTER,
    input: NoInput,
    output: ShiftSchema.nullable(),
    errors: [],
  }),
  openShift: defineCall({
    summary: 'Opens a shift with its opening float (an amount, or counted by denomination). One shift is open at a time per counter; no platform is needed.',
    access: COUNTER,
    input: OpenShiftInputSchema,
    output: ShiftSchema,
    errors: ['SHIFT_ALREADY_OPEN'],
  }),
  shiftCashMove: defineCall({
    summary:
      'Cash put into (in) or taken out of (out) the drawer during the open shift, with its reason. Taking out more than the drawer should hold is refused.',
    access: COUNTER,
    input: CashMoveInputSchema,
    output: XReportSchema,
    errors: ['SHIFT_NOT_OPEN', 'CASH_OUT_EXCEEDS_DRAWER'],
  }),
  shiftXReport: defineCall({
    summary: 'The X report of the open shift (or of a given shift): sales and refunds by tender, cash in and out, the cash the drawer should hold.',
    access: COUNTER,
    input: z.object({ shiftId: z.string().max(40).optional() }).strict(),
    output: XReportSchema,
    errors: ['SHIFT_NOT_OPEN', 'SHIFT_NOT_FOUND'],
  }),
  printShiftReport: defineCall({
    summary: 'Prints the X report of the open shift (or of a given closed shift, with its count and difference) on the receipt printer.',
    access: COUNTER,
    input: z.object({ shiftId: z.string().max(40).optional() }).strict(),
    output: z.object({ lines: z.array(z.string()) }),
    errors: ['SHIFT_NOT_OPEN', 'SHIFT_NOT_FOUND', 'PRINTER_DISABLED', 'PRINTER_OFFLINE', 'PRINTER_TIMEOUT', 'PRINTER_PAPER_OUT'],
  }),
  closeShift: defineCall({
    summary:
      "Closes the open shift with the cash the cashier counted blind (amount or denominations) and a note; only then are the expected cash and the difference shown. With handoverTo the next cashier's shift opens at once with the counted cash as its float.",
    access: COUNTER,
    input: CloseShiftInputSchema,
    output: CloseShiftResultSchema,
    errors: ['SHIFT_NOT_OPEN', 'HANDOVER_USER_UNKNOWN'],
  }),
  listShifts: defineCall({
    summary: "The shifts opened on a business day, with their counts and differences (the manager's view).",
    access: MANAGER,
    input: Day,
    output: z.array(XReportSchema),
    errors: ['DAY_IN_FUTURE', 'INVALID_PERIOD'],
  }),
  counterDayStatus: defineCall({
    summary: 'Today at this counter: whether the day is already closed (a sale now goes to a supplementary Z), the open shift, and whether selling needs one.',
    access: COUNTER,
    input: NoInput,
    output: CounterDayStatusSchema,
    errors: [],
  }),
  issueSupplementaryZ: defineCall({
    summary:
      "Issues the next supplementary Z (补充Z报表) of a closed day: exactly the sales and refunds of the day that came after its Z and no earlier supplementary Z holds. The day's Z stays as closed.",
    access: MANAGER,
    input: Day,
    output: SupplementaryZSchema,
    errors: ['DAY_NOT_CLOSED', 'NOTHING_LATE', 'DAY_IN_FUTURE', 'INVALID_PERIOD'],
  }),
  printSupplementaryZ: defineCall({
    summary: 'Prints one supplementary Z of a day on the receipt printer, as issued.',
    access: MANAGER,
    input: z.object({ day: DaySchema, part: z.number().int().min(1) }).strict(),
    output: z.object({ lines: z.array(z.string()) }),
    errors: ['SUPPLEMENTARY_Z_NOT_FOUND', 'PRINTER_DISABLED', 'PRINTER_OFFLINE', 'PRINTER_TIMEOUT', 'PRINTER_PAPER_OUT'],
  }),
  supplementaryZs: defineCall({
    summary: "A day's supplementary Z's as issued, and how many late sales and refunds wait for the next one.",
    access: MANAGER,
    input: Day,
    output: SupplementaryZsSchema,
    errors: ['DAY_IN_FUTURE', 'INVALID_PERIOD'],
  }),
} satisfies Record<(typeof SHIFT_CALLS)[number], CallDef>
